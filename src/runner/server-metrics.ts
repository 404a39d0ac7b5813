// Two snapshots of a strategy server's counters → per-request figures for one trial.
import type { ServerMetrics } from '../results/schema.ts';
import type { MetricsSnapshot } from '../server/main.ts';

export function serverMetrics(before: MetricsSnapshot, after: MetricsSnapshot): ServerMetrics {
  const req = Math.max(1, after.requests - before.requests);
  const cpu = after.cpuUserMicros + after.cpuSystemMicros - (before.cpuUserMicros + before.cpuSystemMicros);
  const lookups = after.cacheHits - before.cacheHits + (after.cacheMisses - before.cacheMisses);
  const wallMicros = Math.max(1, (after.atMs - before.atMs) * 1000);
  return {
    queriesPerRequest: (after.queries - before.queries) / req,
    rowsPerRequest: (after.rows - before.rows) / req,
    rowsWrittenPerRequest: (after.rowsWritten - before.rowsWritten) / req,
    dbMicrosPerRequest: (after.dbMicros - before.dbMicros) / req,
    gcMicrosPerRequest: (after.gcMicros - before.gcMicros) / req,
    bytesPerResponse: (after.bytes - before.bytes) / req,
    cpuMicrosPerRequest: cpu / req,
    cpuCores: cpu / wallMicros,
    rssBytes: after.rssBytes,
    eventLoopP99Ms: after.eventLoopP99Ms,
    cacheHitRatio: lookups > 0 ? (after.cacheHits - before.cacheHits) / lookups : null,
  };
}
