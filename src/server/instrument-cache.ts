// Cache round trips counted at the clients, like queries at the database drivers (instrument.ts): every ioredis
// command and every memjs request a strategy sends, per process and per request, with the time waited for its reply.
import { counters, traceStore } from './instrument.ts';

/** Counts one cache round trip for the current request; the returned function, called on the reply, times it. */
function noteCacheRoundTrip(): () => void {
  counters.cacheRoundTrips++;
  const t = traceStore.getStore();
  if (t) t.cacheRoundTrips++;
  const t0 = performance.now();
  return () => {
    const us = (performance.now() - t0) * 1000;
    counters.cacheMicros += us;
    if (t) t.cacheMicros += us;
  };
}

/** What ioredis sends on its own: connecting, authenticating, its ready check. */
const REDIS_BOOKKEEPING = new Set(['auth', 'hello', 'info', 'select', 'client', 'ping', 'quit']);

/**
 * Wraps ioredis's sendCommand once per process. A command can pass through it more than once (queued while
 * connecting, then flushed), so each command object is counted once, when first seen.
 */
export async function instrumentRedis(): Promise<void> {
  const { Redis } = await import('ioredis');
  const proto = Redis.prototype as unknown as { sendCommand: (...args: unknown[]) => unknown; __accessbench?: true };
  if (proto.__accessbench) return;
  proto.__accessbench = true;
  const original = proto.sendCommand;
  const seen = new WeakSet<object>();
  proto.sendCommand = function (this: unknown, ...args: unknown[]): unknown {
    const command = args[0] as { name?: string; promise?: Promise<unknown> } | undefined;
    if (command && !seen.has(command) && !REDIS_BOOKKEEPING.has(String(command.name).toLowerCase())) {
      seen.add(command);
      const took = noteCacheRoundTrip();
      command.promise?.then(took, took);
    }
    return original.apply(this, args);
  };
}

/** Wraps memjs's Client#perform (every keyed request: get, set, delete, …) once per process; retries are not counted. */
export async function instrumentMemjs(): Promise<void> {
  const memjs = (await import('memjs')).default;
  const proto = memjs.Client.prototype as unknown as { perform: (...args: unknown[]) => unknown; __accessbench?: true };
  if (proto.__accessbench) return;
  proto.__accessbench = true;
  const original = proto.perform;
  proto.perform = function (this: unknown, ...args: unknown[]): unknown {
    // perform(key, request, seq, callback, retries): a retry passes `retries`, the first call does not.
    if (args[4] === undefined && typeof args[3] === 'function') {
      const took = noteCacheRoundTrip();
      const cb = args[3] as (...a: unknown[]) => void;
      args[3] = (...a: unknown[]) => {
        took();
        cb(...a);
      };
    }
    return original.apply(this, args);
  };
}
