// runTrial against a real HTTP server on loopback: a duration-bound run ends at its duration (autocannon alone ends it
// at its next one-second tick), one that saw no response by then ends at its first, nothing is sent after it returns,
// and a fixed amount is exact.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runTrial } from './trial.ts';

describe('runTrial', () => {
  let server: Server;
  let baseUrl = '';
  let received = 0;
  before(async () => {
    server = createServer((req, res) => {
      received++;
      const delay = req.url === '/slow' ? 300 : req.url === '/work' ? 5 : 0;
      setTimeout(() => res.end('ok'), delay);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const get = (path: string) => () => ({ method: 'GET' as const, path });

  it('a duration below a second ends there, not at autocannon’s next whole second', async () => {
    const t0 = performance.now();
    const r = await runTrial({ baseUrl, connections: 2, durationSec: 0.1, next: get('/') });
    const wall = (performance.now() - t0) / 1000;
    assert.ok(r.requests > 0);
    // autocannon's own duration would have run 1 s at least.
    assert.ok(wall < 0.95, `took ${wall.toFixed(2)} s`);
    assert.ok(r.durationSec > 0 && r.durationSec <= wall, `${r.durationSec} s timed within ${wall} s`);
  });

  it('a duration that saw no response yet ends at the first one, so a slow request still gives a figure', async () => {
    const r = await runTrial({ baseUrl, connections: 1, durationSec: 0.05, next: get('/slow') });
    assert.equal(r.requests, 1);
    assert.equal(r.errors, 0);
    assert.ok(r.latencyUs.p50 >= 250_000, `p50 ${r.latencyUs.p50} µs`);
  });

  it('sends nothing once it has returned, and counts every request it sent', async () => {
    // autocannon's stop() alone leaves its connections sending until its next one-second tick: load that would run
    // into the next trial, and requests the servers count but the trial does not.
    for (const path of ['/', '/work']) {
      received = 0;
      const r = await runTrial({ baseUrl, connections: 3, durationSec: 0.2, next: get(path) });
      const atReturn = received;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      assert.equal(received, atReturn, `${path}: ${received - atReturn} requests arrived after the trial returned`);
      assert.equal(r.requests, received, `${path}: the trial counted ${r.requests} of the ${received} requests it sent`);
    }
  });

  it('a fixed amount sends exactly that many requests', async () => {
    const r = await runTrial({ baseUrl, connections: 4, amount: 203, durationSec: 10, next: get('/') });
    assert.equal(r.requests, 203);
    assert.equal(r.errors + r.non2xx + r.timeouts, 0);
  });
});
