// Result files with known differences, for the comparison's tests. Built here rather than from the report's fixture,
// which grows with the report: these tests and the markdown snapshot must change only when the comparison does.
// Every req/s and latency follows from a few numbers below, so expected verdicts follow from the construction.
import type { z } from 'zod';
import { Cost, LoadLevel, Result, SCHEMA_VERSION, StrategyResult, Trial } from '../results/schema.ts';
import { NOISY_CV } from '../runner/summarize.ts';
import { bootstrapCi } from '../stats/bootstrap.ts';
import { cv } from '../stats/summary.ts';
import { fingerprint } from '../verify/cost.ts';

const BASE_SHA = '3f9c2ab6d1e04b7a9c8e5f2d1a0b9c8d7e6f5a4b';
const HEAD_SHA = 'b7e1d0c9a8f7e6d5c4b3a2918f7e6d5c4b3a2910';

interface Shape {
  rps: number;
  p50Us: number;
  /** Relative spread of the three trials; 0.12 makes req/s noisy (CV above the runner's 10 %). */
  spread: number;
}

// Schema input types: fields the schema gives defaults to (it grows) are filled in by Result.parse.
function level(connections: number, s: Shape, k: number): z.input<typeof LoadLevel> {
  // Closed loop: 4× the connections buys a little throughput and 3.5× the latency.
  const rps = s.rps * k * (connections > 16 ? 1.12 : 1);
  const p50 = (s.p50Us / k) * (connections > 16 ? 3.5 : 1);
  const trials: Array<z.input<typeof Trial>> = [1 - s.spread, 1, 1 + 0.8 * s.spread].map((j, index) => {
    const p = p50 / j;
    return {
      index,
      durationSec: 10,
      requests: Math.round(rps * j * 10),
      rps: rps * j,
      latencyUs: { p50: p, p90: p * 1.6, p99: p * 2.8, p999: p * 4.5, max: p * 8.2, mean: p * 1.15 },
      errors: 0,
      non2xx: 0,
      timeouts: 0,
      histogram: 'HISTFAAAACl4nJNpmSzMwMDAyAABzFCaEUoz2X+AsTgBAF8ABK4=',
      server: null,
      mixed: null,
      replicaLag: null,
    };
  });
  const c = cv(trials.map((t) => t.rps));
  return {
    connections,
    trials,
    summary: {
      rps: bootstrapCi(trials.map((t) => t.rps)),
      p50Us: bootstrapCi(trials.map((t) => t.latencyUs.p50)),
      p99Us: bootstrapCi(trials.map((t) => t.latencyUs.p99)),
      rpsCv: c,
      noisy: c > NOISY_CV,
      latencyUs: { p50, p90: p50 * 1.6, p99: p50 * 2.8, p999: p50 * 4.5, max: p50 * 8.2, mean: p50 * 1.15 },
      errors: 0,
      non2xx: 0,
    },
  };
}

const about = (scenario: string, strategy: string, technique: string, client: 'pg' | 'prisma' | 'mongoose') => ({
  scenario,
  strategy,
  technique,
  client,
  needs: client === 'mongoose' ? ['mongo'] : ['postgres'],
  parity: { pool: 10 },
  source: { path: `scenarios/${scenario}/${client === 'mongoose' ? 'mongo' : 'postgres'}/${strategy}.ts`, text: `// ${strategy}\n` },
});

/** Exact costs as verification records them: `queries` per request over 50 samples, all of one statement. */
function fixtureCost(queries: number, statement: string, bytes = 2400): z.input<typeof Cost> {
  return {
    samples: 50,
    queriesPerRequest: queries,
    queriesPerRepeat: queries,
    rowsPerRequest: queries * 3,
    bytesPerResponse: bytes,
    writes: null,
    statements: [{ id: fingerprint(statement), text: statement, count: Math.round(queries * 50) }],
  };
}

function completed(
  scenario: string,
  strategy: string,
  technique: string,
  client: 'pg' | 'prisma' | 'mongoose',
  s: Shape,
  conns: number[],
  k: number,
): z.input<typeof StrategyResult> {
  return {
    ...about(scenario, strategy, technique, client),
    status: 'completed',
    verify: { samples: 50, problems: [] },
    captured: null,
    cost: fixtureCost(technique === 'naive' ? 13.42 : 1, `SELECT … FROM ${scenario === 'feed' ? 'posts' : 'posts p'} WHERE p.id = $1`),
    levels: conns.map((c) => level(c, s, k)),
    degraded: null,
    cold: null,
    rate: null,
  };
}

