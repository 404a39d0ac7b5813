// The fixture's mixed read/write scenario: post-detail reads with 10 % add-comment writes, so every mixed-load view
// of the report has data — reads vs writes, rows written per write, cache hits, stale reads and replica lag.
// pg-denormalized is shaped after what the design predicts: faster reads than pg-join, costlier writes.
import type { Rng } from '../../core/rng.ts';
import type { Percentiles, Result, StrategyResult } from '../../results/schema.ts';
import { completed } from './parts.ts';

type ScenarioInput = Result['scenarios'][number];

interface MixedShape {
  rps: number;
  readP50Us: number;
  writeP50Us: number;
  rowsPerWrite: number;
  /** Stale reads per trial, of 60 probed. */
  stale: number;
  cacheHitRatio?: number;
  /** Replica lag p99 in ms (strategies that read from the replica). */
  lagMsP99?: number;
}

const WRITE_SHARE = 0.1;
const PROBES = 60;

const spread = (p50: number): Percentiles => ({ p50, p90: p50 * 1.7, p99: p50 * 3.2, p999: p50 * 5, max: p50 * 9, mean: p50 * 1.2 });

function mixedStrategy(rng: Rng, strategy: string, technique: string, m: MixedShape, scale: number): StrategyResult {
  const s = completed(
    rng,
    'mixed',
    strategy,
    technique,
    'pg',
    {
      rps: m.rps,
      p50Us: m.readP50Us * 1.1,
      queries: m.cacheHitRatio === undefined ? 1 : 0.1,
      bytes: 2100,
      spread: 0.04,
      cacheHitRatio: m.cacheHitRatio,
    },
    [16],
    ['SELECT … FROM posts p JOIN users u ON u.id = p.author_id … WHERE p.id = $1'],
    scale,
  );
  if (s.status !== 'completed') throw new Error('fixture: completed() returned another status');
  if (m.lagMsP99 !== undefined) s.needs = ['postgres', 'replica'];
  for (const level of s.levels) {
    for (const t of level.trials) {
      // Latencies follow the trial's own speed, so a fast trial is fast for reads and writes alike.
      const k = level.summary.latencyUs.p50 / t.latencyUs.p50;
      t.mixed = {
        reads: Math.round(t.requests * (1 - WRITE_SHARE)),
        writes: Math.round(t.requests * WRITE_SHARE),
        readLatencyUs: spread(m.readP50Us / scale / k),
        writeLatencyUs: spread(m.writeP50Us / scale / k),
        rowsWrittenPerWrite: m.rowsPerWrite,
        staleChecks: PROBES,
        staleReads: m.stale + (t.index === 2 && m.stale > 0 ? 1 : 0),
      };
      if (t.server) t.server.rowsWrittenPerRequest = m.rowsPerWrite * WRITE_SHARE;
      if (m.lagMsP99 !== undefined) {
        const j = 1 + (t.index - 1) * 0.3;
        t.replicaLag = { samples: 20, bytesP50: 0, bytesP99: Math.round(2400 * j), msP50: 0.4 * j, msP99: m.lagMsP99 * j };
      }
    }
  }
  return s;
}

export function mixedScenario(rng: Rng, scale: number): ScenarioInput {
  return {
    name: 'mixed',
    summary: 'post-detail reads with 10 % add-comment writes: write cost, staleness and lag',
    route: 'GET /posts/:id',
    reference: 'pg-join',
    writeRatio: WRITE_SHARE,
    strategies: [
      mixedStrategy(rng, 'pg-join', 'raw', { rps: 2380, readP50Us: 3300, writeP50Us: 5200, rowsPerWrite: 1, stale: 0 }, scale),
      mixedStrategy(
        rng,
        'pg-denormalized',
        'denormalized',
        { rps: 3150, readP50Us: 2400, writeP50Us: 12_800, rowsPerWrite: 3, stale: 0 },
        scale,
      ),
      mixedStrategy(
        rng,
        'pg-cached-memory',
        'cached',
        { rps: 5900, readP50Us: 900, writeP50Us: 5600, rowsPerWrite: 1, stale: 0, cacheHitRatio: 0.91 },
        scale,
      ),
      mixedStrategy(
        rng,
        'pg-replica',
        'replica',
        { rps: 2290, readP50Us: 3450, writeP50Us: 5400, rowsPerWrite: 1, stale: 4, lagMsP99: 11 },
        scale,
      ),
    ],
  };
}
