// Two snapshots of a strategy server's counters → per-request figures for one trial.
import type { ServerMetrics } from '../results/schema.ts';
import type { MetricsSnapshot } from '../server/main.ts';

export function serverMetrics(before: MetricsSnapshot, after: MetricsSnapshot): ServerMetrics {
  // A counter an older server does not report (e.g. the base commit's server in `accessbench ab`) counts as 0.
  const d = (k: keyof MetricsSnapshot): number => (Number(after[k]) || 0) - (Number(before[k]) || 0);
  const req = Math.max(1, after.requests - before.requests);
  const cpu = after.cpuUserMicros + after.cpuSystemMicros - (before.cpuUserMicros + before.cpuSystemMicros);
  const lookups = after.cacheHits - before.cacheHits + (after.cacheMisses - before.cacheMisses);
  const wallMicros = Math.max(1, (after.atMs - before.atMs) * 1000);
  return {
    queriesPerRequest: (after.queries - before.queries) / req,
    rowsPerRequest: (after.rows - before.rows) / req,
    rowsWrittenPerRequest: d('rowsWritten') / req,
    dbMicrosPerRequest: d('dbMicros') / req,
    gcMicrosPerRequest: d('gcMicros') / req,
    poolWaitsPerRequest: d('poolWaits') / req,
    poolWaitMicrosPerRequest: d('poolWaitMicros') / req,
    bytesPerResponse: (after.bytes - before.bytes) / req,
    cpuMicrosPerRequest: cpu / req,
    cpuCores: cpu / wallMicros,
    rssBytes: after.rssBytes,
    eventLoopP99Ms: after.eventLoopP99Ms,
    cacheHitRatio: lookups > 0 ? (after.cacheHits - before.cacheHits) / lookups : null,
    // Read outside the strategy server (its backends' processes, the load generator): filled in by the trial.
    dbCpuMicrosPerRequest: null,
    cacheCpuMicrosPerRequest: null,
    loadCpuMicrosPerRequest: null,
  };
}
