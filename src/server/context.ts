// Builds a strategy's Ctx: the clients it needs, created once per server process with the run's settings (the
// same for every strategy: the parity manifest records them), closed on exit. Asking for a client the strategy did
// not declare is an error, so `needs` stays honest.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Endpoints } from '../core/infra.ts';
import type { Client, Need, Parity } from '../core/scenario.ts';
import { DEFAULT_SETTINGS, type Ctx, type Settings } from '../core/context.ts';
import { counters } from './instrument.ts';

/**
 * The application_name of a strategy server's connections: what the connection-count sampler looks for. PgBouncer
 * hands the client's name on to the server connection it lends, and its pool is shared by every client, so all
 * strategies through it share one name: their count is PgBouncer's server connections.
 */
export const connectionName = (s: { name: string; needs: readonly Need[] }): string =>
  s.needs.includes('pgbouncer') ? 'accessbench:via-pgbouncer' : `accessbench:${s.name}`;

export interface BuiltCtx {
  ctx: Ctx;
  close: () => Promise<void>;
}

/** How long an idle connection stays open: 0 never closes it; by default node-postgres closes it after 10 s. */
type Idle = number | undefined;

function pgPool(url: string, s: Settings, name: string, idleTimeoutMillis: Idle): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: s.poolSize,
    statement_timeout: s.statementTimeoutMs,
    application_name: name,
    ...(idleTimeoutMillis === undefined ? {} : { idleTimeoutMillis }),
  });
  // A backend killed mid-run must surface as failed requests, not crash the server process.
  pool.on('error', () => {});
  return pool;
}

function endpoint(endpoints: Endpoints, need: Need): string {
  const e = endpoints[need];
  if (!e) throw new Error(`${need} is not available (not started, or not reachable)`);
  return e.url;
}

