// runTrial against a real HTTP server on loopback: a duration-bound run ends at its duration (autocannon alone ends it
// at its next one-second tick), one that saw no response by then ends at its first, and a fixed amount is exact.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runTrial } from './trial.ts';

describe('runTrial', () => {
  let server: Server;
  let baseUrl = '';
  before(async () => {
    server = createServer((req, res) => {
      const delay = req.url === '/slow' ? 300 : 0;
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

  it('a fixed amount sends exactly that many requests', async () => {
    const r = await runTrial({ baseUrl, connections: 4, amount: 203, durationSec: 10, next: get('/') });
    assert.equal(r.requests, 203);
    assert.equal(r.errors + r.non2xx + r.timeouts, 0);
  });
});
