// pg-keyset — keyset ("seek") paging in one prepared SQL statement: the request's cursor is the (created_at, id) of
// the last post the client saw, and `WHERE (created_at, id) < ($1, $2)` starts an index range scan of
// posts_created_at_id_idx right after it: 21 index entries for any page, so latency is flat in the depth. The row
// comparison matches the index's column order and direction (both DESC), so PostgreSQL turns it into the scan's
// start key; no new index is needed. Rows added or removed above the cursor do not shift the page.
// Choose it for infinite scroll, feeds, sync and export jobs: anything that walks pages in order. It costs the jump
// to an arbitrary page (page N needs page N-1's cursor), a total order with a unique tie-breaker (id here), and a
// cursor format the API must keep stable.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { beyondTheData, pageOf, type FeedPagesPage, type Params } from '../contract.ts';
import { pageRows, pageSql } from '../lib/pg-page.ts';

const FIRST_SQL = pageSql('', '');
export const KEYSET_SQL = pageSql('WHERE (created_at, id) < ($1, $2)', '');

export default defineStrategy<Params, never, FeedPagesPage>({
  name: 'pg-keyset',
  technique: 'keyset',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, paging: 'keyset' },
  read: async ({ page, cursor }, ctx) => {
    const rows = cursor
      ? await pageRows(ctx.pg, 'pages-keyset', KEYSET_SQL, [cursor.createdAt, cursor.id])
      : await pageRows(ctx.pg, 'pages-first', FIRST_SQL, []);
    const out = pageOf(page, rows);
    if (!out) throw new NotFound(beyondTheData(page));
    return out;
  },
});
