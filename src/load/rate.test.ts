// Rate mode against tiny in-process servers whose behaviour is known: a fixed-service-time server with K slots (so
// its capacity is K / service time) and a server that stalls 200 ms every second (so coordinated omission shows).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../core/errors.ts';
import { assertLoopback, connectionsFor, findSustainableRate, judgeStep, runRateTrial, type RateTrialOutcome } from './rate.ts';

const next = () => ({ method: 'GET' as const, path: '/' });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * At most `slots` requests in service at once, each held `serviceMs` (a timer, so the CPU stays free for the load
 * generator in the same process); the rest wait FIFO. The hold actually observed (timers fire late on a busy machine)
 * gives the true capacity: slots / mean hold.
 */
function slotServer(slots: number, serviceMs: number) {
  let busy = 0;
  let heldMs = 0;
  let served = 0;
  const waiting: Array<() => void> = [];
  const server = createServer((req, res) => {
    req.resume();
    const serve = (): void => {
      busy++;
      const t = performance.now();
      setTimeout(() => {
        heldMs += performance.now() - t;
        served++;
        busy--;
        res.end('ok');
        waiting.shift()?.();
      }, serviceMs);
    };
    if (busy < slots) serve();
    else waiting.push(serve);
  });
  return { server, capacityRps: () => (served === 0 ? NaN : slots / (heldMs / served / 1000)), meanHoldMs: () => heldMs / served };
}

/** Answers at once, except during the first 200 ms of every second, when it answers only at the end of the pause. */
function stallingServer() {
  const start = performance.now();
  return createServer((req, res) => {
    req.resume();
    const phase = (performance.now() - start) % 1000;
    if (phase < 200) setTimeout(() => res.end('ok'), 200 - phase);
    else res.end('ok');
  });
}

