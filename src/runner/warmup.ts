// Warmup until the server is warm, not for a fixed time. A strategy server freshly started costs several times more
// CPU per request than the same server a few thousand requests later (V8 compiling its hot paths, inline caches, the
// heap growing to its working size, prepared statements): measured on post-detail, pg-join's app CPU per request fell
// from 1 051 to about 400 µs over its first ten trials after a 1 s warmup, pg-replica's from 957 to 219 µs, and that
// trend was the largest single part of the trial-to-trial variance (docs/measurement.md, "Servers that were still
// warming"). So the warmup runs in chunks and reads the server's own CPU per request after each one; it ends once the
// last chunks no longer beat the best chunk before them by more than SETTLE, and never before the profile's warmup
// or after its limit. The last chunks' throughput, taken on the warm server, sizes the trials.
import { runTrial, type RequestSpec } from '../load/trial.ts';
import type { StrategyServer } from '../server/spawn.ts';
import type { MetricsSnapshot } from '../server/main.ts';
import { safeMetrics } from './trial-run.ts';

/** A chunk that beats every earlier one by more than this is still warming. */
export const SETTLE = 0.08;
/** Chunks whose CPU per request must all have stopped improving. */
const STEADY_CHUNKS = 2;

export interface WarmupPlan {
  /** The least warmup (the profile's --warmup). */
  minSec: number;
  /** The most: a server that is still getting cheaper then is timed anyway, and its warmup says so. */
  maxSec: number;
  /** Length of each chunk. */
  chunkSec: number;
}

export interface WarmupOutcome {
  /** Throughput of the last chunks (the warm server's): what sizes the trials. */
  rps: number;
  sec: number;
  /** Its CPU per request had stopped falling (false: the limit ended it, or the server reports no CPU). */
  steady: boolean;
  /** App CPU µs per request of each chunk, in order (empty without the server's counters). */
  cpuMicrosPerRequest: number[];
}

/**
 * Have the costs stopped falling? Steady once at least STEADY_CHUNKS + 1 chunks ran and none of the last
 * STEADY_CHUNKS is cheaper than the cheapest chunk before them by more than `settle`. Noise alone rarely keeps a server
 * in warmup: the cheapest of the earlier chunks is already a low draw, and the last ones must beat it by `settle`.
 */
export function warmedUp(costs: readonly number[], settle = SETTLE): boolean {
  if (costs.length < STEADY_CHUNKS + 1) return false;
  const before = Math.min(...costs.slice(0, -STEADY_CHUNKS));
  return costs.slice(-STEADY_CHUNKS).every((c) => c >= (1 - settle) * before);
}

const cpuOf = (m: MetricsSnapshot): number => m.cpuUserMicros + m.cpuSystemMicros;

/**
 * Warm one server with `next`'s requests at `connections`. `alongside` runs beside each chunk (a mixed load's paced
 * writer) and is awaited with it. Without the server's counters (the harness's no-op route shares a strategy's
 * server; an unreadable metrics endpoint) it warms for `minSec`.
 */
export async function warmUntilSteady(
  server: StrategyServer,
  connections: number,
  next: () => RequestSpec,
  plan: WarmupPlan,
  opts: { measureCpu: boolean; alongside?: (sec: number) => Promise<unknown> | null } = { measureCpu: true },
): Promise<WarmupOutcome> {
  const costs: number[] = [];
  const rates: number[] = [];
  let sec = 0;
  let before = opts.measureCpu ? await safeMetrics(server, false) : null;
  while (true) {
    const chunk = Math.min(plan.chunkSec, Math.max(plan.chunkSec / 2, plan.maxSec - sec));
    const beside = opts.alongside?.(chunk) ?? null;
    const w = await runTrial({ baseUrl: server.baseUrl, connections, durationSec: chunk, next });
    if (beside) await beside;
    sec += w.durationSec;
    rates.push(w.rps);
    const after = before ? await safeMetrics(server, false) : null;
    if (before && after && after.requests > before.requests)
      costs.push((cpuOf(after) - cpuOf(before)) / (after.requests - before.requests));
    before = after;
    const steady = costs.length === rates.length && warmedUp(costs);
    if (sec >= plan.minSec && (steady || !before || sec >= plan.maxSec - 1e-9))
      return { rps: lastMedian(rates), sec, steady, cpuMicrosPerRequest: costs };
  }
}

/** The warm server's rate: the median of the last (up to) three chunks, so one disturbed chunk does not size the trials. */
function lastMedian(xs: readonly number[]): number {
  const tail = [...xs.slice(-3)].sort((a, b) => a - b);
  return tail[Math.floor(tail.length / 2)] ?? 0;
}
