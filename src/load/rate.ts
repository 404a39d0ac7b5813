// Rate mode (docs/design.md, "Timing"): the highest request rate a strategy server sustains with its p99 under a
// target — the question an SLO asks, where a closed-loop trial (trial.ts) answers "how fast at N connections".
//
// Pacing. autocannon's `overallRate` is a per-connection token bucket refilled every second: each connection fires its
// quota back to back at the start of the second and then idles, so latency is measured in bursts, and a connection
// that lost time to a stall can never catch up. We therefore pace requests ourselves, on a fixed schedule: connection i
// sends its k-th request at t0 + i/R + k·C/R (C connections, R req/s), or at once if it is already late. `overallRate`
// stays on at 2·R as a backstop only; it never binds while the pacer works, catch-up after a stall included.
//
// Coordinated omission. A connection waits for its response before it sends again, so a stall also delays the requests
// that an open-loop client would already have sent. Each response is therefore also timed from its request's
// *intended* send time (the wrk2 correction): corrected = raw + how long the scheduled send waited for its connection
// to be free. The raw figure is what the server took, the corrected one what a client arriving on schedule would have
// waited. The lateness of the pacer's own timers on a free connection (the load generator descheduled, not the server
// slow) is not charged to the server: it is reported apart as clientLag. The search judges the corrected p99.
import autocannon from 'autocannon';
import { ConfigError } from '../core/errors.ts';
import { sleep } from '../core/net.ts';
import type { Percentiles } from '../results/schema.ts';
import { createLatencyHistogram, encodeHistogram, percentiles, recordMs, type LatencyHistogram } from '../stats/hdr.ts';
import type { RequestSpec } from './trial.ts';

export interface RateTrialOptions {
  baseUrl: string;
  ratePerSec: number;
  durationSec: number;
  next: () => RequestSpec;
  /** Default: connectionsFor(ratePerSec, latencyBudgetMs). */
  connections?: number;
  /** The latency a response may take before its connection falls behind schedule; sizes the connection count. */
  latencyBudgetMs?: number;
  timeoutSec?: number;
}

export interface RateTrialOutcome {
  requestedRps: number;
  connections: number;
  durationSec: number;
  requests: number;
  achievedRps: number;
  /** Send to response, as the server served it. */
  latencyUs: Percentiles;
  /** Intended send time to response: includes the wait a closed loop omits. */
  latencyCorrectedUs: Percentiles;
  /** How late the pacer's own timers fired on an idle connection: if this is large, the load generator is the limit. */
  clientLagUs: Percentiles;
  errors: number;
  non2xx: number;
  timeouts: number;
  histogram: string;
  histogramCorrected: string;
}

const MIN_CONNECTIONS = 16;
const MAX_CONNECTIONS = 256;

/**
 * Little's law: R req/s at latency L keeps R·L requests in flight. With C = R·budget connections, each connection's
 * interval (C/R) equals the budget, so a response within budget never delays the next send; only slower ones do, and
 * the correction accounts for those. Bounded to [16, 256] and to one connection per request/s.
 */
export function connectionsFor(ratePerSec: number, latencyBudgetMs: number): number {
  const wanted = Math.ceil((ratePerSec * latencyBudgetMs) / 1000);
  return Math.max(1, Math.min(Math.max(MIN_CONNECTIONS, Math.min(MAX_CONNECTIONS, wanted)), Math.floor(ratePerSec)));
}

export function assertLoopback(baseUrl: string): void {
  const host = URL.canParse(baseUrl) ? new URL(baseUrl).hostname : null;
  if (host !== '127.0.0.1') throw new ConfigError(`baseUrl: rate mode only loads http://127.0.0.1, got ${baseUrl}`);
}

/** The part of autocannon's (untyped, internal) Client the pacer relies on; checked at runtime. */
type InternalClient = { _doRequest: (...args: unknown[]) => void; destroyed: boolean; reqsMade: number };