/** Two scenarios: six completed strategies (levels 16/64 in post-detail, 16 in feed), one skipped, one failed. */
export function baseFixture(k = 1, overrides: Partial<Result> = {}): Result {
  const both = [16, 64];
  const raw: z.input<typeof Result> = {
    schemaVersion: SCHEMA_VERSION,
    runId: 'base-run',
    startedAt: '2025-05-12T14:03:00.000Z',
    finishedAt: '2025-05-12T14:21:40.000Z',
    partial: false,
    git: {
      sha: BASE_SHA,
      branch: 'main',
      dirty: false,
      commitTime: '2025-05-12T13:55:12.000Z',
      subject: 'post-detail: add pg-join with json_agg',
    },
    machine: { cpuModel: 'AMD EPYC 7B13', cores: 2, memoryBytes: 8 * 1024 ** 3, os: 'Linux 6.1.0 x64', hostname: 'bench-1' },
    versions: { node: 'v20.20.2', pg: '8.23.1', mongoose: '9.12.1' },
    infra: {
      provider: 'local',
      reason: 'local binaries',
      backends: [
        { need: 'postgres', status: 'up', server: 'PostgreSQL 17.10', reason: null },
        { need: 'replica', status: 'unavailable', server: null, reason: 'pg_basebackup not found on PATH' },
        { need: 'mongo', status: 'up', server: 'FerretDB 1.24.2 (SQLite)', reason: null },
      ],
    },
    dataset: { preset: 'small', seed: 1, counts: { users: 2000, posts: 10000 }, seedSeconds: 11.4 },
    profile: { name: 'default', warmupSec: 5, trialSec: 10, trials: 3, connections: both, verifySamples: 50 },
    scenarios: [
      {
        name: 'post-detail',
        summary: 'One post with its author, comments and tags',
        route: 'GET /posts/:id',
        reference: 'pg-join',
        strategies: [
          completed('post-detail', 'pg-join', 'raw', 'pg', { rps: 4210, p50Us: 3550, spread: 0.03 }, both, k),
          completed('post-detail', 'prisma-include', 'eager', 'prisma', { rps: 1890, p50Us: 7900, spread: 0.04 }, both, k),
          completed('post-detail', 'prisma-naive', 'naive', 'prisma', { rps: 532, p50Us: 28400, spread: 0.12 }, both, k),
          {
            ...about('post-detail', 'pg-replica', 'replica', 'pg'),
            status: 'skipped',
            reason: 'needs replica: pg_basebackup not found on PATH',
          },
        ],
      },
      {
        name: 'feed',
        summary: 'The 20 latest posts',
        route: 'GET /feed',
        reference: 'pg-join',
        strategies: [
          completed('feed', 'pg-join', 'raw', 'pg', { rps: 2630, p50Us: 5800, spread: 0.03 }, [16], k),
          completed('feed', 'pg-cached-memory', 'cached', 'pg', { rps: 9840, p50Us: 1480, spread: 0.05 }, [16], k),
          completed('feed', 'mongoose-lean', 'lean', 'mongoose', { rps: 1790, p50Us: 8400, spread: 0.04 }, [16], k),
          {
            ...about('feed', 'mongoose-naive', 'naive', 'mongoose'),
            status: 'failed',
            reason: 'verification failed: payload differs from pg-join for 3 of 50 samples',
            verify: { samples: 50, problems: [{ severity: 'fail', params: '{"page":"3"}', message: 'tags in a different order' }] },
            captured: null,
          },
        ],
      },
    ],
  };
  return Result.parse({ ...raw, ...overrides });
}

/** The fixture as head: another commit, optionally with every req/s multiplied (latencies divided) by `rpsScale`. */
export function headFixture(rpsScale = 1, overrides: Partial<Result> = {}): Result {
  const base = baseFixture();
  return baseFixture(rpsScale, {
    git: { ...base.git, sha: HEAD_SHA, branch: 'feature', subject: 'head commit' },
    runId: 'head-run',
    ...overrides,
  });
}

export function strategyOf(r: Result, scenario: string, strategy: string): StrategyResult {
  const s = r.scenarios.find((x) => x.name === scenario)?.strategies.find((x) => x.strategy === strategy);
  if (!s) throw new Error(`fixture has no ${scenario}/${strategy}`);
  return s;
}

/** A copy of `r` whose `scenario/strategy` level at `connections` has exactly these trials' req/s and p99 (µs). */
export function withTrials(r: Result, scenario: string, strategy: string, connections: number, rps: number[], p99Us: number[]): Result {
  const copy = structuredClone(r);
  const s = strategyOf(copy, scenario, strategy);
  if (s.status !== 'completed') throw new Error(`${scenario}/${strategy} is ${s.status} in the fixture`);
  const level = s.levels.find((l) => l.connections === connections);
  if (!level) throw new Error(`no level ${connections}`);
  const template = level.trials[0];
  if (!template) throw new Error('no trials');
  level.trials = rps.map((x, i) => ({
    ...template,
    index: i,
    rps: x,
    latencyUs: { ...template.latencyUs, p99: p99Us[i] ?? template.latencyUs.p99 },
  }));
  return copy;
}

/** A copy of `r` with `edit` applied to one strategy (e.g. marking it degraded, or removing a level). */
export function editStrategy(r: Result, scenario: string, strategy: string, edit: (s: StrategyResult) => StrategyResult | null): Result {
  const copy = structuredClone(r);
  for (const sc of copy.scenarios) {
    if (sc.name !== scenario) continue;
    sc.strategies = sc.strategies.flatMap((s) => (s.strategy === strategy ? (edit(s) ?? []) : [s]));
  }
  return copy;
}

/** A copy of `r` with one strategy's trials k× faster: req/s × k, every latency ÷ k. */
export function scaleStrategy(r: Result, scenario: string, strategy: string, k: number): Result {
  return editStrategy(r, scenario, strategy, (s) => {
    if (s.status !== 'completed') return s;
    const div = (p: Record<string, number>) => Object.fromEntries(Object.entries(p).map(([key, v]) => [key, v / k]));
    const levels = s.levels.map((l) => ({
      ...l,
      trials: l.trials.map((t) => ({ ...t, rps: t.rps * k, latencyUs: div(t.latencyUs) as typeof t.latencyUs })),
    }));
    return { ...s, levels };
  });
}
