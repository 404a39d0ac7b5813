// Per-strategy figures of a mixed read/write load, reduced from trials at the scenario's ranking level. Pure functions
// over the result, so the numbers the mixed-load charts and tables show can be unit-tested.
import type { LoadLevel } from '../../results/schema.ts';
import { median, type RankedRow, type ScenarioView } from './scenario.ts';

type Mixed = NonNullable<LoadLevel['trials'][number]['mixed']>;

/** A mixed load's reads and writes apart, for one strategy: medians across trials, stale counts summed. */
export interface MixedFigures {
  strategy: string;
  /** Reads per second (reads / trial duration), median across trials. */
  readRps: number;
  writeRps: number;
  readP50Us: number;
  readP99Us: number;
  writeP50Us: number;
  writeP99Us: number;
  rowsWrittenPerWrite: number;
  /** Summed over trials: each trial probes too few just-written posts for its own ratio to mean much. */
  staleReads: number;
  staleChecks: number;
  /** Median over trials of the server's hits / lookups; null for strategies without a cache. */
  cacheHitRatio: number | null;
  /** Median over trials of the primary's WAL bytes / writes; null where not measured (older files, no PostgreSQL). */
  walPerWrite: number | null;
}

const med = (xs: number[]): number => median(xs) ?? Number.NaN;

export function mixedFigures(row: RankedRow): MixedFigures | null {
  const trials = row.level.trials.flatMap((t) => (t.mixed ? [{ t, m: t.mixed }] : []));
  if (trials.length === 0) return null;
  const pick = (f: (m: Mixed) => number) => med(trials.map(({ m }) => f(m)));
  const perSec = (n: (m: Mixed) => number) => med(trials.map(({ t, m }) => (t.durationSec > 0 ? n(m) / t.durationSec : 0)));
  const hits = row.level.trials.flatMap((t) => (t.server?.cacheHitRatio != null ? [t.server.cacheHitRatio] : []));
  return {
    strategy: row.strategy.strategy,
    readRps: perSec((m) => m.reads),
    writeRps: perSec((m) => m.writes),
    readP50Us: pick((m) => m.readLatencyUs.p50),
    readP99Us: pick((m) => m.readLatencyUs.p99),
    writeP50Us: pick((m) => m.writeLatencyUs.p50),
    writeP99Us: pick((m) => m.writeLatencyUs.p99),
    rowsWrittenPerWrite: pick((m) => m.rowsWrittenPerWrite),
    staleReads: trials.reduce((n, { m }) => n + m.staleReads, 0),
    staleChecks: trials.reduce((n, { m }) => n + m.staleChecks, 0),
    cacheHitRatio: median(hits),
    walPerWrite: median(trials.flatMap(({ m }) => walPerWriteOf(m))),
  };
}

/** WAL the primary wrote per write request in one trial ([] when unread or when the trial drew no write). */
export const walPerWriteOf = (m: { walBytes?: number | null; writes: number }): number[] =>
  m.walBytes != null && m.writes > 0 ? [m.walBytes / m.writes] : [];

/** The ranked strategies' mixed-load figures, in rank order; empty for a read-only scenario. */
export function mixedRows(view: ScenarioView): MixedFigures[] {
  return view.ranked.flatMap((r) => mixedFigures(r) ?? []);
}
