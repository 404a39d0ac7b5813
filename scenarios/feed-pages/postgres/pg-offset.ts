// pg-offset — OFFSET/LIMIT paging in one prepared SQL statement: page N skips (N-1)*20 rows of the (created_at, id)
// index and returns the next 21 (the 21st says whether a next page exists). What most APIs do, because ?page=N maps
// straight onto it, a client can jump to any page, and it needs no cursor. Its cost grows with the depth: PostgreSQL
// reads and discards every skipped index entry and its heap row, so page 1 000 reads ~20 000 rows to return 20, and
// a row inserted or deleted above the page shifts every later page by one (items repeated or skipped while paging).
// The reference: its rows for page N are the truth the keyset strategies must match.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { beyondTheData, offsetOf, pageOf, type FeedPagesPage, type Params } from '../contract.ts';
import { pageRows, pageSql } from '../lib/pg-page.ts';

export const OFFSET_SQL = pageSql('', 'OFFSET $1');

export default defineStrategy<Params, never, FeedPagesPage>({
  name: 'pg-offset',
  technique: 'offset',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, paging: 'offset' },
  read: async ({ page }, ctx) => {
    const out = pageOf(page, await pageRows(ctx.pg, 'pages-offset', OFFSET_SQL, [offsetOf(page)]));
    if (!out) throw new NotFound(beyondTheData(page));
    return out;
  },
});