describe('rate mode', () => {
  const servers: Server[] = [];
  after(async () => {
    for (const s of servers) await close(s);
  });

  it('only loads 127.0.0.1', async () => {
    assert.doesNotThrow(() => assertLoopback('http://127.0.0.1:1234'));
    assert.throws(() => assertLoopback('http://localhost:1234'), ConfigError);
    assert.throws(() => assertLoopback('http://10.0.0.1:80'), ConfigError);
    await assert.rejects(runRateTrial({ baseUrl: 'http://example.com', ratePerSec: 10, durationSec: 1, next }), ConfigError);
  });

  it('sizes connections by Little’s law within [16, 256] and at most one per request/s', () => {
    assert.equal(connectionsFor(1000, 50), 50);
    assert.equal(connectionsFor(100, 50), 16);
    assert.equal(connectionsFor(100_000, 50), 256);
    assert.equal(connectionsFor(5, 50), 5);
  });

  it('judges a step by achieved rate, corrected p99 and errors, naming every reason', () => {
    const p = (p99: number) => ({ p50: 1, p90: 1, p99, p999: p99, max: p99, mean: 1 });
    const o = (achievedRps: number, p99CorrectedUs: number, errors = 0): RateTrialOutcome => ({
      requestedRps: 100,
      connections: 16,
      durationSec: 1,
      requests: achievedRps,
      achievedRps,
      latencyUs: p(1000),
      latencyCorrectedUs: p(p99CorrectedUs),
      clientLagUs: p(1),
      errors,
      non2xx: 0,
      timeouts: 0,
      histogram: '',
      histogramCorrected: '',
    });
    assert.equal(judgeStep(o(96, 10_000), 10).ok, true);
    assert.match(judgeStep(o(94, 10_000), 10).reason, /achieved 94 < 95 %/);
    assert.match(judgeStep(o(100, 10_001), 10).reason, /corrected p99 10\.0 ms > 10 ms/);
    assert.match(judgeStep(o(100, 1000, 3), 10).reason, /3 errors/);
  });

  it('achieves a requested rate well under capacity, and the correction adds nothing when the server keeps up', async () => {
    const s = slotServer(4, 2);
    servers.push(s.server);
    const baseUrl = await listen(s.server);
    // A 250 ms budget gives each connection a 250 ms interval (50 connections): a response within it leaves no backlog.
    const o = await runRateTrial({ baseUrl, ratePerSec: 200, durationSec: 2, next, latencyBudgetMs: 250 });
    assert.equal(o.errors + o.non2xx + o.timeouts, 0);
    assert.ok(Math.abs(o.achievedRps - 200) / 200 <= 0.15, `achieved ${o.achievedRps.toFixed(0)} req/s, requested 200`);
    assert.ok(o.latencyCorrectedUs.p99 >= o.latencyUs.p99, 'corrected p99 ≥ raw p99');
    // Far under capacity a scheduled request finds its connection free: the correction must not invent a backlog.
    // (Both figures carry the shared machine's scheduling noise; only the difference is asserted.)
    const { p99: raw } = o.latencyUs;
    assert.ok(o.latencyCorrectedUs.p99 <= Math.max(1.5 * raw, raw + 5000), `corrected ${o.latencyCorrectedUs.p99} µs vs raw ${raw} µs`);
  });

  it('charges a stall to every request that should have been sent during it, not only to the one in flight', async () => {
    const server = stallingServer();
    servers.push(server);
    const baseUrl = await listen(server);
    // 1 connection at 400 req/s: each stall holds 1 request (raw sees ~0.25 % slow samples, under its p99) while
    // ~80 scheduled requests wait behind it (~20 % of the corrected samples, spread over 0–200 ms).
    const o = await runRateTrial({ baseUrl, ratePerSec: 400, durationSec: 3, next, connections: 1 });
    assert.equal(o.errors + o.non2xx + o.timeouts, 0);
    assert.ok(o.latencyCorrectedUs.p99 >= o.latencyUs.p99);
    assert.ok(o.latencyCorrectedUs.p99 >= 150_000, `corrected p99 ${o.latencyCorrectedUs.p99} µs should reflect the 200 ms stall`);
    assert.ok(o.latencyCorrectedUs.p99 >= 3 * o.latencyUs.p99, `corrected ${o.latencyCorrectedUs.p99} µs vs raw ${o.latencyUs.p99} µs`);
    // The schedule catches up after each stall, so the rate is still met.
    assert.ok(o.achievedRps >= 0.85 * 400, `achieved ${o.achievedRps.toFixed(0)} req/s`);
  });

  it('finds a sustainable rate near the analytic capacity of a K-slot server', async () => {
    // 10 ms service keeps the capacity (at most 4 / 10 ms = 400 req/s) cheap for the in-process load generator; the
    // 300 ms target sits above the machine's scheduling noise, and the achieved-rate rule catches overload beyond ~5 %.
    // 2 s steps: a scheduling stall near the end of a step costs a smaller share of its completions.
    const s = slotServer(4, 10);
    servers.push(s.server);
    const baseUrl = await listen(s.server);
    const lines: string[] = [];
    const r = await findSustainableRate({
      baseUrl,
      next,
      targetP99Ms: 300,
      stepSec: 2,
      startRps: 100,
      maxRps: 20_000,
      log: (l) => lines.push(l),
    });
    const capacity = s.capacityRps();
    console.log(`capacity ${capacity.toFixed(0)} req/s (4 slots, mean hold ${s.meanHoldMs().toFixed(2)} ms)\n${lines.join('\n')}`);
    const nominal = 4 / 0.01;
    assert.ok(r.steps.length <= 12);
    assert.equal(r.stoppedBy, 'bisected');
    assert.ok(
      r.steps.some((x) => !x.ok),
      'the search must have found a failing rate above the sustained one',
    );
    for (const x of r.steps) assert.ok(x.p99CorrectedUs >= x.p99Us);
    // The holds observed (timers fire late on a loaded machine) give the capacity the server really had; nominal
    // K / service is a hard ceiling it cannot exceed. Wide but both-sided: the load generator shares the 2 cores.
    assert.ok(r.sustainedRps >= 0.4 * capacity, `sustained ${r.sustainedRps} vs observed capacity ${capacity.toFixed(0)}`);
    assert.ok(r.sustainedRps <= 1.1 * nominal, `sustained ${r.sustainedRps} vs nominal capacity ${nominal}`);
  });
});
