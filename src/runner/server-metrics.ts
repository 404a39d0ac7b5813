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
  const trips = d('cacheRoundTrips');
  return {
    queriesPerRequest: (after.queries - before.queries) / req,
    rowsPerRequest: (after.rows - before.rows) / req,
    rowsWrittenPerRequest: d('rowsWritten') / req,
    dbMicrosPerRequest: d('dbMicros') / req,
    gcMicrosPerRequest: d('gcMicros') / req,
    poolWaitMicrosPerRequest: d('poolWaitMicros') / req,
    poolWaitsPerRequest: d('poolWaits') / req,
    connectsPerRequest: d('connects') / req,
    connectMicrosPerRequest: d('connectMicros') / req,
    bytesPerResponse: (after.bytes - before.bytes) / req,
    cpuMicrosPerRequest: cpu / req,
    cpuCores: cpu / wallMicros,
    rssBytes: after.rssBytes,
    eventLoopP99Ms: after.eventLoopP99Ms,
    cacheHitRatio: lookups > 0 ? (after.cacheHits - before.cacheHits) / lookups : null,
    cacheRoundTripsPerRequest: trips > 0 ? trips / req : null,
    cacheMicrosPerRoundTrip: trips > 0 ? d('cacheMicros') / trips : null,
    // Only servers that refresh something (pg-matview) report it; a trial without a refresh then says 0.
    refresh:
      (after.refreshes ?? 0) > 0
        ? {
            count: d('refreshes'),
            micros: d('refreshMicros'),
            walBytes: d('refreshWalBytes'),
            // Only when the backend's CPU was read for every refresh of the trial.
            dbCpuMicros: d('refreshes') > 0 && d('refreshCpuCount') === d('refreshes') ? d('refreshCpuMicros') : null,
          }
        : null,
    // Read outside the strategy server (its backends' processes, the load generator): filled in by the trial.
    dbCpuMicrosPerRequest: null,
    cacheCpuMicrosPerRequest: null,
    loadCpuMicrosPerRequest: null,
  };
}
