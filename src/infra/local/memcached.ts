// Memcached from `memcached` on this machine (Debian's 1.6), as the cache it is: memory only, TCP on a free loopback
// port, UDP off. It has no password: Memcached's only authentication is SASL over the binary protocol, which needs a
// SASL user database this machine would have to be set up for; the server listens on 127.0.0.1 alone and holds
// nothing but copies of benchmark payloads. Stopped by PID on exit, error and Ctrl-C; its directory is removed.
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { InfraError } from '../../core/errors.ts';
import { freePort, waitFor } from '../../core/net.ts';
import { spawnManaged, type Managed } from '../process.ts';
import { findExecutable, isExecutable, untilExit } from './redis.ts';

export interface RunningMemcached {
  url: string;
  version: string;
  proc: Managed;
}

/** Memory for items, MB: far above what the largest preset's cached payloads take, so nothing is evicted. */
export const MEMCACHED_MEMORY_MB = 256;
/** Largest item, MB: a post with its 500 comments is well below it; the default (1 MB) is kept explicit. */
const MAX_ITEM = '1m';

/** The memcached to run: the explicit path if given, else the first on PATH; null when there is none. */
export function findMemcached(binary?: string): string | null {
  return binary ? (isExecutable(binary) ? binary : null) : findExecutable('memcached');
}

/** The user memcached drops to when started as root (it refuses to run as root without -u). */
function runAsUser(): string[] {
  return process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
}

export async function startMemcached(root: string, binary?: string): Promise<RunningMemcached> {
  const bin = findMemcached(binary);
  if (!bin) {
    throw new InfraError(
      binary ? `memcached not found or not executable at ${binary}` : 'memcached not found on PATH (install: apt-get install memcached)',
    );
  }
  const dir = join(root, 'memcached');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const port = await freePort();
  const args = ['-l', '127.0.0.1', '-p', String(port), '-U', '0', '-m', String(MEMCACHED_MEMORY_MB), '-I', MAX_ITEM, '-c', '1024'];
  const proc = spawnManaged('memcached', bin, [...args, ...runAsUser()], {
    logFile: join(root, 'memcached.log'),
    stopSignal: 'SIGTERM',
    cwd: dir,
  });
  try {
    const version = await untilExit(proc, waitForMemcached(proc, port));
    return { url: `memcached://127.0.0.1:${port}`, version, proc };
  } catch (e) {
    await proc.stop();
    throw e instanceof InfraError ? e : new InfraError(`memcached failed to start: ${(e as Error).message}`);
  }
}

/** Polls until `version` answers (the text protocol, which every memcached speaks); e.g. "Memcached 1.6.18". */
async function waitForMemcached(proc: Managed, port: number): Promise<string> {
  let version = '';
  await waitFor(
    'memcached to answer version',
    async () => {
      if (!proc.isRunning()) return true; // untilExit has already reported the exit; stop polling
      const v = await memcachedVersion('127.0.0.1', port, 1000);
      version = `Memcached ${v}`;
      return true;
    },
    15_000,
  );
  return version;
}

/** Asks a memcached for its version over the text protocol; rejects on a refused connection or a timeout. */
export function memcachedVersion(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    let out = '';
    const done = (e: Error | null, v?: string): void => {
      socket.destroy();
      if (e) reject(e);
      else resolve(v ?? 'unknown');
    };
    socket.setTimeout(timeoutMs, () => done(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('error', (e) => done(e));
    socket.on('connect', () => socket.write('version\r\n'));
    socket.on('data', (d) => {
      out += d.toString('latin1');
      const m = /^VERSION (\S+)\r\n/.exec(out);
      if (m) done(null, m[1]);
      else if (out.includes('\r\n')) done(new Error(`unexpected answer to version: ${JSON.stringify(out.slice(0, 80))}`));
    });
  });
}