export async function createCtx(
  endpoints: Endpoints,
  uses: { needs: readonly Need[]; client: Client; parity?: Parity },
  settings: Partial<Settings> = {},
  appName = 'accessbench',
  idle: Idle = undefined,
): Promise<BuiltCtx> {
  // A strategy may fix its own pool size (the pooling scenario sweeps it); its parity manifest then records that one.
  const own = uses.parity?.pool;
  const sized = typeof own === 'number' && own >= 1;
  const s: Settings = { ...DEFAULT_SETTINGS, ...settings, ...(sized ? { poolSize: own } : {}) };
  // A pool sized on purpose is what its strategy measures: kept whole between interleaved trials (other strategies'
  // trials can outlast node-postgres' 10 s idle timeout), so a trial times the pool, not its refill.
  const made: Record<string, unknown> = {};
  const closers: Array<() => Promise<void>> = [];
  const wants = (n: Need): boolean => uses.needs.includes(n);
  const poolIdle: Idle = sized ? 0 : idle;

  if (wants('postgres') && uses.client !== 'prisma') {
    const p = pgPool(endpoint(endpoints, 'postgres'), s, appName, poolIdle);
    made.pg = p;
    closers.push(() => p.end());
  }
  if (wants('replica')) {
    const p = pgPool(endpoint(endpoints, 'replica'), s, appName, idle);
    made.replica = p;
    closers.push(() => p.end());
  }
  if (wants('pgbouncer') && uses.client !== 'prisma') {
    const p = pgPool(endpoint(endpoints, 'pgbouncer'), s, appName, poolIdle);
    made.pgbouncer = p;
    closers.push(() => p.end());
  }
  // Through PgBouncer when the strategy needs it, else straight to the primary.
  const viaBouncer = wants('pgbouncer');
  if ((wants('postgres') || viaBouncer) && uses.client === 'prisma') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const { PrismaClient } = await import('../../datasets/prisma/generated/client.ts');
    const adapter = new PrismaPg(
      {
        connectionString: endpoint(endpoints, viaBouncer ? 'pgbouncer' : 'postgres'),
        max: s.poolSize,
        statement_timeout: s.statementTimeoutMs,
        application_name: appName,
        ...(poolIdle === undefined ? {} : { idleTimeoutMillis: poolIdle }),
      },
      // Named statements make pg prepare each distinct SQL once per connection, as the raw pg strategies do. Not
      // through PgBouncer in transaction mode: a statement prepared on one server connection is unknown on the next
      // one the client is lent, so there every statement is unnamed (parsed on each execution).
      viaBouncer ? {} : { statementNameGenerator: (q) => 'p_' + createHash('sha1').update(q.sql).digest('hex').slice(0, 20) },
    );
    const prisma = new PrismaClient({ adapter });
    made.prisma = prisma;
    closers.push(() => prisma.$disconnect());
  }
  if (wants('redis')) {
    const { Redis } = await import('ioredis');
    const r = new Redis(endpoint(endpoints, 'redis'), { maxRetriesPerRequest: 1, connectTimeout: 2000 });
    r.on('error', () => {});
    made.redis = r;
    closers.push(async () => void r.disconnect());
  }
  if (wants('memcached')) {
    const { memcachedClient } = await import('../infra/memcached-client.ts');
    const m = await memcachedClient(endpoint(endpoints, 'memcached'));
    made.memcached = m;
    closers.push(async () => m.close());
  }
  if (wants('mongo')) {
    const mongoose = await import('mongoose');
    const conn = mongoose.default.createConnection(endpoint(endpoints, 'mongo'), {
      maxPoolSize: s.poolSize,
      monitorCommands: true,
      // Fail fast when the server is gone instead of queueing for bufferTimeoutMS: a dead backend shows as errors.
      bufferCommands: false,
      serverSelectionTimeoutMS: 5000,
    });
    await conn.asPromise();
    made.mongo = conn;
    closers.push(() => conn.close());
  }
  const { LRUCache } = await import('lru-cache');
  made.memory = new LRUCache<string, string>({ max: s.memoryCacheEntries, ttl: s.cacheTtlSeconds * 1000 });

  const get = (key: string): unknown => {
    if (!(key in made))
      throw new Error(`this strategy did not declare what ctx.${key} needs (needs: ${uses.needs.join(', ')}; client: ${uses.client})`);
    return made[key];
  };
  const ctx: Ctx = {
    settings: s,
    get pg() {
      return get('pg') as Ctx['pg'];
    },
    get replica() {
      return get('replica') as Ctx['replica'];
    },
    get pgbouncer() {
      return get('pgbouncer') as Ctx['pgbouncer'];
    },
    url: (need) => {
      if (!wants(need)) throw new Error(`this strategy did not declare ${need} (needs: ${uses.needs.join(', ')})`);
      // Named like the pools' connections, so the connection-count sampler sees these too.
      const u = new URL(endpoint(endpoints, need));
      u.searchParams.set('application_name', appName);
      return u.toString();
    },
    get prisma() {
      return get('prisma') as Ctx['prisma'];
    },
    get redis() {
      return get('redis') as Ctx['redis'];
    },
    get memcached() {
      return get('memcached') as Ctx['memcached'];
    },
    get mongo() {
      return get('mongo') as Ctx['mongo'];
    },
    get memory() {
      return get('memory') as Ctx['memory'];
    },
    cache: {
      hit: () => void counters.cacheHits++,
      miss: () => void counters.cacheMisses++,
    },
    background: {
      refreshed: (micros, walBytes, dbCpuMicros) => {
        counters.refreshes++;
        if (dbCpuMicros !== null) {
          counters.refreshCpuCount++;
          counters.refreshCpuMicros += dbCpuMicros;
        }
        counters.refreshMicros += micros;
        counters.refreshWalBytes += walBytes;
      },
    },
  };
  return {
    ctx,
    close: async () => {
      for (const c of closers.reverse()) await c().catch(() => {});
    },
  };
}

/**
 * The runner's own connection to the seeded database, for the facts verification checks answers against. Its idle
 * connections close within 100 ms: a scenario that gives each strategy its own copy clones that database
 * (CREATE DATABASE … TEMPLATE), which PostgreSQL allows only while nobody is connected to it, and with
 * node-postgres' 10 s idle timeout every such scenario waited for the last one's facts connection to leave.
 */
export function createFactsCtx(endpoints: Endpoints): Promise<BuiltCtx> {
  return createCtx(endpoints, { needs: ['postgres'], client: 'pg' }, {}, 'accessbench', 100);
}
