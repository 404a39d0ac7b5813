// Building blocks of the report fixture: strategies with deterministic trials and levels, plus the run-wide extras.
import type { Rng } from '../../core/rng.ts';
import type { LoadLevel, Result, StrategyResult, Trial } from '../../results/schema.ts';

interface Shape {
  rps: number;
  p50Us: number;
  queries: number;
  bytes: number;
  /** Relative spread of trials; above ~0.06 the CV crosses 5 % and the strategy is flagged noisy. */
  spread: number;
  cacheHitRatio?: number;
}

function trial(rng: Rng, index: number, s: Shape, rps: number, p50: number): Trial {
  // A fixed low/mid/high pattern (plus a little noise) so the CV tracks `spread` and `noisy` agrees with it.
  const j = 1 + ([-1, 0, 0.8][index % 3] as number) * s.spread + (rng.next() - 0.5) * 0.01;
  const r = rps * j;
  const p = p50 / j;
  return {
    index,
    durationSec: 10,
    requests: Math.round(r * 10),
    rps: r,
    latencyUs: { p50: p, p90: p * 1.6, p99: p * 2.8, p999: p * 4.5, max: p * 8.2, mean: p * 1.15 },
    errors: 0,
    non2xx: 0,
    timeouts: 0,
    histogram: 'HISTFAAAACl4nJNpmSzMwMDAyAABzFCaEUoz2X+AsTgBAF8ABK4=',
    server: {
      queriesPerRequest: s.queries,
      rowsPerRequest: s.queries === 0 ? 0 : 40,
      bytesPerResponse: s.bytes,
      cpuMicrosPerRequest: 1e6 / r / 1.4,
      cpuCores: 0.7 + rng.next() * 0.2,
      rssBytes: 140e6 + rng.next() * 20e6,
      eventLoopP99Ms: 12 + rng.next() * 4,
      cacheHitRatio: s.cacheHitRatio ?? null,
      rowsWrittenPerRequest: 0,
      dbMicrosPerRequest: s.queries * 180,
      gcMicrosPerRequest: 15 + rng.next() * 10,
    },
    mixed: null,
    replicaLag: null,
  };
}

function level(rng: Rng, connections: number, s: Shape, scale: number): LoadLevel {
  // Closed loop: 4× the connections buys a little throughput and roughly 3.5× the latency once saturated.
  const rps = s.rps * scale * (connections > 16 ? 1.12 : 1);
  const p50 = (s.p50Us / scale) * (connections > 16 ? 3.5 : 1);
  const trials = [0, 1, 2].map((i) => trial(rng, i, s, rps, p50));
  const sorted = trials.map((t) => t.rps).sort((a, b) => a - b);
  const mid = sorted[1] as number;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const cv = Math.sqrt(sorted.reduce((a, b) => a + (b - mean) ** 2, 0) / (sorted.length - 1)) / mean;
  return {
    connections,
    trials,
    summary: {
      rps: { estimate: mid, low: mid * (1 - s.spread * 0.9), high: mid * (1 + s.spread * 0.9) },
      p50Us: { estimate: p50, low: p50 * 0.96, high: p50 * 1.04 },
      p99Us: { estimate: p50 * 2.8, low: p50 * 2.6, high: p50 * 3.1 },
      rpsCv: cv,
      noisy: cv > 0.05,
      latencyUs: { p50, p90: p50 * 1.6, p99: p50 * 2.8, p999: p50 * 4.6, max: p50 * 9.5, mean: p50 * 1.15 },
      errors: 0,
      non2xx: 0,
    },
  };
}

export const SOURCE = (name: string, body: string) => ({
  path: `scenarios/${name}.ts`,
  text: `// ${name}: fixture source.\nimport { defineStrategy } from '../../../src/core/scenario.ts';\n\nexport default defineStrategy({\n${body}\n});\n`,
});

export function completed(
  rng: Rng,
  scenario: string,
  strategy: string,
  technique: string,
  client: string,
  s: Shape,
  connections: readonly number[],
  statements: string[],
  scale: number,
): StrategyResult {
  return {
    scenario,
    strategy,
    technique,
    client,
    needs: client === 'mongoose' ? ['mongo'] : ['postgres'],
    parity: { pool: 10, ...(client === 'prisma' ? { relationLoadStrategy: 'query' } : {}) },
    source: SOURCE(
      `${scenario}/${client === 'mongoose' ? 'mongo' : 'postgres'}/${strategy}`,
      `  name: '${strategy}',\n  technique: '${technique}',\n  client: '${client}',`,
    ),
    status: 'completed',
    verify: { samples: 50, problems: [] },
    captured: { params: '{"id":"17"}', statements },
    levels: connections.map((c) => level(rng, c, s, scale)),
    degraded: null,
    // Cold start: the first requests pay for pool connects, prepared statements and (Prisma) engine warm-up.
    cold: {
      requests: 50,
      latencyUs: { p50: s.p50Us * 3, p90: s.p50Us * 6, p99: s.p50Us * 14, p999: s.p50Us * 18, max: s.p50Us * 20, mean: s.p50Us * 4 },
    },
    rate: null,
  };
}

