// Verification, before any timing: for sampled params, every strategy's payload must equal the reference's
// canonical JSON and its queries per request must equal its own declared expectation. Every problem is collected
// (TechEmpower-style), so one run shows all that is wrong at once. A strategy with a `fail` is never timed.
import type { Ctx } from '../core/context.ts';
import type { RawParams, Scenario, Strategy } from '../core/scenario.ts';
import type { Cost, VerifyProblem } from '../results/schema.ts';
import type { StrategyServer, TraceReply } from '../server/spawn.ts';
import { canonicalJson, firstDifference } from './canonical.ts';
import { summarizeCost, type CostSample } from './cost.ts';
import { verifyWrite } from './write.ts';
import { fillRoute } from '../core/route.ts';
import { mean } from '../stats/summary.ts';

export interface VerifyOutcome {
  samples: number;
  problems: VerifyProblem[];
  captured: { params: string; statements: string[] } | null;
  /** Exact costs over the sample (see cost.ts). */
  cost: Cost;
  /**
   * The wait for one cache round trip on the repeated reads (hits), one request at a time, median over the sample,
   * µs: a round trip without load, beside the trials' figure under load. Null for strategies without a cache server.
   */
  cacheRoundTripUs: number | null;
  /** A first read's wall time, one request at a time, mean over the sample, ms (the server and driver warming). */
  readMs: number;
}

const UNPARSEABLE = Symbol('unparseable');

function parseBody(reply: Pick<TraceReply, 'body'>): unknown {
  try {
    return JSON.parse(reply.body);
  } catch {
    return UNPARSEABLE;
  }
}

const costSample = (r: TraceReply): CostSample => ({
  queries: r.queries,
  rows: r.rows,
  bytes: Buffer.byteLength(r.body),
  statements: r.statements,
  cacheRoundTrips: r.cacheRoundTrips,
});

const show = (body: string): string => JSON.stringify(body.length > 60 ? `${body.slice(0, 57)}...` : body);

/** Why a reply's payload does not match the reference's (same status already), or null when it does. */
export function payloadProblem(
  ref: Pick<TraceReply, 'status' | 'body'>,
  got: Pick<TraceReply, 'status' | 'body'>,
  reference: string,
): string | null {
  const a = parseBody(ref);
  const b = parseBody(got);
  // Two bodies that are not JSON would both canonicalize to nothing and compare equal: neither is a payload.
  if (a === UNPARSEABLE) return `the reference ${reference} answered ${ref.status} with a body that is not JSON: ${show(ref.body)}`;
  if (b === UNPARSEABLE) return `answered ${got.status} with a body that is not JSON: ${show(got.body)}`;
  return canonicalJson(a) === canonicalJson(b) ? null : `payload differs from ${reference}: ${firstDifference(a, b) ?? 'different JSON'}`;
}

/**
 * One read as clients send it: the REST request, or the strategy's wire request (GraphQL) with its reply mapped to
 * the REST reply, so the payload that is compared is the one the load receives. Queries and statements are the trace's.
 */
async function readThrough(server: StrategyServer, strategy: Strategy, path: string, raw: RawParams): Promise<TraceReply> {
  if (!strategy.wire) return server.trace('GET', path);
  const req = strategy.wire.request(raw);
  const reply = await server.trace(req.method, req.path, req.body);
  return { ...reply, ...strategy.wire.toRest(reply) };
}

