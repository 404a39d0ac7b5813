// The parent's side of a strategy server: fork it, wait until it listens, read its metrics, stop it by PID.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from '../core/lifecycle.ts';
import type { MetricsSnapshot, ServerConfig } from './main.ts';

export interface TraceReply {
  status: number;
  body: string;
  queries: number;
  rows: number;
  /** Absent from servers of older commits (accessbench ab's base). */
  rowsWritten?: number;
  statements: string[];
  /** Cache round trips of the request and the time waited for them (µs); absent from servers of older commits. */
  cacheRoundTrips?: number;
  cacheMicros?: number;
}

export interface StrategyServer {
  name: string;
  pid: number;
  baseUrl: string;
  port: number;
  metrics: (reset?: boolean) => Promise<MetricsSnapshot>;
  /** One request, traced; bounded by `timeoutMs` (30 s unless a caller that knows its server is slow says more). */
  trace: (method: string, path: string, body?: string, timeoutMs?: number) => Promise<TraceReply>;
  /** Empties the server's in-process cache. */
  forget: () => Promise<void>;
  isRunning: () => boolean;
  /** Output of the server process, for error reports. */
  output: () => string;
  stop: () => Promise<void>;
}

const TRACE_TIMEOUT_MS = 30_000;

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * `root`: another checkout of accessbench (e.g. the base commit's git worktree in `accessbench ab`) whose own
 * src/server/main.ts is forked under that tree's tsx: `--import` resolves a bare specifier from the working directory,
 * so the child runs from `root` and loads `root`'s node_modules, not ours.
 */
export async function startStrategyServer(config: ServerConfig, timeoutMs = 60_000, root?: string): Promise<StrategyServer> {
  const child: ChildProcess = fork(root ? join(root, 'src', 'server', 'main.ts') : MAIN, [], {
    execArgv: ['--import', root ? 'tsx' : import.meta.resolve('tsx')],
    cwd: root,
    env: { ...process.env, ACCESSBENCH_SERVER: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  const keep = (c: Buffer): void => void (out = (out + c.toString('utf8')).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let running = true;
  const exited = new Promise<void>((resolve) => child.on('exit', () => ((running = false), resolve())));
  const stop = onCleanup(`stop server ${config.strategy} (pid ${child.pid})`, async () => {
    if (!running) return;
    child.kill('SIGTERM');
    const t = setTimeout(() => running && child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
  });
  const name = `${config.scenario}/${config.strategy}`;
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} server did not start within ${timeoutMs} ms`)), timeoutMs);
      child.on('message', (m: { type: string; port?: number; message?: string }) => {
        if (m.type === 'ready' && m.port) {
          clearTimeout(timer);
          resolve(m.port);
        } else if (m.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`${name} server failed to start: ${m.message}`));
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`${name} server exited during start-up: ${out.trim().split('\n').slice(-3).join(' | ')}`));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    name,
    pid: child.pid ?? -1,
    baseUrl,
    port,
    // Bounded like trace: a hung server must not stall a trial's bookkeeping.
    metrics: async (reset = false) =>
      (await (
        await fetch(`${baseUrl}/__ab/metrics${reset ? '?reset' : ''}`, { signal: AbortSignal.timeout(5000) })
      ).json()) as MetricsSnapshot,
    forget: async () => {
      const r = await fetch(`${baseUrl}/__ab/forget`, { method: 'POST', signal: AbortSignal.timeout(5000) });
      if (!r.ok) throw new Error(`${name}: could not empty its cache (${r.status})`);
    },
    trace: async (method, path, body, timeoutMs = TRACE_TIMEOUT_MS) => {
      // Bounded: a strategy that cannot answer one request in this time cannot be load-tested either.
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const r = await fetch(`${baseUrl}/__ab/trace`, { method: 'POST', body: JSON.stringify({ method, path, body }), signal });
        return (await r.json()) as TraceReply;
      } catch (e) {
        if (signal.aborted) throw new Error(`${method} ${path} took longer than ${timeoutMs / 1000} s`);
        // fetch's own message ("fetch failed") says nothing: the socket error under it is what a reader needs.
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(`${method} ${path}: ${(e as Error).message}${cause ? ` (${cause.code ?? cause.message ?? cause})` : ''}`);
      }
    },
    isRunning: () => running,
    output: () => out,
    stop,
  };
}