export const naiveStatements = (): string[] => [
  'SELECT "id", "title", "body", "author_id", "created_at" FROM "posts" WHERE "id" = $1 LIMIT $2',
  'SELECT "id", "username", "display_name" FROM "users" WHERE "id" = $1 LIMIT $2',
  'SELECT "id", "body", "author_id", "created_at" FROM "comments" WHERE "post_id" = $1 ORDER BY "created_at" ASC',
  ...Array.from({ length: 39 }, () => 'SELECT "id", "username", "display_name" FROM "users" WHERE "id" = $1 LIMIT $2'),
  'SELECT t."id", t."name" FROM "tags" t JOIN "post_tags" pt ON pt."tag_id" = t."id" WHERE pt."post_id" = $1',
];

/** The harness's own ceiling (no-op endpoint), a fan-out sweep and micro-benchmarks: plausible, not measured. */
export function fixtureExtras(k: number): Pick<Result, 'ceiling' | 'dbCeiling' | 'fanout' | 'micro'> {
  const ceiling = ['post-detail', 'feed', 'mixed'].flatMap((scenario) =>
    [16, 64].map((c) => ({
      scenario,
      connections: c,
      rps: { estimate: 24_500 * k * (c > 16 ? 1.1 : 1), low: 24_000 * k, high: 25_100 * k * (c > 16 ? 1.1 : 1) },
      latencyUs: { p50: 620 * (c / 16), p90: 900 * (c / 16), p99: 1500 * (c / 16), p999: 2600 * (c / 16), max: 9000, mean: 650 * (c / 16) },
    })),
  );
  const fanout = (['pg-join', 'prisma-include', 'prisma-naive'] as const).flatMap((strategy) =>
    [0, 10, 100, 500].map((comments) => {
      const q = strategy === 'pg-join' ? 1 : strategy === 'prisma-include' ? 4 : 3 + comments;
      const p50Us = 2500 + comments * (strategy === 'prisma-naive' ? 650 : strategy === 'pg-join' ? 12 : 30);
      return {
        scenario: 'post-detail',
        strategy,
        comments,
        rps: (16 * 1e6) / p50Us / 1.1,
        p50Us,
        p99Us: p50Us * 2.8,
        queriesPerRequest: q,
      };
    }),
  );
  const micro = [
    { group: 'hydration', name: 'mongoose hydrated doc', opsPerSec: 41_200, meanNs: 24_270, p99Ns: 61_000, rme: 0.9, samples: 20_600 },
    { group: 'hydration', name: 'mongoose lean object', opsPerSec: 612_000, meanNs: 1_634, p99Ns: 3_900, rme: 0.6, samples: 306_000 },
    {
      group: 'serialization',
      name: 'JSON.stringify post-detail payload',
      opsPerSec: 88_500,
      meanNs: 11_300,
      p99Ns: 19_800,
      rme: 0.7,
      samples: 44_250,
    },
  ];
  // The reference statement driven directly: post-detail and feed (mixed has none, by design).
  const dbCeiling = (['post-detail', 'feed'] as const).flatMap((scenario) =>
    [16, 64].map((connections) => ({
      scenario,
      connections,
      statement: "pg-join's statement",
      tool: 'pgbench 15.18, -M prepared, -j 2',
      tps: (scenario === 'post-detail' ? 14_447 : 6_000) * k,
      trials: [0.97, 1, 1.02].map((f) => f * (scenario === 'post-detail' ? 14_447 : 6_000) * k),
      statements: Math.round((scenario === 'post-detail' ? 14_447 : 6_000) * k * 10),
      latencyUs: { mean: (connections * 1e6) / ((scenario === 'post-detail' ? 14_447 : 6_000) * k), p50: null, p99: null },
      durationSec: 10,
      draws: 10_000,
      distinct: scenario === 'post-detail' ? 2_310 : 50,
      server: 'PostgreSQL 17.10',
    })),
  );
  return { ceiling, dbCeiling, fanout, micro };
}