function createPacer(ratePerSec: number, connections: number, lag: LatencyHistogram) {
  const intervalMs = (1000 * connections) / ratePerSec;
  const backlog = new WeakMap<object, number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let t0 = -1;
  let index = 0;
  // Runs in the Client constructor, before it connects and sends its first request.
  const setupClient = (client: unknown): void => {
    const c = client as InternalClient;
    if (typeof c._doRequest !== 'function' || typeof c.reqsMade !== 'number') {
      throw new Error('rate mode: autocannon Client internals (_doRequest, reqsMade) not found; pacing needs autocannon 9');
    }
    if (t0 < 0) t0 = performance.now();
    const first = t0 + (index++ * 1000) / ratePerSec;
    const send = c._doRequest;
    let k = 0;
    let pending = false;
    c._doRequest = (...args: unknown[]) => {
      // A reconnect asks for a request while one is already scheduled: that one will do.
      if (pending || c.destroyed) return;
      const readyAt = performance.now();
      const due = first + k * intervalMs;
      const fire = (): void => {
        pending = false;
        if (c.destroyed) return;
        const sentAt = performance.now();
        const before = c.reqsMade;
        send.apply(c, args);
        // The backstop bucket may refuse (reqsMade unchanged); autocannon calls again when it refills.
        if (c.reqsMade === before) return;
        backlog.set(c, Math.max(0, readyAt - due));
        k++;
        recordMs(lag, sentAt - Math.max(due, readyAt));
      };
      if (due <= readyAt) return fire();
      pending = true;
      const t = setTimeout(() => (timers.delete(t), fire()), due - readyAt);
      timers.add(t);
    };
  };
  return {
    setupClient,
    backlogOf: (client: unknown): number => backlog.get(client as object) ?? 0,
    stop: (): void => timers.forEach((t) => clearTimeout(t)),
  };
}

export async function runRateTrial(opts: RateTrialOptions): Promise<RateTrialOutcome> {
  assertLoopback(opts.baseUrl);
  const rate = Math.round(opts.ratePerSec);
  if (!Number.isFinite(opts.ratePerSec) || rate < 1) throw new ConfigError(`ratePerSec: must be ≥ 1, got ${opts.ratePerSec}`);
  // autocannon stops at its next 1 s sample tick, so only whole seconds mean what they say.
  if (!Number.isInteger(opts.durationSec) || opts.durationSec < 1)
    throw new ConfigError(`durationSec: a whole number ≥ 1, got ${opts.durationSec}`);
  const connections = Math.max(1, Math.min(opts.connections ?? connectionsFor(rate, opts.latencyBudgetMs ?? 50), MAX_CONNECTIONS, rate));
  const raw = createLatencyHistogram();
  const corrected = createLatencyHistogram();
  const lag = createLatencyHistogram();
  const pacer = createPacer(rate, connections, lag);
  let completed = 0;
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: opts.baseUrl,
        connections,
        duration: opts.durationSec,
        timeout: opts.timeoutSec ?? 10,
        pipelining: 1,
        overallRate: 2 * rate,
        // autocannon's own CO correction assumes an interval of ceil(1 / per-connection rate) ms, i.e. always 1 ms,
        // and its ms histogram is unused here.
        ignoreCoordinatedOmission: true,
        setupClient: pacer.setupClient,
        requests: [
          {
            setupRequest: (req: autocannon.Request): autocannon.Request => {
              const spec = opts.next();
              return { ...req, ...spec, headers: spec.body ? { 'content-type': 'application/json' } : {} };
            },
          },
        ],
      } as autocannon.Options,
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  // Emitted synchronously when the response completes, before the client schedules its next request, so the
  // client's backlog is still this request's.
  instance.on('response', (client: unknown, _status: number, _bytes: number, responseTime: number) => {
    completed++;
    recordMs(raw, responseTime);
    recordMs(corrected, responseTime + pacer.backlogOf(client));
  });
  const result = await done.finally(pacer.stop);
  // autocannon's own elapsed time, start to the tick that stopped it (≥ durationSec).
  const durationSec = result.duration || opts.durationSec;
  return {
    requestedRps: rate,
    connections,
    durationSec,
    requests: completed,
    achievedRps: completed / durationSec,
    latencyUs: percentiles(raw),
    latencyCorrectedUs: percentiles(corrected),
    clientLagUs: percentiles(lag),
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
    histogram: encodeHistogram(raw),
    histogramCorrected: encodeHistogram(corrected),
  };
}

export type RateStep = {
  requested: number;
  achieved: number;
  connections: number;
  p99Us: number;
  p99CorrectedUs: number;
  ok: boolean;
  reason: string;
};

export interface RateSearchOptions {
  baseUrl: string;
  next: () => RequestSpec;
  targetP99Ms: number;
  stepSec: number;
  startRps: number;
  maxRps: number;
  growth?: number;
  /** Bisection steps between the last sustained and the first failed rate. */
  bisections?: number;
  maxSteps?: number;
  /** Wall-clock budget; no step starts that would end after it. Default: maxSteps × (stepSec + 2) s. */
  maxTotalSec?: number;
  /** Pause between steps, so that work queued by an overloaded step drains before the next one. */
  cooldownMs?: number;
  /** Repeat a failed growth step once before believing it (default true). */
  confirmFailure?: boolean;
  log?: (line: string) => void;
}

/** sustainedRps: the highest rate that passed (0 if none did); stoppedBy: why the search ended. */
export type RateSearchResult = { sustainedRps: number; steps: RateStep[]; stoppedBy: 'bisected' | 'maxRps' | 'maxSteps' | 'time' };

