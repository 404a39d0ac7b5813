// The paced writer is open loop: it sends its fixed count on schedule whether or not earlier writes answered, counts
// every write (answered, failed or refused), and charges a write's latency from its scheduled time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPacedWriter } from './writer.ts';

const HOLD_MS = 100;

describe('runPacedWriter', () => {
  let server: http.Server;
  let baseUrl = '';
  let inFlight = 0;
  let maxInFlight = 0;
  const seen: string[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${body}`);
        // Held, so that a closed loop would send one write per connection at a time.
        setTimeout(() => {
          inFlight--;
          res.writeHead(req.url?.endsWith('/bad') ? 500 : 201).end('{}');
        }, HOLD_MS);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('sends exactly its count, overlapping writes while earlier ones are held, each charged from its scheduled time', async () => {
    seen.length = 0;
    maxInFlight = 0;
    let i = 0;
    const latencies: number[] = [];
    const out = await runPacedWriter({
      baseUrl,
      rate: 200,
      count: 30,
      connections: 8,
      next: () => ({ method: 'POST', path: `/posts/${++i}/comments`, body: JSON.stringify({ n: i }) }),
      onResponse: (_s, status, ms) => {
        assert.equal(status, 201);
        latencies.push(ms);
      },
    });
    assert.deepEqual({ sent: out.sent, ok: out.ok, failed: out.failed }, { sent: 30, ok: 30, failed: 0 });
    assert.equal(seen.length, 30);
    assert.equal(seen[0], 'POST /posts/1/comments {"n":1}');
    assert.ok(maxInFlight > 1, `at most ${maxInFlight} write in flight: the writer waited for answers`);
    assert.ok(Math.min(...latencies) >= HOLD_MS - 1, `a latency below the server's hold: ${Math.min(...latencies)}`);
  });

  it('counts failed writes and writes to a server that is gone', async () => {
    const bad = await runPacedWriter({ baseUrl, rate: 100, count: 3, next: () => ({ method: 'POST', path: '/bad', body: '{}' }) });
    assert.deepEqual({ sent: bad.sent, ok: bad.ok, failed: bad.failed }, { sent: 3, ok: 0, failed: 3 });
    const gone = await runPacedWriter({
      baseUrl: 'http://127.0.0.1:1',
      rate: 100,
      count: 2,
      next: () => ({ method: 'POST', path: '/x', body: '{}' }),
    });
    assert.deepEqual({ sent: gone.sent, ok: gone.ok, failed: gone.failed }, { sent: 2, ok: 0, failed: 2 });
  });
});
