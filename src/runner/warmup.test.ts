// The warmup against a real HTTP server on loopback whose CPU per request is set by the test (it counts what each
// request "costs" as the strategy server counts its CPU): a server that gets cheaper is warmed until it stops, a
// server that is warm at once leaves after the least warmup, one still getting cheaper at the limit is timed anyway and
// says so. Chunk counts, not times, are asserted: they hold on a slow machine.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsSnapshot } from '../server/main.ts';
import type { StrategyServer } from '../server/spawn.ts';
import { warmedUp, warmUntilSteady } from './warmup.ts';

describe('warmedUp', () => {
  it('is steady once the last two chunks no longer beat the cheapest before them by more than 8 %', () => {
    assert.equal(warmedUp([500, 400]), false, 'two chunks are too few to tell');
    assert.equal(warmedUp([500, 400, 300]), false);
    assert.equal(warmedUp([500, 400, 300, 250]), false, 'still 17 % cheaper');
    assert.equal(warmedUp([500, 400, 300, 290, 285]), true, 'within 5 % of the cheapest before');
    assert.equal(warmedUp([300, 330, 290]), true, 'noise around a flat cost');
    assert.equal(warmedUp([300, 330, 270, 320]), false, 'one chunk 10 % cheaper than any before it');
  });
});

describe('warmUntilSteady', () => {
  let server: Server;
  let baseUrl = '';
  let requests = 0;
  let cpu = 0;
  let costOf: (n: number) => number = () => 100;
  before(async () => {
    server = createServer((_req, res) => {
      requests++;
      cpu += costOf(requests);
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const strategyServer = (): StrategyServer =>
    ({
      name: 'test',
      baseUrl,
      metrics: async () => ({ requests, cpuUserMicros: cpu, cpuSystemMicros: 0 }) as MetricsSnapshot,
    }) as unknown as StrategyServer;
  const next = () => ({ method: 'GET' as const, path: '/' });
  const plan = { minSec: 0.2, maxSec: 30, chunkSec: 0.1 };

  it('a server that is warm at once leaves after the least warmup and three chunks', async () => {
    costOf = () => 100;
    const w = await warmUntilSteady(strategyServer(), 2, next, plan);
    assert.equal(w.steady, true);
    assert.deepEqual(
      w.cpuMicrosPerRequest.map((c) => Math.round(c)),
      [100, 100, 100],
    );
    assert.ok(w.rps > 0);
  });

  it('a server that gets cheaper is warmed until it stops, and its warm rate sizes the trials', async () => {
    // From 1 000 µs to 100 µs per request over its first few hundred requests (a trivial server answers thousands a
    // second even on a busy machine), then flat.
    const start = requests;
    costOf = (n) => 100 + 900 * Math.exp(-(n - start) / 150);
    const w = await warmUntilSteady(strategyServer(), 2, next, plan);
    assert.equal(w.steady, true, JSON.stringify(w.cpuMicrosPerRequest));
    assert.ok((w.cpuMicrosPerRequest[0] as number) > 150, `first chunk ${w.cpuMicrosPerRequest[0]} µs`);
    assert.ok((w.cpuMicrosPerRequest.at(-1) as number) < 110, `last chunk ${w.cpuMicrosPerRequest.at(-1)} µs`);
  });

  it('a server still getting cheaper at the limit is timed anyway, and the outcome says it was not steady', async () => {
    const start = requests;
    costOf = (n) => 1e7 / (n - start);
    const w = await warmUntilSteady(strategyServer(), 2, next, { minSec: 0.2, maxSec: 0.5, chunkSec: 0.1 });
    assert.equal(w.steady, false, JSON.stringify(w.cpuMicrosPerRequest));
    assert.ok(w.cpuMicrosPerRequest.length >= 4, `${w.cpuMicrosPerRequest.length} chunks`);
  });

  it("without the server's CPU (the harness's no-op route), it warms for the least warmup only", async () => {
    const w = await warmUntilSteady(strategyServer(), 2, next, plan, { measureCpu: false });
    assert.deepEqual(w.cpuMicrosPerRequest, []);
    assert.equal(w.steady, false);
    assert.ok(w.sec >= 0.2 && w.sec < 30, `${w.sec} s`);
  });
});
