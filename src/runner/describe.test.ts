// The parity manifest must say what a strategy's server holds: pg-replica opens a pool on the primary and one on the
// replica, each of the run's pool size.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadStrategy } from '../core/registry.ts';
import { parityOf } from './describe.ts';

describe('parityOf', () => {
  it('pg-replica records both of its pools; a single-pool strategy records one', async () => {
    for (const scenario of ['post-detail', 'feed', 'user-summary']) {
      const { strategy } = await loadStrategy(scenario, 'pg-replica');
      const p = parityOf(strategy, { poolSize: 7 });
      assert.equal(p.pool, 7, scenario);
      assert.equal(p.replicaPool, 7, scenario);
    }
    const { strategy } = await loadStrategy('post-detail', 'pg-join');
    assert.equal(parityOf(strategy, { poolSize: 7 }).replicaPool, undefined);
  });
});
