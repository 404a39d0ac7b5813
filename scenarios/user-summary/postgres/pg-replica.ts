// pg-replica — pg-join's single statement, sent to the streaming replica: the aggregate scans leave the primary free
// for writes. Choose it when reads dominate and a summary may lag the primary by the replication delay; it costs a
// second server and read-your-writes surprises (a user who just posted may not see it counted yet).
// Pools: two of the run's pool size, both recorded in the parity manifest (pool, replicaPool). This scenario has no
// writes, so the primary pool opens no connection at all (pg connects on demand) and reads get as many connections
// as every other strategy's single pool; splitting one budget between the two would halve them.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { Params, UserSummary } from '../contract.ts';
import { selectSummary } from './pg-join.ts';

export default defineStrategy<Params, never, UserSummary | RawJson>({
  name: 'pg-replica',
  technique: 'replica',
  client: 'pg',
  // Read-only scenario: nothing goes to the primary, so only the replica is needed.
  needs: ['replica'],
  expectQueries: () => 1,
  parity: { preparedStatements: true, readFrom: 'replica' },
  read: async ({ id }, ctx) => {
    const payload = await selectSummary(ctx.replica, id);
    return payload === null ? null : new RawJson(payload);
  },
});
