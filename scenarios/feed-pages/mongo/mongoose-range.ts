// mongoose-range — keyset paging in Mongoose: a range query that starts right after the cursor,
// `{ createdAt: { $lte: t }, $or: [{ createdAt: { $lt: t } }, { _id: { $lt: id } }] }` sorted by
// { createdAt: -1, _id: -1 }. The $lte on the index's first field gives the index scan its start bound; the $or only
// drops the posts that share the cursor's timestamp and are not older than it (ties are rare), so the scan reads
// about 21 entries for any page. MongoDB has no row comparison, which is why the bound and the tie-break are written
// apart. Choose it where clients walk pages in order; it costs the jump to an arbitrary page and a stable cursor format.
// On FerretDB (SQLite backend) only `_id` filters reach SQLite: the range is applied to every document in the
// server, so its figures there are FerretDB's, not the technique's (and the harness runs it on the tiny preset only).
import { defineStrategy } from '../../../src/core/scenario.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { beyondTheData, pageOf, type FeedPagesPage, type Params } from '../contract.ts';
import { mongoPage, mongoQueries } from '../lib/mongo-page.ts';

export default defineStrategy<Params, never, FeedPagesPage>({
  name: 'mongoose-range',
  technique: 'keyset',
  client: 'mongoose',
  needs: ['mongo'],
  runIn: ['quick', 'full'],
  expectQueries: mongoQueries,
  parity: { lean: true, paging: 'keyset' },
  read: async ({ page, cursor }, { mongo }) => {
    const filter = cursor
      ? { createdAt: { $lte: cursor.createdAt }, $or: [{ createdAt: { $lt: cursor.createdAt } }, { _id: { $lt: cursor.id } }] }
      : {};
    const out = pageOf(page, await mongoPage(mongo, filter, 0));
    if (!out) throw new NotFound(beyondTheData(page));
    return out;
  },
});
