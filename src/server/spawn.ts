// The parent's side of a strategy server: fork it, wait until it listens, read its metrics, stop it by PID.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onCleanup } from '../core/lifecycle.ts';
import type { MetricsSnapshot, ServerConfig } from './main.ts';

export interface TraceReply {
  status: number;
  body: string;
  queries: number;
  rows: number;
  statements: string[];
}

export interface StrategyServer {
  name: string;
  pid: number;
  baseUrl: string;
  port: number;
  metrics: (reset?: boolean) => Promise<MetricsSnapshot>;
  trace: (method: string, path: string, body?: string) => Promise<TraceReply>;
  isRunning: () => boolean;
  /** Output of the server process, for error reports. */
  output: () => string;
  stop: () => Promise<void>;
}

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

export async function startStrategyServer(config: ServerConfig, timeoutMs = 60_000): Promise<StrategyServer> {
  const child: ChildProcess = fork(MAIN, [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
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
    metrics: async (reset = false) => (await (await fetch(`${baseUrl}/__ab/metrics${reset ? '?reset' : ''}`)).json()) as MetricsSnapshot,
    trace: async (method, path, body) => {
      const r = await fetch(`${baseUrl}/__ab/trace`, { method: 'POST', body: JSON.stringify({ method, path, body }) });
      return (await r.json()) as TraceReply;
    },
    isRunning: () => running,
    output: () => out,
    stop,
  };
}
