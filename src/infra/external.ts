// The external provider: servers somebody else runs (`docker compose up`, a managed database with a read replica),
// given by URL. It starts and stops nothing; it checks each server answers before the run relies on it and names
// the server from the server itself. Reasons name host:port, never the password.
// The drivers are imported lazily so the CLI's argument parser can use the URL checks without loading them.
import { ConfigError, InfraError } from '../core/errors.ts';
import type { BackendStatus, Endpoints, InfraProvider, StartedInfra } from '../core/infra.ts';
import type { Need } from '../core/scenario.ts';

export type ExternalUrls = Partial<Record<Need, string>>;

export const URL_SOURCES: Record<Need, { flag: string; env: string; schemes: readonly string[]; port: number }> = {
  postgres: { flag: 'postgres-url', env: 'ACCESSBENCH_POSTGRES_URL', schemes: ['postgres', 'postgresql'], port: 5432 },
  replica: { flag: 'replica-url', env: 'ACCESSBENCH_REPLICA_URL', schemes: ['postgres', 'postgresql'], port: 5432 },
  redis: { flag: 'redis-url', env: 'ACCESSBENCH_REDIS_URL', schemes: ['redis', 'rediss'], port: 6379 },
  mongo: { flag: 'mongo-url', env: 'ACCESSBENCH_MONGO_URL', schemes: ['mongodb', 'mongodb+srv'], port: 27017 },
  pgbouncer: { flag: 'pgbouncer-url', env: 'ACCESSBENCH_PGBOUNCER_URL', schemes: ['postgres', 'postgresql'], port: 6432 },
  memcached: { flag: 'memcached-url', env: 'ACCESSBENCH_MEMCACHED_URL', schemes: ['memcached'], port: 11211 },
};

const NEEDS = Object.keys(URL_SOURCES) as Need[];

interface UrlParts {
  scheme: string;
  password: string | null;
  hosts: string[];
}

/** scheme://[user[:password]@]host[:port][,host[:port]...][/path][?query] — MongoDB allows several hosts. */
function splitUrl(raw: string): UrlParts | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^/?#]*)([/?#].*)?$/i.exec(raw.trim());
  if (!m) return null;
  const userinfo = m[2];
  const colon = userinfo?.indexOf(':') ?? -1;
  const password = userinfo && colon >= 0 ? userinfo.slice(colon + 1) : null;
  return { scheme: (m[1] ?? '').toLowerCase(), password, hosts: (m[3] ?? '').split(',') };
}

const HOST_PORT = /^(?:\[[0-9a-f:.]+\]|[a-z0-9_.%-]+)(?::(\d{1,5}))?$/i;

/** Checks a backend URL's shape and scheme; a ConfigError names the flag (or env var) and never echoes the password. */
export function parseBackendUrl(need: Need, raw: string, source = `--${URL_SOURCES[need].flag}`): string {
  const spec = URL_SOURCES[need];
  const parts = splitUrl(raw);
  const shown = parts ? redact(raw, raw) : '(unparseable)';
  if (!parts) throw new ConfigError(`${source}: not a URL (expected ${spec.schemes[0]}://user:password@host:port/…)`);
  if (!spec.schemes.includes(parts.scheme)) {
    throw new ConfigError(`${source}: "${shown}" must start with ${spec.schemes.map((s) => `${s}://`).join(' or ')}`);
  }
  const multiHost = need === 'mongo';
  if (parts.hosts.length > 1 && !multiHost) throw new ConfigError(`${source}: "${shown}" names several hosts; give one`);
  for (const h of parts.hosts) {
    const m = HOST_PORT.exec(h);
    const port = m?.[1] === undefined ? null : Number(m[1]);
    if (!m || (port !== null && (port < 1 || port > 65535))) throw new ConfigError(`${source}: "${shown}" has no valid host[:port]`);
  }
  if (parts.scheme === 'mongodb+srv' && parts.hosts.some((h) => h.includes(':'))) {
    throw new ConfigError(`${source}: "${shown}": a mongodb+srv URL takes no port`);
  }
  return raw.trim();
}

/** URLs from flags, else from ACCESSBENCH_*_URL; each one checked. */
export function externalUrls(flags: ExternalUrls, env: NodeJS.ProcessEnv = process.env): ExternalUrls {
  const out: ExternalUrls = {};
  for (const need of NEEDS) {
    const spec = URL_SOURCES[need];
    const flag = flags[need];
    const fromEnv = env[spec.env];
    if (flag !== undefined) out[need] = parseBackendUrl(need, flag);
    else if (fromEnv) out[need] = parseBackendUrl(need, fromEnv, spec.env);
  }
  return out;
}

/** "host:port" (hosts joined by commas), for messages. */
export function hostPort(need: Need, raw: string): string {
  const parts = splitUrl(raw);
  if (!parts) return '(unparseable URL)';
  return parts.hosts.map((h) => (/:\d+$/.test(h) || parts.scheme === 'mongodb+srv' ? h : `${h}:${URL_SOURCES[need].port}`)).join(',');
}

/**
 * The text on one line, with the URL's password (raw and percent-decoded) replaced by ***. A password of fewer than
 * four characters is not searched for: it would mangle every word containing those letters, and it protects nothing.
 */
export function redact(text: string, url: string): string {
  const password = splitUrl(url)?.password;
  let out = text.replace(/\s*\n\s*/g, ' ').trim();
  if (password) {
    let decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
      /* not percent-encoded */
    }
    for (const p of new Set([password, decoded])) if (p.length >= 4) out = out.split(p).join('***');
  }
  return out;
}

