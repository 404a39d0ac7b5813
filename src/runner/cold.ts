// The first requests a freshly started strategy server answers, one at a time: cold JIT, empty pools, unprepared
// statements, empty in-process caches. Timed right after the server starts, before verification sends it anything
// (src/verify/scenario.ts onStarted), so no extra process is started for it; a strategy that then fails verification
// keeps no figure.
import type { StrategyServer } from '../server/spawn.ts';
import type { RequestSpec } from '../load/trial.ts';
import { createLatencyHistogram, percentiles, recordMs } from '../stats/hdr.ts';
import type { Measured } from './contender.ts';

export async function coldRequests(server: StrategyServer, next: () => RequestSpec, n: number): Promise<Measured['cold']> {
  if (n <= 0) return null;
  const h = createLatencyHistogram();
  for (let i = 0; i < n; i++) {
    const spec = next();
    const t0 = performance.now();
    try {
      const r = await fetch(server.baseUrl + spec.path, {
        method: spec.method,
        body: spec.body,
        headers: spec.body ? { 'content-type': 'application/json' } : {},
        signal: AbortSignal.timeout(30_000),
      });
      await r.arrayBuffer();
    } catch {
      /* counted by the trials' error figures; here only latency matters */
    }
    recordMs(h, performance.now() - t0);
  }
  return { requests: n, latencyUs: percentiles(h) };
}
