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
  durationSec: number;
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
        duration: opts.durationSec,
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
  instance.on('response', (client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    completed++;
    recordMs(hist, responseTime);
    if (opts.onResponse) opts.onResponse(currentSpec(client) ?? { method: 'GET', path: '?' }, statusCode, responseTime);
  });
  const result = await done;
  const elapsed = (performance.now() - started) / 1000;
  const durationSec = result.duration > 0 ? result.duration : elapsed;
  return {
    durationSec,
    requests: completed,
    rps: completed / durationSec,
    latencyUs: percentiles(hist),
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
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
