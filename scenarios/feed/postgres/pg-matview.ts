// pg-matview — the feed read from a materialized view (feed_items_mv, datasets/11-read-model-feed.sql) that holds per
// post what a feed item shows (author snapshot, comment count, tag names), refreshed on a schedule with REFRESH
// MATERIALIZED VIEW CONCURRENTLY: a page is one index range scan of one table, as with pg-denormalized, but no write
// path maintains it. Choose it when a feed may lag its comments by a known bound and the team would rather own one
// SQL definition than write-path code (the comment's INSERT stays one statement, with no hot row to lock). It costs
// staleness up to one interval plus one refresh (the write verification waits that long, freshWithinMs), and every
// refresh recomputes the comment count and tags of every post and diffs them against the stored rows, whether one
// comment arrived or none: its cost grows with the data, not with the writes. The refresh runs in this server process
// on a timer (scenarios/shared/scheduled-refresh.ts says why and how); the report shows its time, WAL and count per
// trial beside the stale-read ratio.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { matviewParity, scheduledRefresh } from '../../shared/scheduled-refresh.ts';
import { commentedPost, offsetOf, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { feedItemsPageSql } from './pg-denormalized.ts';

/** How often the view is refreshed. A parity setting: recorded with the strategy in every result. */
export const REFRESH_INTERVAL_MS = 1_000;

const refresher = scheduledRefresh({ view: 'feed_items_mv', intervalMs: REFRESH_INTERVAL_MS, activeWindowMs: 250 });

const READ = { name: 'feed-items-mv-read', text: feedItemsPageSql('feed_items_mv') };

export default defineStrategy<Params, NewComment, FeedPage | RawJson>({
  name: 'pg-matview',
  technique: 'matview',
  client: 'pg',
  needs: ['postgres'],
  // The refresh's statements run outside any request and are not in a request's count (they are in the trial's
  // server totals, and reported as refreshes).
  expectQueries: () => 1,
  parity: matviewParity(REFRESH_INTERVAL_MS, 'feed_items_mv'),
  read: async ({ page }, ctx) => {
    refresher.touch(ctx);
    const r = await ctx.pg.query<{ payload: string }>({ ...READ, values: [page, offsetOf(page)] });
    return new RawJson((r.rows[0] as { payload: string }).payload);
  },
  // The comment goes to the normalized table only; its post's count shows it after the next refresh.
  write: (params, comment, ctx) => {
    refresher.touch(ctx);
    return insertComment(ctx.pg, commentedPost(params), comment);
  },
});
