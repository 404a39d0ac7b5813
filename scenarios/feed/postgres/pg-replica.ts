// pg-replica — pg-join's statement on the streaming replica, writes on the primary: read scaling without touching the
// query. Teams choose it when reads dominate and a feed may lag the primary by a moment; it costs a second server
// and replica lag (a comment just written may not be counted yet on the replica — the mixed load measures how often).
// Pools: two of the run's pool size, both recorded in the parity manifest (pool, replicaPool): reads go to the
// replica pool only and the primary pool serves only writes (pg connects on demand: under a read-only load it holds
// no connection), so reads get as many connections as every other strategy's single pool; splitting one budget
// between the two would halve them.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import { commentedPost, type FeedPage, type NewComment, type Params } from '../contract.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';
import { readFeedJson } from './pg-join.ts';

export default defineStrategy<Params, NewComment, FeedPage | RawJson>({
  name: 'pg-replica',
  technique: 'replica',
  client: 'pg',
  needs: ['postgres', 'replica'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, readFrom: 'replica' },
  read: async ({ page }, ctx) => new RawJson(await readFeedJson(ctx.replica, page)),
  write: (params, comment, ctx) => insertComment(ctx.pg, commentedPost(params), comment),
});