export interface Probe {
  server: string;
}

const firstLine = (e: unknown): string => ((e as Error)?.message ?? String(e)).split('\n')[0] ?? 'unknown error';

/** Connects, SELECT 1, reads the version; `role` says whether the server must be a primary or a standby. */
export async function probePostgres(url: string, role: 'primary' | 'standby', timeoutMs = 3000): Promise<Probe> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  c.on('error', () => {});
  await c.connect();
  try {
    await c.query('SELECT 1');
    const v = await c.query<{ server_version: string }>('SHOW server_version');
    const r = await c.query<{ standby: boolean; streaming: boolean }>(
      `SELECT pg_is_in_recovery() AS standby, EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming') AS streaming`,
    );
    const version = `PostgreSQL ${v.rows[0]?.server_version.split(' ')[0] ?? 'unknown'}`;
    const { standby, streaming } = r.rows[0] ?? { standby: false, streaming: false };
    if (role === 'standby') {
      if (!standby) throw new Error('not a standby (pg_is_in_recovery() is false)');
      return { server: `${version} (${streaming ? 'streaming standby' : 'standby, not streaming'})` };
    }
    if (standby) throw new Error('is a standby (read-only); the primary is needed here');
    const t = await c.query<{ taken: string | null }>("SELECT to_regclass('users')::text AS taken");
    // The seed stage creates its tables; on a database that has them it would fail halfway with a raw SQL error.
    if (t.rows[0]?.taken)
      throw new Error(
        `database already holds a "users" table; accessbench seeds an empty database (drop its tables or use a fresh database)`,
      );
    return { server: version };
  } finally {
    await c.end().catch(() => {});
  }
}

export async function probeRedis(url: string, timeoutMs = 3000): Promise<Probe> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: unknown = null;
  client.on('error', (e) => (lastError = e));
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
    const info = await client.info('server');
    return { server: `Redis ${/^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown'}` };
  } catch (e) {
    // ioredis reports a refused connection as "Connection is closed."; the socket error says why.
    throw lastError && firstLine(e).includes('closed') ? lastError : e;
  } finally {
    client.disconnect();
  }
}

/**
 * Through memjs, as the strategies reach it (the binary protocol; SASL when the URL has credentials): a SET/GET round
 * trip, then the version from `stats`.
 */
export async function probeMemcached(url: string, timeoutMs = 3000): Promise<Probe> {
  const { memcachedClient } = await import('./memcached-client.ts');
  const client = await memcachedClient(url, timeoutMs / 1000);
  try {
    const key = `accessbench:probe:${process.pid}`;
    await client.set(key, 'ok', { expires: 10 });
    const got = await client.get(key);
    if (got.value?.toString() !== 'ok') throw new Error('SET then GET did not return the value');
    await client.delete(key);
    const version = await new Promise<string>((resolve, reject) =>
      client.stats((e, _server, stats) => (e ? reject(e) : resolve(stats?.version ?? 'unknown'))),
    );
    return { server: `Memcached ${version}` };
  } finally {
    client.close();
  }
}

