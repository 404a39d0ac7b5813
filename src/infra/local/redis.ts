// Redis from `redis-server` on this machine, as a pure cache: no RDB snapshots, no AOF, so the benchmark measures
// caching, not disk writes. Bound to loopback with a generated password, in a directory removed on stop.
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Redis } from 'ioredis';
import { InfraError } from '../../core/errors.ts';
import { freePort, waitFor } from '../../core/net.ts';
import { spawnManaged, type Managed } from '../process.ts';

export interface RunningRedis {
  url: string;
  version: string;
  proc: Managed;
}

/** The redis-server to run: the explicit path if given, else the first on PATH; null when there is none. */
export function findRedisServer(binary?: string): string | null {
  return binary ? (isExecutable(binary) ? binary : null) : findExecutable('redis-server');
}

export async function startRedis(root: string, binary?: string): Promise<RunningRedis> {
  const bin = findRedisServer(binary);
  if (!bin) {
    throw new InfraError(
      binary
        ? `redis-server not found or not executable at ${binary}`
        : 'redis-server not found on PATH (install: apt-get install redis-server)',
    );
  }
  const dir = join(root, 'redis');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const port = await freePort();
  const password = randomBytes(16).toString('hex');
  // The password goes in a private config file rather than argv, where any local user could read it with `ps`.
  const conf = join(dir, 'redis.conf');
  writeFileSync(conf, `requirepass ${password}\n`, { mode: 0o600 });
  const args = [conf, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'].concat([
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
  ]);
  const proc = spawnManaged('redis', bin, args, { logFile: join(root, 'redis.log'), stopSignal: 'SIGTERM' });
  try {
    const version = await untilExit(proc, waitForRedis(proc, port, password));
    return { url: `redis://:${password}@127.0.0.1:${port}`, version, proc };
  } catch (e) {
    await proc.stop();
    throw e instanceof InfraError ? e : new InfraError(`redis-server failed to start: ${(e as Error).message}`);
  }
}

/** Polls until PING answers, then reads the version from INFO server (e.g. "Redis 7.0.15"). */
async function waitForRedis(proc: Managed, port: number, password: string): Promise<string> {
  let version = '';
  await waitFor(
    'redis-server to answer PING',
    async () => {
      if (!proc.isRunning()) return true; // untilExit has already reported the exit; stop polling
      const client = new Redis({
        host: '127.0.0.1',
        port,
        password,
        lazyConnect: true,
        connectTimeout: 1000,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null, // the poll loop retries; ioredis must not reconnect behind our back
      });
      client.on('error', () => {}); // without a listener ioredis reports connection refusals as unhandled
      try {
        await client.connect();
        if ((await client.ping()) !== 'PONG') return false;
        const info = await client.info('server');
        version = `Redis ${/^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown'}`;
        return true;
      } finally {
        client.disconnect();
      }
    },
    15_000,
  );
  return version;
}

// Process helpers shared by the local backends (replica.ts, mongo.ts). They belong in ../process.ts, which is
// owned elsewhere; move them there when convenient.

/** The first executable called `name` on PATH, or null. */
export function findExecutable(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (isExecutable(p)) return p;
  }
  return null;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Rejects as soon as the process exits, so a server that dies at startup fails fast with its own last words
 * instead of after a full readiness timeout (waitFor keeps polling through probe errors).
 */
export function untilExit<T>(proc: Managed, work: Promise<T>): Promise<T> {
  const exited = proc.exited.then(({ code, signal }): never => {
    throw new InfraError(`${proc.name} exited (${signal ?? `code ${code}`}): ${lastLines(proc)}`);
  });
  exited.catch(() => {}); // when `work` wins, the later exit (on stop) must not surface as an unhandled rejection
  return Promise.race([work, exited]);
}

export function lastLines(proc: Managed, n = 5): string {
  return proc.tail().trim().split('\n').slice(-n).join(' | ') || '(no output)';
}
