// pg-replica — pg-join's exact statement, sent to a streaming read replica; writes go to the primary. Choose it to
// take read load off the primary (reads outnumber writes) without changing a query. It costs a second server and
// replica lag: a read right after a write may not see it yet (the mixed load reports how often that happens), so
// read-your-writes paths must stay on the primary.
// Pools: two of the run's pool size, both recorded in the parity manifest (pool, replicaPool): reads go to the
// replica pool only and the primary pool serves only writes (pg connects on demand: under a read-only load it holds
// no connection), so reads get as many connections as every other strategy's single pool; splitting one budget
// between the two would halve them.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewComment, Params, PostDetail } from '../contract.ts';
import { queryPostDetail } from './pg-join.ts';
import { insertComment } from '../../shared/pg-comment-write.ts';

export default defineStrategy<Params, NewComment, PostDetail | RawJson>({
  name: 'pg-replica',
  technique: 'replica',
  client: 'pg',
  needs: ['postgres', 'replica'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, readFrom: 'replica' },
  read: async ({ id }, ctx) => {
    const payload = await queryPostDetail(ctx.replica, id);
    return payload === null ? null : new RawJson(payload);
  },
  write: ({ id }, comment, ctx) => insertComment(ctx.pg, id, comment),
});
