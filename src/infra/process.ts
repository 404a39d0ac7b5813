// A child process the harness owns: spawned, logged to a file, stopped by PID on cleanup (TERM/INT, then KILL).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { onCleanup } from '../core/lifecycle.ts';

export interface Managed {
  name: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code/signal when the process ends, whoever ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning: () => boolean;
  /** Last lines of output, for error messages. */
  tail: () => string;
  stop: () => Promise<void>;
}

export interface ManagedOptions extends Pick<SpawnOptions, 'cwd' | 'env' | 'uid' | 'gid'> {
  /** Where stdout and stderr go (appended). */
  logFile?: string;
  /** Signal for a graceful stop; postgres wants SIGINT (fast shutdown). */
  stopSignal?: NodeJS.Signals;
  stopTimeoutMs?: number;
}

export function spawnManaged(name: string, cmd: string, args: string[], opts: ManagedOptions = {}): Managed {
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    uid: opts.uid,
    gid: opts.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : null;
  log?.on('error', () => {});
  let tail = '';
  const onData = (chunk: Buffer): void => {
    log?.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let running = child.pid !== undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (e) => {
      tail += `\n${e.message}`;
      running = false;
      resolve({ code: -1, signal: null });
    });
    child.on('exit', (code, signal) => {
      running = false;
      log?.end();
      resolve({ code, signal });
    });
  });
  const stopNow = async (): Promise<void> => {
    if (!running) return;
    child.kill(opts.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => {
      if (running) child.kill('SIGKILL');
    }, opts.stopTimeoutMs ?? 10_000);
    await exited;
    clearTimeout(timer);
  };
  const stop = onCleanup(`stop ${name} (pid ${child.pid})`, stopNow);
  return {
    name,
    pid: child.pid ?? -1,
    child,
    exited,
    isRunning: () => running,
    tail: () => tail,
    stop,
  };
}