/** Sustained = achieved ≥ 95 % of requested, corrected p99 within target, no errors, non-2xx or timeouts. */
export function judgeStep(o: RateTrialOutcome, targetP99Ms: number): RateStep {
  const reasons: string[] = [];
  if (o.errors + o.non2xx + o.timeouts > 0) reasons.push(`${o.errors} errors, ${o.non2xx} non-2xx, ${o.timeouts} timeouts`);
  if (o.achievedRps < 0.95 * o.requestedRps) reasons.push(`achieved ${o.achievedRps.toFixed(0)} < 95 % of ${o.requestedRps}`);
  const p99Ms = o.latencyCorrectedUs.p99 / 1000;
  if (p99Ms > targetP99Ms) reasons.push(`corrected p99 ${p99Ms.toFixed(1)} ms > ${targetP99Ms} ms`);
  return {
    requested: o.requestedRps,
    achieved: o.achievedRps,
    connections: o.connections,
    p99Us: o.latencyUs.p99,
    p99CorrectedUs: o.latencyCorrectedUs.p99,
    ok: reasons.length === 0,
    reason: reasons.length === 0 ? 'sustained' : reasons.join('; '),
  };
}

/**
 * Geometric growth from startRps while sustained, then bisection between the last sustained and the first failed
 * rate. Bounded by maxSteps, maxRps and maxTotalSec; every step is itself bounded by stepSec.
 */
export async function findSustainableRate(opts: RateSearchOptions): Promise<RateSearchResult> {
  assertLoopback(opts.baseUrl);
  const growth = opts.growth ?? 1.5;
  const bisections = opts.bisections ?? 3;
  const maxSteps = Math.min(opts.maxSteps ?? 12, 12);
  const cooldownMs = opts.cooldownMs ?? 500;
  const budgetMs = (opts.maxTotalSec ?? maxSteps * (opts.stepSec + 2)) * 1000;
  if (!(growth > 1)) throw new ConfigError(`growth: must be > 1, got ${growth}`);
  if (!(opts.targetP99Ms > 0)) throw new ConfigError(`targetP99Ms: must be > 0, got ${opts.targetP99Ms}`);
  if (!(opts.startRps >= 1 && opts.maxRps >= opts.startRps))
    throw new ConfigError(`startRps/maxRps: need 1 ≤ startRps ≤ maxRps, got ${opts.startRps}/${opts.maxRps}`);
  const started = performance.now();
  const steps: RateStep[] = [];
  const outOfTime = (): boolean => performance.now() - started + (opts.stepSec + 1) * 1000 > budgetMs;
  const probe = async (rps: number): Promise<RateStep> => {
    if (steps.length > 0) await sleep(cooldownMs);
    const { baseUrl, next, targetP99Ms: latencyBudgetMs } = opts;
    const o = await runRateTrial({ baseUrl, next, latencyBudgetMs, ratePerSec: rps, durationSec: opts.stepSec });
    const step = judgeStep(o, opts.targetP99Ms);
    steps.push(step);
    opts.log?.(
      `rate ${step.requested}/s: achieved ${step.achieved.toFixed(0)}/s, p99 ${(step.p99Us / 1000).toFixed(2)} ms ` +
        `(corrected ${(step.p99CorrectedUs / 1000).toFixed(2)} ms), ${step.connections} connections — ${step.reason}`,
    );
    return step;
  };

  let lo = 0;
  let hi: number | undefined;
  let rps = Math.round(opts.startRps);
  const end = (stoppedBy: RateSearchResult['stoppedBy']): RateSearchResult => ({ sustainedRps: lo, steps, stoppedBy });
  const growthSteps = Math.max(1, maxSteps - bisections); // the bisection keeps its steps
  while (hi === undefined) {
    if (steps.length >= growthSteps) return end('maxSteps');
    if (outOfTime()) return end('time');
    let step = await probe(rps);
    // A growth failure bounds the whole bisection, and on a shared machine one failure may be a scheduling hiccup.
    if (!step.ok && (opts.confirmFailure ?? true) && steps.length < growthSteps && !outOfTime()) step = await probe(rps);
    if (!step.ok) {
      hi = rps;
    } else {
      lo = rps;
      if (rps >= Math.round(opts.maxRps)) return end('maxRps');
      rps = Math.min(Math.round(opts.maxRps), Math.max(rps + 1, Math.round(rps * growth)));
    }
  }
  for (let b = 0; b < bisections; b++) {
    const mid = Math.round((lo + hi) / 2);
    // Closer than 2 % (or one request/s) is below what a shared machine can resolve.
    if (mid <= lo || mid >= hi || (hi - lo) / hi < 0.02) break;
    if (steps.length >= maxSteps) return end('maxSteps');
    if (outOfTime()) return end('time');
    if ((await probe(mid)).ok) lo = mid;
    else hi = mid;
  }
  return end('bisected');
}
