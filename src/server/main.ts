// A strategy server: one child process serving ONE strategy, so the load generator and the server never share an
// event loop and every strategy starts from the same clean process. The parent (src/server/spawn.ts) forks it with
// its config in ACCESSBENCH_SERVER and waits for {type:'ready', port} over IPC.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { Endpoints } from '../core/infra.ts';
import type { Settings } from '../core/context.ts';
import { loadStrategy } from '../core/registry.ts';
import { withAddedCost } from '../calibrate/added-cost.ts';
import { connectionName, createCtx } from './context.ts';
import { createHandler } from './app.ts';
import { counters, instrumentMongo, instrumentPg, traceStore, type Trace } from './instrument.ts';
import { instrumentMemjs, instrumentRedis } from './instrument-cache.ts';

export interface ServerConfig {
  scenario: string;
  strategy: string;
  endpoints: Endpoints;
  settings: Partial<Settings>;
}

export interface MetricsSnapshot {
  requests: number;
  errors: number;
  bytes: number;
  queries: number;
  rows: number;
  rowsWritten: number;
  dbMicros: number;
  /** Garbage-collection pause time since start, µs. */
  gcMicros: number;
  cacheHits: number;
  cacheMisses: number;
  /** pg pool borrows (those that found it full: poolWaits) and connection opens, with their summed waits (µs); absent
   * from servers of older commits. */
  poolAcquires?: number;
  poolWaitMicros?: number;
  poolWaits?: number;
  connects?: number;
  connectMicros?: number;
  /** Cache round trips and the time waited for them, µs (absent from servers of older commits). */
  cacheRoundTrips?: number;
  cacheMicros?: number;
  /** Scheduled refreshes since start (absent from older servers), their wall time (µs) and WAL (bytes). */
  refreshes?: number;
  refreshMicros?: number;
  refreshWalBytes?: number;
  refreshCpuMicros?: number;
  refreshCpuCount?: number;
  cpuUserMicros: number;
  cpuSystemMicros: number;
  rssBytes: number;
  /** Event-loop delay p99 since the previous snapshot, ms. */
  eventLoopP99Ms: number;
  atMs: number;
}

const MAX_BODY = 64 * 1024;

function readBody(req: IncomingMessage, max = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
      else {
        // Answer 400 at once and let node read and drop the rest: destroying the request here would reset the
        // connection before the answer went out, and the client would see a hang-up instead of a 400.
        chunks.length = 0;
        reject(new Error(`body too large (more than ${max} bytes)`));
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env.ACCESSBENCH_SERVER ?? '') as ServerConfig;
  instrumentPg();
  const loaded = await loadStrategy(config.scenario, config.strategy);
  const scenario = loaded.scenario;
  const strategy = withAddedCost(loaded.strategy, config.settings.calibration?.[config.strategy]);
  if (loaded.strategy.needs.includes('redis')) await instrumentRedis();
  if (loaded.strategy.needs.includes('memcached')) await instrumentMemjs();
  const { ctx, close } = await createCtx(config.endpoints, strategy, config.settings, connectionName(strategy));
  if (strategy.needs.includes('mongo')) instrumentMongo(ctx.mongo.getClient() as never);
  const handle = createHandler(scenario, strategy, ctx);

  const stats = { requests: 0, errors: 0, bytes: 0 };
  const eld = monitorEventLoopDelay({ resolution: 10 });
  eld.enable();
  let gcMicros = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMicros += e.duration * 1000;
  }).observe({ entryTypes: ['gc'] });
  const snapshot = (reset: boolean): MetricsSnapshot => {
    const cpu = process.cpuUsage();
    const p99 = eld.count > 0 ? eld.percentile(99) / 1e6 : 0;
    if (reset) eld.reset();
    return {
      ...stats,
      ...counters,
      gcMicros,
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
      rssBytes: process.memoryUsage.rss(),
      eventLoopP99Ms: p99,
      atMs: performance.now(),
    };
  };

  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    if (url.startsWith('/__ab/')) {
      // A malformed admin request must not become an unhandled rejection, which would end this server.
      admin(method, url, req, res).catch((e: Error) => send(res, 400, JSON.stringify({ error: e.message })));
      return;
    }
    const bodyP = method === 'GET' ? Promise.resolve('') : readBody(req, scenario.writes?.maxBodyBytes);
    bodyP
      .then((body) => handle(method, url, body))
      .then((reply) => {
        stats.requests++;
        if (reply.status >= 500) stats.errors++;
        stats.bytes += Buffer.byteLength(reply.body);
        send(res, reply.status, reply.body);
      })
      .catch((e: Error) => send(res, 400, JSON.stringify({ error: e.message })));
  });

  async function admin(method: string, url: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(url, 'http://localhost');
    if (u.pathname === '/__ab/noop') return send(res, 200, '{"ok":true}');
    if (u.pathname === '/__ab/forget' && method === 'POST') {
      // Empties this process's own cache, so that what was read before (the cold requests) cannot answer verification.
      ctx.memory.clear();
      return send(res, 200, '{"ok":true}');
    }
    if (u.pathname === '/__ab/metrics') return send(res, 200, JSON.stringify(snapshot(u.searchParams.has('reset'))));
    if (u.pathname === '/__ab/trace' && method === 'POST') {
      // One request with statement capture: what verification checks and what the report shows.
      const {
        method: m,
        path,
        body,
      } = JSON.parse(await readBody(req, scenario.writes?.maxBodyBytes)) as { method: string; path: string; body?: string };
      const trace: Trace = { queries: 0, rows: 0, rowsWritten: 0, statements: [], cacheRoundTrips: 0, cacheMicros: 0 };
      const reply = await traceStore.run(trace, () => handle(m, path, body ?? ''));
      return send(res, 200, JSON.stringify({ ...reply, ...trace }));
    }
    send(res, 404, '{"error":"no such admin route"}');
  }

  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.send?.({ type: 'ready', port: typeof addr === 'object' && addr ? addr.port : 0 });
  });
  const shutdown = (): void => {
    server.close();
    server.closeAllConnections();
    void close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
  // Ctrl-C reaches the whole process group; the parent decides when this server stops.
  process.on('SIGINT', () => {});
}

main().catch((e: Error) => {
  process.send?.({ type: 'error', message: e.message });
  console.error(e);
  process.exit(1);
});
