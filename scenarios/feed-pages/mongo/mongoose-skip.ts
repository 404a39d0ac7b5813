// mongoose-skip — OFFSET paging in Mongoose: `.sort({ createdAt: -1, _id: -1 }).skip((N-1)*20).limit(21)`, with
// feed's mongoose-lean read of the page's relations. MongoDB walks the index and discards every skipped entry (and
// fetches its document unless the plan is covered), so the cost grows with the depth as OFFSET does in SQL. What
// Mongoose code does for ?page=N; it costs that growth, and pages shift when posts are added above them.
import { defineStrategy } from '../../../src/core/scenario.ts';
import { NotFound } from '../../../src/core/errors.ts';
import { beyondTheData, offsetOf, pageOf, type FeedPagesPage, type Params } from '../contract.ts';
import { mongoPage, mongoQueries } from '../lib/mongo-page.ts';

export default defineStrategy<Params, never, FeedPagesPage>({
  name: 'mongoose-skip',
  technique: 'offset',
  client: 'mongoose',
  needs: ['mongo'],
  runIn: ['quick', 'full'],
  expectQueries: mongoQueries,
  parity: { lean: true, paging: 'offset' },
  read: async ({ page }, { mongo }) => {
    const out = pageOf(page, await mongoPage(mongo, {}, offsetOf(page)));
    if (!out) throw new NotFound(beyondTheData(page));
    return out;
  },
});
