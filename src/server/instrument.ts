// Driver-level instrumentation, so every client is measured the same way: Prisma's pg adapter, raw pg and the
// replica pool all go through pg.Client#query; Mongoose goes through the MongoDB driver's command monitoring; cache
// round trips are counted and timed where the cache clients send them (ioredis's sendCommand, memjs's perform).
// Totals are exact under any concurrency; per-request statement capture (for verification and the report) uses
// AsyncLocalStorage and is only switched on while requests run one at a time.
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import pg from 'pg';

export interface Counters {
  queries: number;
  rows: number;
  /** Rows inserted, updated or deleted (pg rowCount of DML; Mongo n/nModified). */
  rowsWritten: number;
  /** Time spent waiting for the database, summed over queries (µs): from the driver call to its result. */
  dbMicros: number;
  cacheHits: number;
  cacheMisses: number;
  /** Connections borrowed from a pg pool, and the time spent waiting for them (µs), summed; borrows that found the
   * pool full and queued (poolWaits). */
  poolAcquires: number;
  poolWaitMicros: number;
  poolWaits: number;
  /** PostgreSQL (or PgBouncer) connections opened, by pools or by hand, and the time their setup took (µs), summed. */
  connects: number;
  connectMicros: number;
  /** Requests sent to a cache server (a Redis command, a Memcached request), and the time waited for their replies, µs. */
  cacheRoundTrips: number;
  cacheMicros: number;
  /** Scheduled refreshes (pg-matview), their summed wall time (µs) and the WAL written while they ran (bytes). */
  refreshes: number;
  refreshMicros: number;
  refreshWalBytes: number;
  /** The refreshing backend's CPU (µs), summed over the refreshes where it could be read (refreshCpuCount). */
  refreshCpuMicros: number;
  refreshCpuCount: number;
}

export const counters: Counters = {
  queries: 0,
  rows: 0,
  rowsWritten: 0,
  dbMicros: 0,
  cacheHits: 0,
  cacheMisses: 0,
  poolAcquires: 0,
  poolWaitMicros: 0,
  poolWaits: 0,
  connects: 0,
  connectMicros: 0,
  cacheRoundTrips: 0,
  cacheMicros: 0,
  refreshes: 0,
  refreshMicros: 0,
  refreshWalBytes: 0,
  refreshCpuMicros: 0,
  refreshCpuCount: 0,
};

export interface Trace {
  queries: number;
  rows: number;
  /** Rows inserted, updated or deleted by this request. */
  rowsWritten: number;
  statements: string[];
  /** Cache round trips of this request (Redis commands, Memcached requests), and the time waited for them, µs. */
  cacheRoundTrips: number;
  cacheMicros: number;
}

export const traceStore = new AsyncLocalStorage<Trace>();

export function noteQuery(statement: () => string): void {
  counters.queries++;
  const t = traceStore.getStore();
  if (t) {
    t.queries++;
    t.statements.push(statement());
  }
}

// Results arrive in the driver's socket callbacks, outside the request's async context: the trace is captured when
// the query is sent and handed in here.
export function noteRows(n: number, t: Trace | undefined = traceStore.getStore()): void {
  counters.rows += n;
  if (t) t.rows += n;
}

const DML = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

export function noteRowsWritten(n: number, t: Trace | undefined = traceStore.getStore()): void {
  counters.rowsWritten += n;
  if (t) t.rowsWritten += n;
}

function writtenOf(res: unknown): number {
  if (Array.isArray(res)) return res.reduce((s: number, r) => s + writtenOf(r), 0);
  const r = res as { command?: string; rowCount?: number | null } | undefined;
  return r?.command && DML.has(r.command) ? (r.rowCount ?? 0) : 0;
}

function rowsOf(res: unknown): number {
  if (Array.isArray(res)) return res.reduce((s: number, r) => s + rowsOf(r), 0);
  const rows = (res as { rows?: unknown[] } | undefined)?.rows;
  return Array.isArray(rows) ? rows.length : 0;
}

function textOf(config: unknown): string {
  if (typeof config === 'string') return config;
  const c = config as { text?: string; name?: string } | undefined;
  return c?.text ?? String(c?.name ?? '?');
}

type Method = (...args: unknown[]) => unknown;

/** What pg-pool exposes of its state. */
interface PoolState {
  idleCount: number;
  totalCount: number;
  options?: { max?: number };
}

/**
 * Times an async method that takes a trailing callback or returns a promise (pg.Client#connect), adding the µs from
 * call to completion to `add`.
 */
