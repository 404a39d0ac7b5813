// The pooling section's figures and verdict, from a result shaped like a pooling run: the order of the chart's axis,
// what a connection per request spent connecting, the server connections held, and the sentence with its CI.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../core/rng.ts';
import type { Result, StrategyResult } from '../results/schema.ts';
import { completed } from '../testing/report-fixtures/parts.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { poolingRows, poolingVerdict } from './model/pooling.ts';
import { buildScenarioView } from './model/scenario.ts';
import { renderReport } from './render.ts';

interface Shape {
  rps: number;
  parity: Record<string, string | number | boolean>;
  needs?: string[];
  waitUs: number;
  connectUs: number;
  connects: number;
  dbUs: number;
  conns: number;
}

function strategy(name: string, s: Shape): StrategyResult {
  const r = completed(
    createRng(1),
    'pooling',
    name,
    'pooling',
    'pg',
    { rps: s.rps, p50Us: 1e6 / s.rps, queries: 1, bytes: 1390, spread: 0.02 },
    [64],
    [],
    1,
  );
  if (r.status !== 'completed') throw new Error('fixture');
  for (const t of r.levels[0]!.trials) {
    t.server = {
      ...t.server!,
      poolWaitMicrosPerRequest: s.waitUs,
      connectMicrosPerRequest: s.connectUs,
      connectsPerRequest: s.connects,
      dbMicrosPerRequest: s.dbUs,
    };
    t.connections = { samples: 10, mean: s.conns, max: s.conns, activeMax: Math.min(s.conns, 2) };
  }
  return { ...r, parity: s.parity, needs: s.needs ?? ['postgres'] };
}

function poolingResult(): Result {
  const strategies = [
    strategy('pg-per-request', {
      rps: 50,
      parity: { pool: 0, connection: 'per request' },
      waitUs: 0,
      connectUs: 9000,
      connects: 1,
      dbUs: 1000,
      conns: 40,
    }),
    strategy('pg-pgbouncer', {
      rps: 230,
      parity: { pool: 50 },
      needs: ['pgbouncer'],
      waitUs: 100,
      connectUs: 0,
      connects: 0,
      dbUs: 3000,
      conns: 10,
    }),
    strategy('pg-pool-50', { rps: 210, parity: { pool: 50 }, waitUs: 200, connectUs: 0, connects: 0, dbUs: 4000, conns: 50 }),
    strategy('pg-pool-10', { rps: 200, parity: { pool: 10 }, waitUs: 5000, connectUs: 0, connects: 0, dbUs: 1000, conns: 10 }),
  ];
  const base = buildFixtureResult();
  return {
    ...base,
    scenarios: [
      { name: 'pooling', summary: 'pooling', route: 'GET /posts/:id', reference: 'pg-pool-10', writeRatio: 0, connections: 64, strategies },
    ],
    ceiling: [],
    dbCeiling: [],
    fanout: [],
  };
}

describe('report: the pooling section', () => {
  const result = poolingResult();
  const view = buildScenarioView(result, result.scenarios[0]!, new Set());

  it('ranks at the scenario’s own concurrency, not the profile’s first level', () => {
    assert.equal(view.connections, 64);
  });

  it('orders pools by size, then a connection per request, then PgBouncer', () => {
    assert.deepEqual(
      poolingRows(view).map((r) => [r.strategy, r.label]),
      [
        ['pg-pool-10', 'pool of 10'],
        ['pg-pool-50', 'pool of 50'],
        ['pg-per-request', 'new connection per request'],
        ['pg-pgbouncer', 'pool of 50 via PgBouncer'],
      ],
    );
  });

  it('gives a connection per request its setup share of the database time, and each its server connections', () => {
    const rows = new Map(poolingRows(view).map((r) => [r.strategy, r]));
    assert.equal(rows.get('pg-per-request')?.setupShare, 0.9);
    assert.equal(rows.get('pg-pool-10')?.setupShare, null);
    assert.equal(rows.get('pg-pool-10')?.poolWaitUs, 5000);
    assert.deepEqual(rows.get('pg-pgbouncer')?.serverConnections, { mean: 10, max: 10, activeMax: 2 });
  });

  it('says in one sentence how the fastest compares with a connection per request, with the CI', () => {
    const v = poolingVerdict(view) ?? '';
    assert.match(v, /^At 64 connections, pg-pgbouncer \(pool of 50 via PgBouncer\) serves 4\.\d+× the requests of pg-per-request/);
    assert.match(v, /CI \d+(\.\d+)?–\d+(\.\d+)?×/);
    assert.match(v, /opening a connection cost each of pg-per-request's requests 9\.00 ms, 90(\.0)? % of its database time/);
    assert.match(v, /server connections held: 10 vs 40\.$/);
  });

  it('renders the section, its table and both charts', async () => {
    const page = await renderReport([result]);
    assert.match(page, /Connections: pools, a connection per request, PgBouncer/);
    assert.match(page, /data-chart="pooling-pooling"/);
    assert.match(page, /data-chart="pooling-pooling-time"/);
  });

  it('leaves the section out of scenarios whose trials sampled no connections', async () => {
    const other = buildFixtureResult();
    assert.doesNotMatch(await renderReport([other]), /Connections: pools/);
  });
});
