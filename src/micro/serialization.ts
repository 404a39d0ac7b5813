// serialization — JSON.stringify of each scenario's payload, the last in-process step of every strategy that builds
// the payload in JavaScript; and pg-join's path, where PostgreSQL already wrote the JSON and the server passes the
// text through (RawJson), against parsing that text (what pg's json type parser does when a query selects a json
// column without ::text) and stringifying it again. Both paths end at the UTF-8 bytes the socket receives, which is
// work the server does either way (res.end encodes the string), so their difference is exactly parse + stringify.
import type { FeedPage } from '../../scenarios/feed/contract.ts';
import type { PostDetail } from '../../scenarios/post-detail/contract.ts';
import type { UserSummary } from '../../scenarios/user-summary/contract.ts';
import type { MicroGroup } from './bench.ts';
import { FEED_PAGE, feedPayload, indexed, POST_10, POST_100, postDetailPayload, SUMMARY_USER, userSummaryPayload } from './inputs.ts';

export interface SerializationInputs {
  post10: PostDetail;
  post100: PostDetail;
  feed: FeedPage;
  summary: UserSummary;
  /** pg-join's text for the same payloads (compact: see the note in rawJsonText). */
  post100Text: string;
  feedText: string;
}

/**
 * The JSON text a RawJson carries. PostgreSQL's json_build_object/json_agg output also holds spaces (`"id" : 3`) and
 * newlines between array elements; this compact text has the same value and slightly fewer bytes (the test checks
 * the value against pg-join's real output), so the pass-through path here is if anything a few % cheaper than live.
 */
export const rawJsonText = (payload: unknown): string => JSON.stringify(payload);

export function serializationInputs(): SerializationInputs {
  const ix = indexed();
  const post100 = postDetailPayload(ix, POST_100);
  const feed = feedPayload(ix, FEED_PAGE);
  return {
    post10: postDetailPayload(ix, POST_10),
    post100,
    feed,
    summary: userSummaryPayload(ix, SUMMARY_USER),
    post100Text: rawJsonText(post100),
    feedText: rawJsonText(feed),
  };
}

/** pg-join: the text PostgreSQL produced goes out as is. */
export const passThrough = (text: string): Buffer => Buffer.from(text, 'utf8');
/** The same text parsed into objects (as pg's json parser would) and serialized again by the server. */
export const parseAndStringify = (text: string): Buffer => Buffer.from(JSON.stringify(JSON.parse(text)), 'utf8');

export function serializationGroup(inputs: SerializationInputs = serializationInputs()): MicroGroup {
  const i = inputs;
  return {
    group: 'serialization',
    benches: [
      { name: 'JSON.stringify post-detail (10 comments)', fn: () => JSON.stringify(i.post10) },
      { name: 'JSON.stringify post-detail (100 comments)', fn: () => JSON.stringify(i.post100) },
      { name: 'JSON.stringify feed page (20 posts)', fn: () => JSON.stringify(i.feed) },
      { name: 'JSON.stringify user summary', fn: () => JSON.stringify(i.summary) },
      { name: 'pg-join RawJson pass-through → UTF-8 (post-detail, 100 comments)', fn: () => passThrough(i.post100Text) },
      { name: 'json parsed + JSON.stringify → UTF-8 (post-detail, 100 comments)', fn: () => parseAndStringify(i.post100Text) },
      { name: 'pg-join RawJson pass-through → UTF-8 (feed page)', fn: () => passThrough(i.feedText) },
      { name: 'json parsed + JSON.stringify → UTF-8 (feed page)', fn: () => parseAndStringify(i.feedText) },
    ],
    check: async () => {
      for (const [what, text, payload] of [
        ['post-detail', i.post100Text, i.post100],
        ['feed', i.feedText, i.feed],
      ] as const) {
        const a = passThrough(text);
        if (!a.equals(parseAndStringify(text)) || !a.equals(Buffer.from(JSON.stringify(payload)))) {
          throw new Error(`serialization: the ${what} paths do not produce identical JSON text`);
        }
      }
    },
  };
}
