// A materialized view refreshed on a schedule by the application server that reads it: a timer in the strategy's own
// server process, as a team without a job scheduler (pg_cron, a cron job, a queue worker) would run it. Each tick runs
// REFRESH MATERIALIZED VIEW CONCURRENTLY (readers are never blocked) on a connection of its own, so a refresh never
// holds one of the request pool's connections, under a transaction-scoped advisory lock, so that of several app
// servers only one refreshes at a time (the others skip the tick). The interval is counted from the end of the last
// refresh: refreshes never overlap, and the period is the interval plus the refresh's own time.
//
// One departure from production, for the benchmark's sake: the interval runs on the server's serving time only (time
// with a request in the last `activeWindowMs`), so the view is refreshed only while its server is being timed. Every
// strategy server of a run stays up while the others are timed, and a refresh running then would charge its CPU to
// another strategy's trial; and since each strategy writes to a database of its own, its data changes only while it
// is timed too, so a clock of serving time keeps the refreshes in step with the writes, as in a production server that
// serves all the time. (A wall clock that skipped the ticks falling while the server was idle refreshed at whatever
// tick happened to land in a trial: 0 to 3 times a scenario.) An idle production instance would refresh regardless.
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Ctx } from '../../src/core/context.ts';
import type { Parity } from '../../src/core/scenario.ts';

/** Runs a function outside every request's async context: the refresh's statements belong to no request's trace. */
const outsideRequests = AsyncLocalStorage.snapshot();

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel build). */
const TICKS_PER_SECOND = 100;

/** How often the timer looks at the serving time (a refresh starts at most this late). */
const POLL_MS = 50;

/**
 * CPU time (µs) of a database backend, read from /proc when the server runs on this machine: the backend's process
 * title names the client's port, so a pid that belongs to another process (a container's namespace) is never read.
 */
function backendCpuMicros(pid: number, clientPort: number): number | null {
  try {
    if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`(${clientPort})`)) return null;
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * The parity settings of a strategy reading a view refreshed this way, recorded with it in every result. Its staleness
 * bound: the worst case is one interval plus two refreshes (a write landing just after a refresh began waits for that
 * one and the next). A whole refresh took ≈ 50 ms on tiny and 0.2–0.5 s on small (a shared 2-core machine); medium
 * has 20× the data, so ≈ 10 s is estimated. The bound covers that; write verification waits only until the write
 * shows, and the stale-read probe measures the real age.
 */
export function matviewParity(intervalMs: number, view: string): Parity {
  return {
    preparedStatements: true,
    readFrom: 'primary',
    readModel: `${view} (materialized view)`,
    refreshIntervalMs: intervalMs,
    refresh: 'REFRESH MATERIALIZED VIEW CONCURRENTLY, timer in the server process',
    freshWithinMs: intervalMs + 24_000,
  };
}

export interface ScheduledRefresh {
  /** Called by every read and write: starts the schedule on first use and marks the server as serving. */
  touch: (ctx: Ctx) => void;
}

export function scheduledRefresh(opts: { view: string; intervalMs: number; activeWindowMs: number }): ScheduledRefresh {
  let lastActive = 0;
  /** Serving time (ms) since the last refresh ended. */
  let servedSinceRefresh = 0;
  let started = false;
  let client: pg.Client | null = null;
  let backend = { pid: 0, port: 0 };
  let warned = false;

  async function connection(ctx: Ctx): Promise<pg.Client> {
    if (client) return client;
    // The request pool's settings (URL, credentials, application name), on a client of its own.
    const c = new pg.Client({ ...(ctx.pg as unknown as { options: pg.ClientConfig }).options });
    c.on('error', () => (client = null));
    await c.connect();
    // A full refresh may take longer than a request is allowed to.
    await c.query('SET statement_timeout = 0');
    const pid = await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const port = (c as unknown as { connection?: { stream?: { localPort?: number } } }).connection?.stream?.localPort ?? 0;
    backend = { pid: pid.rows[0]?.pid ?? 0, port };
    client = c;
    return c;
  }

  async function refresh(ctx: Ctx): Promise<void> {
    const c = await connection(ctx);
    await c.query('BEGIN');
    try {
      const lock = await c.query<{ got: boolean }>({
        name: `refresh-lock-${opts.view}`,
        text: 'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS got',
        values: [opts.view],
      });
      if (!lock.rows[0]?.got) return void (await c.query('ROLLBACK'));
      const lsn = await c.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
      const cpu0 = backendCpuMicros(backend.pid, backend.port);
      const t0 = performance.now();
      await c.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${opts.view}`);
      await c.query('COMMIT');
      const micros = (performance.now() - t0) * 1000;
      const cpu1 = backendCpuMicros(backend.pid, backend.port);
      const wal = await c.query<{ bytes: string }>({
        name: 'refresh-wal',
        text: 'SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), $1::pg_lsn)::bigint::text AS bytes',
        values: [lsn.rows[0]?.lsn],
      });
      ctx.background.refreshed(micros, Number(wal.rows[0]?.bytes ?? 0), cpu0 === null || cpu1 === null ? null : cpu1 - cpu0);
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  }

  /** Checks every POLL_MS whether the interval of serving time has passed; the next check is armed when a refresh ends. */
  function arm(ctx: Ctx): void {
    const timer = setTimeout(() => {
      // Due, and serving now: a refresh never starts between this server's trials, during another strategy's.
      const due = servedSinceRefresh >= opts.intervalMs && performance.now() - lastActive <= opts.activeWindowMs;
      (due ? refresh(ctx).finally(() => (servedSinceRefresh = 0)) : Promise.resolve())
        .catch((e: Error) => {
          // A failed refresh leaves the view as it was: staleness grows, which the stale-read probe then shows.
          if (!warned) console.error(`refresh of ${opts.view} failed: ${e.message}`);
          warned = true;
        })
        .finally(() => arm(ctx));
    }, POLL_MS);
    timer.unref();
  }

  return {
    touch: (ctx) => {
      const now = performance.now();
      // Time since the previous request counts as serving time when the server was serving then (within the window).
      if (now - lastActive <= opts.activeWindowMs) servedSinceRefresh += now - lastActive;
      lastActive = now;
      if (started) return;
      started = true;
      outsideRequests(() => arm(ctx));
    },
  };
}