export async function probeMongo(url: string, timeoutMs = 3000): Promise<Probe> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    const admin = client.db('admin');
    await admin.command({ ping: 1 });
    return { server: mongoServer(await admin.command({ buildInfo: 1 })) };
  } finally {
    await client.close().catch(() => {});
  }
}

/**
 * A PgBouncer in front of the primary: a query goes through it, and the server behind it is named. Its own version
 * is only on its admin console, which an ordinary user may not reach; then it is named by what it fronts.
 */
export async function probePgBouncer(url: string, timeoutMs = 3000): Promise<Probe> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  c.on('error', () => {});
  await c.connect();
  try {
    const v = await c.query<{ server_version: string }>('SHOW server_version');
    return { server: `PgBouncer in front of PostgreSQL ${v.rows[0]?.server_version.split(' ')[0] ?? 'unknown'}` };
  } finally {
    await c.end().catch(() => {});
  }
}

/** As src/infra/local/mongo.ts: FerretDB adds `ferretdbVersion`; its storage backend is not visible from here. */
export function mongoServer(info: Record<string, unknown>): string {
  const ferret = info['ferretdbVersion'];
  if (typeof ferret === 'string') return `FerretDB ${ferret.replace(/^v/, '')}`;
  return `MongoDB ${String(info['version'] ?? 'unknown')}`;
}

/** Probes every URL the needs call for; each backend comes back up or unavailable with a one-line reason. */
export async function checkExternal(urls: ExternalUrls, needs: readonly Need[], timeoutMs = 3000): Promise<BackendStatus[]> {
  const probe = (need: Need, url: string): Promise<Probe> => {
    switch (need) {
      case 'postgres':
        return probePostgres(url, 'primary', timeoutMs);
      case 'replica':
        return probePostgres(url, 'standby', timeoutMs);
      case 'redis':
        return probeRedis(url, timeoutMs);
      case 'mongo':
        return probeMongo(url, timeoutMs);
      case 'pgbouncer':
        return probePgBouncer(url, timeoutMs);
      case 'memcached':
        return probeMemcached(url, timeoutMs);
    }
  };
  return Promise.all(
    NEEDS.filter((n) => needs.includes(n)).map(async (need): Promise<BackendStatus> => {
      const url = urls[need];
      const spec = URL_SOURCES[need];
      if (!url) return { need, status: 'unavailable', server: null, reason: `no --${spec.flag} given (or ${spec.env})` };
      try {
        return { need, status: 'up', server: (await probe(need, url)).server, reason: null };
      } catch (e) {
        return { need, status: 'unavailable', server: null, reason: `${need} at ${hostPort(need, url)}: ${redact(firstLine(e), url)}` };
      }
    }),
  );
}

export function externalProvider(urls: ExternalUrls, timeoutMs = 3000): InfraProvider {
  return { name: 'external', start: (needs) => startExternal(urls, needs, timeoutMs) };
}

async function startExternal(urls: ExternalUrls, needs: readonly Need[], timeoutMs: number): Promise<StartedInfra> {
  const backends = await checkExternal(urls, needs, timeoutMs);
  const primary = backends.find((b) => b.need === 'postgres');
  // Seeding and every SQL strategy need the primary; without it there is no run to make.
  if (primary && primary.status !== 'up') throw new InfraError(`external: ${primary.reason}`);
  const endpoints: Endpoints = {};
  for (const b of backends) {
    const url = urls[b.need];
    if (b.status === 'up' && b.server && url) endpoints[b.need] = { url, server: b.server };
  }
  const given = NEEDS.filter((n) => urls[n]).map((n) => `${n} ${hostPort(n, urls[n] as string)}`);
  return {
    provider: 'external',
    reason: `external servers by URL (${given.join(', ') || 'none'}); nothing started or stopped`,
    endpoints,
    backends,
    stop: async () => {},
  };
}
