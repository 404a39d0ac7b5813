// Writes at a fixed rate beside the closed-loop reads: an open-loop writer sends `count` writes on a fixed schedule
// (the i-th at start + i/rate), whether or not earlier ones have answered. Every strategy then receives the same
// writes in every trial, at the same pace, so a faster strategy is not charged for comments its own speed added (as
// with a share of a closed loop, where the write count grows with throughput). A write's latency is counted from its
// scheduled time, not from when a socket was free: a server that falls behind is charged for the queue it built.
import http from 'node:http';
import type { RequestSpec } from './trial.ts';

export interface PacedWriterOptions {
  baseUrl: string;
  /** Writes per second. */
  rate: number;
  /** Writes to send (rate × the trial's nominal length). */
  count: number;
  next: () => RequestSpec;
  /** Called with each write's status (0: failed) and its latency from its scheduled time, ms. */
  onResponse?: (spec: RequestSpec, status: number, latencyMs: number) => void;
  /** Connections the writer may hold; writes beyond them wait for one (default 8). */
  connections?: number;
  timeoutSec?: number;
}

export interface PacedOutcome {
  sent: number;
  /** Writes answered 2xx. */
  ok: number;
  /** Failed or not 2xx. */
  failed: number;
  /** From the first scheduled write to the last answer, seconds. */
  durationSec: number;
}

function send(agent: http.Agent, base: URL, spec: RequestSpec, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: spec.method,
        path: spec.path,
        headers: spec.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) } : {},
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
    req.end(spec.body);
  });
}

export async function runPacedWriter(opts: PacedWriterOptions): Promise<PacedOutcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections ?? 8 });
  const base = new URL(opts.baseUrl);
  const timeoutMs = (opts.timeoutSec ?? 10) * 1000;
  const out: PacedOutcome = { sent: 0, ok: 0, failed: 0, durationSec: 0 };
  const start = performance.now();
  let last = start;
  const pending: Array<Promise<void>> = [];
  try {
    for (let i = 0; i < opts.count; i++) {
      const due = start + (i * 1000) / opts.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const spec = opts.next();
      out.sent++;
      pending.push(
        send(agent, base, spec, timeoutMs).then((status) => {
          const now = performance.now();
          last = Math.max(last, now);
          if (status >= 200 && status < 300) out.ok++;
          else out.failed++;
          opts.onResponse?.(spec, status, now - due);
        }),
      );
    }
    await Promise.all(pending);
  } finally {
    agent.destroy();
  }
  out.durationSec = (last - start) / 1000;
  return out;
}