function timed(original: Method, add: (micros: number) => void): Method {
  return function (this: unknown, ...args: unknown[]): unknown {
    const t0 = performance.now();
    const done = (): void => add((performance.now() - t0) * 1000);
    const cb = args[args.length - 1];
    if (typeof cb === 'function') {
      args[args.length - 1] = (...r: unknown[]) => {
        done();
        return (cb as Method)(...r);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as Promise<unknown> | unknown;
    if (out && typeof (out as Promise<unknown>).then === 'function') (out as Promise<unknown>).then(done, done);
    return out;
  };
}

let pgPatched = false;
/**
 * Wraps pg.Client#query once per process; callback and promise styles both count. Also times pg.Pool#connect (the
 * wait for a pooled connection: pool.query borrows through it too) and pg.Client#connect (opening a connection).
 */
export function instrumentPg(): void {
  if (pgPatched) return;
  pgPatched = true;
  // Every borrow from a pool is timed (poolAcquires, poolWaitMicros); one that finds the pool full (no idle
  // connection, max reached) and queues is also counted as a wait (poolWaits). A query that waits for a free pooled
  // connection is sent from the callback pg-pool calls when another query releases one, in that query's async
  // context: bound to the caller's, a request's concurrent queries (Promise.all, GraphQL resolvers, Prisma through its
  // pg adapter) are all counted in its trace.
  const poolProto = pg.Pool.prototype as unknown as { connect: Method };
  const poolConnect = timed(poolProto.connect, (us) => {
    counters.poolAcquires++;
    counters.poolWaitMicros += us;
  });
  poolProto.connect = function (this: PoolState, ...args: unknown[]): unknown {
    const i = args.findIndex((a) => typeof a === 'function');
    if (i >= 0) {
      const cb = AsyncResource.bind(args[i] as Method);
      const waits = this.idleCount === 0 && this.totalCount >= (this.options?.max ?? Number.POSITIVE_INFINITY);
      args[i] = waits
        ? (...a: unknown[]) => {
            counters.poolWaits++;
            return cb(...a);
          }
        : cb;
    }
    return poolConnect.apply(this, args);
  };
  const client = pg.Client.prototype as unknown as { connect: Method };
  client.connect = timed(client.connect, (us) => {
    counters.connects++;
    counters.connectMicros += us;
  });
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]): unknown {
    const config = args[0];
    // pg-pool and Client internals pass stream-like submittables (e.g. COPY); count them too.
    noteQuery(() => textOf(config).replace(/\s+/g, ' ').trim());
    const trace = traceStore.getStore();
    const t0 = performance.now();
    const took = (): void => void (counters.dbMicros += (performance.now() - t0) * 1000);
    const cbIndex = args.findIndex((a) => typeof a === 'function');
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (err: unknown, res: unknown) => void;
      args[cbIndex] = (err: unknown, res: unknown) => {
        took();
        if (!err) {
          noteRows(rowsOf(res), trace);
          noteRowsWritten(writtenOf(res), trace);
        }
        cb(err, res);
      };
      return original.apply(this, args);
    }
    const out = original.apply(this, args) as Promise<unknown> | unknown;
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<unknown>).then((res) => {
        took();
        noteRows(rowsOf(res), trace);
        noteRowsWritten(writtenOf(res), trace);
        return res;
      });
    }
    // A COPY … FROM STDIN stream (pg-copy-streams) is a writable submittable: its rows are known once it finishes.
    const copy = out as { on?: (event: string, fn: () => void) => unknown; rowCount?: unknown } | undefined;
    if (copy && typeof copy.on === 'function' && typeof copy.rowCount === 'number' && /^\s*COPY\b.*\bFROM\s+STDIN/is.test(textOf(config))) {
      copy.on('finish', () => {
        took();
        noteRowsWritten(Number(copy.rowCount) || 0, trace);
      });
    }
    return out;
  };
}

/** Commands the driver sends for its own bookkeeping, not on behalf of the strategy. */
const MONGO_BOOKKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo']);

interface MongoEventSource {
  on(event: 'commandStarted', fn: (e: { commandName: string; command: Record<string, unknown>; requestId: number }) => void): unknown;
  on(event: 'commandSucceeded', fn: (e: { commandName: string; reply: unknown; duration: number; requestId: number }) => void): unknown;
  on(event: 'commandFailed', fn: (e: { requestId: number }) => void): unknown;
}

/** Counts MongoDB commands (the analogue of SQL queries) and returned documents via command monitoring. */
export function instrumentMongo(client: MongoEventSource): void {
  // The trace of the request that sent each command in flight, by the driver's request id (see noteRows).
  const inFlight = new Map<number, Trace>();
  client.on('commandFailed', (e) => void inFlight.delete(e.requestId));
  client.on('commandStarted', (e) => {
    if (MONGO_BOOKKEEPING.has(e.commandName)) return;
    const t = traceStore.getStore();
    if (t) inFlight.set(e.requestId, t);
    noteQuery(() => {
      const { lsid: _l, $db: _d, $clusterTime: _c, ...cmd } = e.command;
      // Mongoose sends sorts as Maps, which JSON.stringify would print as {}.
      return JSON.stringify(cmd, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v));
    });
  });
  client.on('commandSucceeded', (e) => {
    if (MONGO_BOOKKEEPING.has(e.commandName)) return;
    const t = inFlight.get(e.requestId);
    inFlight.delete(e.requestId);
    counters.dbMicros += e.duration * 1000;
    const cursor = (e.reply as { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } } | undefined)?.cursor;
    const docs = cursor?.firstBatch ?? cursor?.nextBatch;
    if (Array.isArray(docs)) noteRows(docs.length, t);
    const reply = e.reply as { n?: number; nModified?: number } | undefined;
    if (['insert', 'update', 'delete', 'findAndModify'].includes(e.commandName)) noteRowsWritten(reply?.nModified ?? reply?.n ?? 0, t);
  });
}
