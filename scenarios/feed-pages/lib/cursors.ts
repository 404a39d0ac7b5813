// The keyset cursors of feed-pages, as a client holds them: page N is requested with the cursor of page N-1's last
// post, which the previous response handed out as `nextCursor`. The load generator needs the cursor of any page
// without a database round trip, so the feed's order is computed here from the deterministic generator (the same
// preset and seed give the same rows the seed wrote); verification then proves that every keyset strategy, given
// that cursor, returns the rows the OFFSET reference returns for that page number.
import { BadRequest } from '../../../src/core/errors.ts';
import type { DatasetInfo } from '../../../src/core/dataset.ts';
import { generatePosts } from '../../../datasets/generator.ts';
import { PRESETS, type PresetName } from '../../../datasets/presets.ts';

/** A position in the feed's (created_at DESC, id DESC) order: the last post a client has seen. */
export interface Cursor {
  createdAt: Date;
  id: number;
}

// Opaque to clients (base64url), readable to whoever decodes it: "<ISO-8601 with ms>,<post id>". The dataset's
// timestamps are whole milliseconds, so the ISO form loses nothing.
const PLAIN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z),([1-9][0-9]{0,9})$/;

export function encodeCursor(c: { createdAt: Date | number; id: number }): string {
  return Buffer.from(`${new Date(c.createdAt).toISOString()},${c.id}`).toString('base64url');
}

/** The cursor in a request; anything but one this API handed out is a 400. */
export function decodeCursor(raw: string): Cursor {
  const bad = (why: string): BadRequest => new BadRequest(`cursor is malformed (${why}): pass the nextCursor of the previous page`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw bad('not base64url');
  const m = PLAIN.exec(Buffer.from(raw, 'base64url').toString('latin1'));
  if (!m) throw bad('not a position in the feed');
  const createdAt = new Date(m[1] as string);
  const id = Number(m[2]);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== m[1]) throw bad('not a valid time');
  if (id > 2_147_483_647) throw bad('post id out of range');
  return { createdAt, id };
}

/** The posts of a dataset in feed order, newest first, computed once per preset and seed (a pass of the generator). */
const orders = new Map<string, Array<{ createdAt: number; id: number }>>();
function feedOrder(ds: DatasetInfo): Array<{ createdAt: number; id: number }> {
  const key = `${ds.preset}/${ds.seed}`;
  let order = orders.get(key);
  if (!order) {
    if (!(ds.preset in PRESETS)) throw new Error(`feed-pages: no generator preset named ${ds.preset}`);
    order = [];
    for (const { post } of generatePosts(ds.preset as PresetName, ds.seed)) order.push({ createdAt: post.createdAt, id: post.id });
    order.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    if (order.length !== ds.counts.posts)
      throw new Error(`feed-pages: the generator gives ${order.length} posts, the data has ${ds.counts.posts}`);
    orders.set(key, order);
  }
  return order;
}

/**
 * The cursor that starts `page` (of `pageSize` posts): the last post of the page before it; none for page 1. Past the
 * data it is the oldest post's, the cursor a client holds after the last page (its next page is empty: 404).
 */
export function cursorOf(ds: DatasetInfo, page: number, pageSize: number): string | undefined {
  if (page <= 1) return undefined;
  const order = feedOrder(ds);
  const last = order[Math.min((page - 1) * pageSize, order.length) - 1];
  return last ? encodeCursor(last) : undefined;
}
