// The database ceiling without pgbench: a closed loop of `connections` pg clients, each sending the reference statement
// as a named (prepared) statement, the next as soon as the previous answered. It runs as its own process (started by
// db-ceiling.ts with the config file as its argument) so that it never competes with the harness's event loop, and
// the figures are written to a file beside the config. Replay matches the pgbench script: connection c walks the
// list of parameter tuples from c × ⌊N / connections⌋ on, wrapping around.
import { readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { createLatencyHistogram, percentiles, recordMs } from '../stats/hdr.ts';

export interface LoopConfig {
  url: string;
  sql: string;
  tuples: number[][];
  connections: number;
  durationSec: number;
  /** Where the outcome (LoopOutcome) or the error ({ error }) is written. */
  out: string;
}

export interface LoopOutcome {
  tps: number;
  statements: number;
  latencyUs: { mean: number; p50: number; p99: number };
}

/** Where connection c starts in the list (the same spread as pgbench's clients). */
const strideOf = (n: number, clients: number): number => Math.max(1, Math.floor(n / clients));

async function main(cfg: LoopConfig): Promise<LoopOutcome> {
  const clients = Array.from({ length: cfg.connections }, () => new pg.Client({ connectionString: cfg.url }));
  try {
    // Connections are opened before the clock starts, as pgbench reports tps "without initial connection time".
    await Promise.all(clients.map((c) => c.connect()));
    const h = createLatencyHistogram();
    const stride = strideOf(cfg.tuples.length, cfg.connections);
    let statements = 0;
    const t0 = performance.now();
    const deadline = t0 + cfg.durationSec * 1000;
    await Promise.all(
      clients.map(async (c, i) => {
        for (let j = (i * stride) % cfg.tuples.length; performance.now() < deadline; j = (j + 1) % cfg.tuples.length) {
          const s = performance.now();
          await c.query({ name: 'db-ceiling', text: cfg.sql, values: cfg.tuples[j] });
          recordMs(h, performance.now() - s);
          statements++;
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const p = percentiles(h);
    return { tps: statements / elapsed, statements, latencyUs: { mean: p.mean, p50: p.p50, p99: p.p99 } };
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
  }
}

const configPath = process.argv[2];
if (configPath) {
  const cfg = JSON.parse(readFileSync(configPath, 'utf8')) as LoopConfig;
  main(cfg).then(
    (outcome) => writeFileSync(cfg.out, JSON.stringify(outcome)),
    (e: unknown) => {
      writeFileSync(cfg.out, JSON.stringify({ error: (e as Error).message }));
      process.exitCode = 1;
    },
  );
}
