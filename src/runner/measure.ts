// Timing: warm every contender, then run trials round-robin across strategies (the order rotating each round) so
// that drift of a shared machine hits all strategies alike. Server-side counters are read before and after each
// trial and turned into per-request figures.
import { createRng } from '../core/rng.ts';
import { checkInterrupted } from '../core/lifecycle.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import type { LoadLevel, ServerMetrics, Trial } from '../results/schema.ts';
import type { StrategyServer } from '../server/spawn.ts';
import type { MetricsSnapshot } from '../server/main.ts';
import { runTrial, type RequestSpec } from '../load/trial.ts';
import { fillRoute, type VerifyOutcome } from '../verify/verify.ts';
import { summarizeLevel } from './summarize.ts';
import type { Profile } from './profiles.ts';

export interface Contender {
  strategy: Strategy;
  server: StrategyServer;
  verify: VerifyOutcome;
}

export interface Measured {
  levels: LoadLevel[];
  degraded: string | null;
}

/** A deterministic request sequence: every strategy sees the same params in the same order. */
function requestStream(scenario: Scenario, info: DatasetInfo, seed: number): () => RequestSpec {
  const rng = createRng(seed);
  return () => ({ method: 'GET', path: fillRoute(scenario.route.path, scenario.params(rng, info)) });
}

export function serverMetrics(before: MetricsSnapshot, after: MetricsSnapshot): ServerMetrics {
  const req = Math.max(1, after.requests - before.requests);
  const cpu = after.cpuUserMicros + after.cpuSystemMicros - (before.cpuUserMicros + before.cpuSystemMicros);
  const lookups = after.cacheHits - before.cacheHits + (after.cacheMisses - before.cacheMisses);
  const wallMicros = Math.max(1, (after.atMs - before.atMs) * 1000);
  return {
    queriesPerRequest: (after.queries - before.queries) / req,
    rowsPerRequest: (after.rows - before.rows) / req,
    rowsWrittenPerRequest: (after.rowsWritten - before.rowsWritten) / req,
    bytesPerResponse: (after.bytes - before.bytes) / req,
    cpuMicrosPerRequest: cpu / req,
    cpuCores: cpu / wallMicros,
    rssBytes: after.rssBytes,
    eventLoopP99Ms: after.eventLoopP99Ms,
    cacheHitRatio: lookups > 0 ? (after.cacheHits - before.cacheHits) / lookups : null,
  };
}

async function safeMetrics(server: StrategyServer, reset: boolean): Promise<MetricsSnapshot | null> {
  try {
    return await server.metrics(reset);
  } catch {
    return null;
  }
}

export async function measureScenario(
  scenario: Scenario,
  contenders: Contender[],
  info: DatasetInfo,
  profile: Profile,
  seed: number,
  log: (line: string) => void,
  step: <T>(p: Promise<T>) => Promise<T>,
): Promise<Map<string, Measured>> {
  const out = new Map<string, Measured>();
  for (const c of contenders) out.set(c.strategy.name, { levels: [], degraded: null });
  for (const connections of profile.connections) {
    for (const c of contenders) {
      checkInterrupted();
      log(`${scenario.name}/${c.strategy.name}: warmup ${profile.warmupSec}s at ${connections} connections`);
      await step(runTrial({ baseUrl: c.server.baseUrl, connections, durationSec: profile.warmupSec, next: requestStream(scenario, info, seed) }));
    }
    const trials = new Map<string, Trial[]>(contenders.map((c) => [c.strategy.name, []]));
    for (let t = 0; t < profile.trials; t++) {
      const order = contenders.map((_, i) => contenders[(i + t) % contenders.length] as Contender);
      for (const c of order) {
        checkInterrupted();
        const before = await safeMetrics(c.server, true);
        const r = await step(
          runTrial({ baseUrl: c.server.baseUrl, connections, durationSec: profile.trialSec, next: requestStream(scenario, info, seed + 1 + t) }),
        );
        const after = await safeMetrics(c.server, true);
        const trial: Trial = { index: t, ...r, server: before && after ? serverMetrics(before, after) : null, mixed: null, replicaLag: null };
        (trials.get(c.strategy.name) as Trial[]).push(trial);
        const m = out.get(c.strategy.name) as Measured;
        if (r.errors + r.non2xx + r.timeouts > 0 && !m.degraded) {
          m.degraded = `${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts in trial ${t + 1}${c.server.isRunning() ? '' : ' (server process died)'}`;
        }
        log(
          `${scenario.name}/${c.strategy.name}: trial ${t + 1}/${profile.trials} — ${r.rps.toFixed(0)} req/s, p99 ${(r.latencyUs.p99 / 1000).toFixed(2)} ms` +
            (trial.server ? `, ${trial.server.queriesPerRequest.toFixed(1)} queries/req` : ''),
        );
      }
    }
    for (const c of contenders) {
      (out.get(c.strategy.name) as Measured).levels.push(summarizeLevel(connections, trials.get(c.strategy.name) as Trial[]));
    }
  }
  return out;
}
