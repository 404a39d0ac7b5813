// One closed-loop trial with autocannon against a strategy server on 127.0.0.1. autocannon's own latency figures are
// whole milliseconds; the float latency of every response (its `response` event) goes into our own HDR histogram
// in microseconds instead. Bounded by duration (and autocannon's per-request timeout), it always stops by itself.
import autocannon from 'autocannon';
import { createLatencyHistogram, encodeHistogram, percentiles, recordMs } from '../stats/hdr.ts';
import type { Percentiles } from '../results/schema.ts';

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface TrialOptions {
  baseUrl: string;
  connections: number;
  /** How long the trial lasts; with `amount`, the most it may last (it is stopped then, whatever is left). */
  durationSec: number;
  /**
   * A fixed number of requests instead of a fixed duration: the trial sends exactly the first `amount` requests of
   * `next`, so two trials fed the same sequence do the same work, and their throughput differs only by the machine.
   */
  amount?: number;
  /** Called for every request: the next request to send (deterministic sequence). */
  next: () => RequestSpec;
  /** Per-request timeout, seconds. */
  timeoutSec?: number;
  /** Called with each response's status and float latency (ms), e.g. to split reads from writes. */
  onResponse?: (spec: RequestSpec, status: number, latencyMs: number) => void;
}

export interface TrialOutcome {
  durationSec: number;
  requests: number;
  rps: number;
  latencyUs: Percentiles;
  errors: number;
  non2xx: number;
  timeouts: number;
  histogram: string;
}

export async function runTrial(opts: TrialOptions): Promise<TrialOutcome> {
  const hist = createLatencyHistogram();
  let completed = 0;
  const started = performance.now();
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: opts.baseUrl,
        connections: opts.connections,
        // autocannon ends a duration at its one-second tick (a 0.3 s warmup would last 1 s): the timer below ends it.
        ...(opts.amount ? { amount: opts.amount } : { duration: Math.ceil(opts.durationSec) + 1 }),
        timeout: opts.timeoutSec ?? 10,
        pipelining: 1,
        requests: [
          {
            setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
              const spec = opts.next();
              context.spec = spec;
              return {
                ...req,
                method: spec.method,
                path: spec.path,
                body: spec.body,
                headers: spec.body ? { 'content-type': 'application/json' } : {},
              };
            },
          },
        ],
      } as autocannon.Options,
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  let lastResponseAt = 0;
  // When the first request was sent: a fixed-amount trial is timed from there, leaving out connection set-up.
  let firstSentAt = Number.POSITIVE_INFINITY;
  // Counted here as well, so that a fixed-amount trial can end at its last response: autocannon notices that every
  // connection has sent its share only at its next one-second tick, and reports at the one after.
  const own = { errors: 0, timeouts: 0, non2xx: 0 };
  let reached: () => void = () => {};
  const allAnswered = new Promise<null>((resolve) => (reached = () => resolve(null)));
  const finish = (): void => {
    instance.stop();
    reached();
  };
  // Ending a trial: autocannon's stop() only raises a flag it reads at its next one-second tick, and its connections
  // keep sending until then (load that would overlap the next trial, or the next strategy's). Instead each connection
  // sends nothing more once the request it has in flight is answered (counted: every request sent is answered, so the
  // servers' counters agree with the trial's), and the trial ends when all have done so. A connection that does not
  // answer is given the request timeout.
  let ending = false;
  type Connection = { reqsMade: number; responseMax?: number; destroyed: boolean };
  const seen = new Set<Connection>();
  const closing = new Set<Connection>();
  let drainBound: ReturnType<typeof setTimeout> | undefined;
  const endIfDrained = (): void => {
    // Every connection has answered since (or had sent its whole share of a fixed amount and closed).
    if (seen.size >= opts.connections && [...seen].every((c) => c.destroyed || closing.has(c))) finish();
  };
  const beginEnding = (): void => {
    if (ending) return;
    ending = true;
    drainBound = setTimeout(finish, (opts.timeoutSec ?? 10) * 1000);
    endIfDrained();
  };
  // The length of a duration-bound trial, which ends at its first response if none came before (a slow request on one
  // connection still gives a figure); the most a fixed-amount trial may last.
  let stopOnResponse = false;
  const bound = setTimeout(() => {
    if (!opts.amount && completed === 0) return void (stopOnResponse = true);
    beginEnding();
  }, opts.durationSec * 1000);
  instance.on('response', (connection: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    const client = connection as Connection;
    completed++;
    seen.add(client);
    lastResponseAt = performance.now();
    firstSentAt = Math.min(firstSentAt, lastResponseAt - responseTime);
    if (statusCode < 200 || statusCode >= 300) own.non2xx++;
    recordMs(hist, responseTime);
    if (opts.onResponse) opts.onResponse(currentSpec(client) ?? { method: 'GET', path: '?' }, statusCode, responseTime);
    if (opts.amount && completed >= opts.amount) return finish();
    if (stopOnResponse) beginEnding();
    if (!ending) return;
    // autocannon's per-connection request limit, checked right after this event and before the next request is built:
    // the connection closes instead of sending again.
    client.responseMax = client.reqsMade;
    closing.add(client);
    endIfDrained();
  });
  instance.on('reqError', (e: Error) => {
    own.errors++;
    if (e.message === 'request timed out') own.timeouts++;
  });
  const result = await Promise.race([done, allAnswered]).finally(() => {
    clearTimeout(bound);
    clearTimeout(drainBound);
  });
  // Timed here, from the first request sent to the last response (autocannon's duration has 10 ms resolution, 1 % of
  // a 1 s trial, and includes opening the connections).
  const durationSec = lastResponseAt > 0 ? (lastResponseAt - firstSentAt) / 1000 : (performance.now() - started) / 1000;
  return {
    durationSec,
    requests: completed,
    rps: completed / durationSec,
    latencyUs: percentiles(hist),
    errors: result?.errors ?? own.errors,
    non2xx: result?.non2xx ?? own.non2xx,
    timeouts: result?.timeouts ?? own.timeouts,
    histogram: encodeHistogram(hist),
  };
}

/**
 * autocannon keeps the per-connection request context on its client; the `response` event fires right after the
 * response is recorded and before the next request is built, so the context still holds this request's spec.
 */
function currentSpec(client: unknown): RequestSpec | undefined {
  const c = client as { requestIterator?: { context?: { spec?: RequestSpec } } };
  return c.requestIterator?.context?.spec;
}