/** `reference` maps a path to the reference server's reply (computed once per sample, shared by all strategies). */
export async function verifyStrategy(opts: {
  scenario: Scenario;
  strategy: Strategy;
  server: StrategyServer;
  samples: RawParams[];
  reference: (path: string) => Promise<TraceReply>;
  factsCtx: Ctx;
  /** Verify the write path too (see write.ts): only where this strategy has its own copy of the data. */
  writes?: boolean;
}): Promise<VerifyOutcome> {
  const { scenario, strategy, server, samples } = opts;
  const problems: VerifyProblem[] = [];
  let captured: VerifyOutcome['captured'] = null;
  const fail = (params: string, message: string): void => void problems.push({ severity: 'fail', params, message });
  // The statements shown in the report come from one typical sample (the third: a post with a few comments).
  const showcase = Math.min(2, samples.length - 1);
  const reads: CostSample[] = [];
  const repeats: CostSample[] = [];
  const hitTrips: number[] = [];
  const readMs: number[] = [];
  for (const [i, raw] of samples.entries()) {
    const path = fillRoute(scenario.route.path, raw);
    const label = JSON.stringify(raw);
    const facts = await scenario.facts(scenario.parse(raw, new URLSearchParams(path.split('?')[1] ?? '')), opts.factsCtx);
    const ref = await opts.reference(path);
    // Twice: the second read shows what a warm path costs (a cache hit may issue no query at all).
    for (const repeat of [0, 1]) {
      const t0 = performance.now();
      const got = await readThrough(server, strategy, path, raw);
      if (!repeat) readMs.push(performance.now() - t0);
      (repeat ? repeats : reads).push(costSample(got));
      if (repeat && got.cacheRoundTrips && got.cacheMicros !== undefined) hitTrips.push(got.cacheMicros / got.cacheRoundTrips);
      if (got.status !== ref.status) {
        fail(label, `status ${got.status}, reference ${ref.status}${got.status >= 500 ? `: ${got.body.slice(0, 200)}` : ''}`);
        break;
      }
      const expected = strategy.expectQueries({ ...facts, repeat });
      if (got.queries !== expected) {
        fail(label, `${got.queries} queries per request${repeat ? ' (repeated read)' : ''}, its expectation says ${expected}`);
      }
      const trips = strategy.expectCacheRoundTrips?.({ ...facts, repeat });
      if (trips !== undefined && got.cacheRoundTrips !== undefined && got.cacheRoundTrips !== trips) {
        fail(
          label,
          `${got.cacheRoundTrips} cache round trips per request${repeat ? ' (repeated read)' : ''}, its expectation says ${trips}`,
        );
      }
      const problem = payloadProblem(ref, got, scenario.reference);
      if (problem) fail(label, problem);
      if (i === showcase && repeat === 0) {
        captured = { params: label, statements: got.statements };
      }
    }
  }
  const badParams = Object.fromEntries(Object.keys(samples[0] ?? {}).map((k) => [k, 'not-a-number']));
  const bad = await readThrough(server, strategy, fillRoute(scenario.route.path, badParams), badParams);
  if (bad.status !== 400) fail('bad input', `non-numeric param answered ${bad.status}, expected 400`);
  let writes: Array<{ queries: number; rowsWritten: number; cacheRoundTrips?: number }> | null = null;
  if (opts.writes && scenario.writes) {
    // After the reads, so a cache holds the post the write must invalidate; on the showcase sample or the next one
    // the reference found.
    for (const raw of [...samples.slice(showcase), ...samples.slice(0, showcase)]) {
      const before = await opts.reference(fillRoute(scenario.route.path, raw));
      if (before.status !== 200) continue;
      // The write's own params: a feed page's write comments on a post the page shows (none on an empty page).
      const target = scenario.writes.verify?.params ? scenario.writes.verify.params(raw, JSON.parse(before.body)) : raw;
      if (!target) continue;
      const w = await verifyWrite({ scenario, strategy, server, params: raw, target, before });
      for (const p of w.problems) fail(JSON.stringify(raw), p);
      writes = w.cost ? [w.cost] : null;
      // A write-only load's statements are its write's: those are what the report shows.
      if (w.statements && scenario.mix && scenario.mix.writeRatio >= 1)
        captured = { params: `${JSON.stringify(raw)} (write)`, statements: w.statements };
      break;
    }
  }
  const cacheRoundTripUs = hitTrips.length > 0 ? (hitTrips.sort((a, b) => a - b)[Math.floor(hitTrips.length / 2)] ?? null) : null;
  return {
    samples: samples.length,
    problems,
    captured,
    cost: summarizeCost(reads, repeats, writes),
    cacheRoundTripUs,
    readMs: readMs.length > 0 ? mean(readMs) : 0,
  };
}
