// Caches and read models under writes that hit what is read: the scenarios whose writes are paced (a fixed rate
// beside the reads), paired by endpoint, uniform against hot. Per strategy and distribution: cache hit ratio, stale
// reads, write cost and the writes each trial received (equal across strategies by construction: shown, not assumed).
// Pure functions over the result, so the figures the section shows can be unit-tested.
import type { Result } from '../../results/schema.ts';
import { differenceOfMediansCi, ratioOfMediansCi } from '../../stats/bootstrap.ts';
import { formatPercent, formatRatio } from '../format.ts';
import { levelAt, median, type CompletedStrategy, type ScenarioResult } from './scenario.ts';

export type Distribution = 'uniform' | 'hot';

export interface HotWritesRow {
  strategy: string;
  target: Distribution;
  /** Per trial: the server's cache hits / lookups (empty for a strategy without a cache). */
  hitRatios: number[];
  staleReads: number;
  staleChecks: number;
  /** Per trial: writes sent, and the least and most of them. */
  writesPerTrial: { min: number; max: number };
  /** Per trial: the write latency's p50, µs. */
  writeP50Us: number[];
  rowsWrittenPerWrite: number;
  /** Median across trials of reads per second. */
  readRps: number;
}

export interface HotWritesGroup {
  route: string;
  writeRate: number;
  uniform: string;
  hot: string;
  rows: HotWritesRow[];
  verdict: string;
}

const med = (xs: readonly number[]): number => median(xs) ?? Number.NaN;

function rowOf(s: CompletedStrategy, target: Distribution, connections: number | null): HotWritesRow | null {
  const level = levelAt(s, connections);
  const trials = (level?.trials ?? []).filter((t) => t.mixed);
  if (trials.length === 0) return null;
  const hits = trials.flatMap((t) => (t.server?.cacheHitRatio != null ? [t.server.cacheHitRatio] : []));
  const writes = trials.map((t) => t.mixed?.writes ?? 0);
  return {
    strategy: s.strategy,
    target,
    hitRatios: hits,
    staleReads: trials.reduce((n, t) => n + (t.mixed?.staleReads ?? 0), 0),
    staleChecks: trials.reduce((n, t) => n + (t.mixed?.staleChecks ?? 0), 0),
    writesPerTrial: { min: Math.min(...writes), max: Math.max(...writes) },
    writeP50Us: trials.map((t) => t.mixed?.writeLatencyUs.p50 ?? 0),
    rowsWrittenPerWrite: med(trials.map((t) => t.mixed?.rowsWrittenPerWrite ?? 0)),
    readRps: med(trials.map((t) => (t.durationSec > 0 ? (t.mixed?.reads ?? 0) / t.durationSec : 0))),
  };
}

const completed = (sc: ScenarioResult): CompletedStrategy[] =>
  sc.strategies.filter((s): s is CompletedStrategy => s.status === 'completed');

/** Paced-write scenarios of one endpoint at one rate, a uniform one and a hot one, with their rows. */
export function hotWritesGroups(result: Result): HotWritesGroup[] {
  const paced = result.scenarios.filter((s) => (s.writeRate ?? 0) > 0);
  const connections = result.profile.connections[0] ?? null;
  const out: HotWritesGroup[] = [];
  for (const hot of paced.filter((s) => s.writeTarget === 'hot')) {
    const uniform = paced.find((s) => s.writeTarget !== 'hot' && s.route === hot.route && s.writeRate === hot.writeRate);
    if (!uniform) continue;
    const rows: HotWritesRow[] = [];
    for (const u of completed(uniform)) {
      const h = completed(hot).find((x) => x.strategy === u.strategy);
      const ru = rowOf(u, 'uniform', connections);
      const rh = h ? rowOf(h, 'hot', connections) : null;
      if (ru && rh) rows.push(ru, rh);
    }
    if (rows.length === 0) continue;
    out.push({
      route: hot.route,
      writeRate: hot.writeRate ?? 0,
      uniform: uniform.name,
      hot: hot.name,
      rows,
      verdict: verdictOf(hot.route, rows),
    });
  }
  return out;
}

/** The pair of rows of one strategy: [uniform, hot]. */
export function pairsOf(rows: readonly HotWritesRow[]): Array<[HotWritesRow, HotWritesRow]> {
  const out: Array<[HotWritesRow, HotWritesRow]> = [];
  for (const u of rows.filter((r) => r.target === 'uniform')) {
    const h = rows.find((r) => r.target === 'hot' && r.strategy === u.strategy);
    if (h) out.push([u, h]);
  }
  return out;
}

/** Median and bootstrap interval of hot / uniform for a positive per-trial figure; null when it cannot be formed. */
export function hotOverUniform(u: readonly number[], h: readonly number[]): { estimate: number; low: number; high: number } | null {
  if (u.length === 0 || h.length === 0 || [...u, ...h].some((x) => !(x > 0) || !Number.isFinite(x))) return null;
  return ratioOfMediansCi(u, h);
}

/** A ratio with its interval; an interval that holds 1× is said to show no difference. */
const ci = (r: { estimate: number; low: number; high: number }): string =>
  `${formatRatio(r.estimate)} (CI ${formatRatio(r.low)}–${formatRatio(r.high)}${r.low <= 1 && r.high >= 1 ? ', no difference shown' : ''})`;

/** Percentage points, signed: "−3.1". */
const signed = (x: number): string => `${x < 0 ? '−' : '+'}${Math.abs(x * 100).toFixed(1)}`;

/**
 * One line: the cache whose hit ratio moved most under hot writes (the difference of medians in points, with its
 * interval), and the write path whose latency moved most (hot over uniform, with its interval).
 */
export function verdictOf(route: string, rows: readonly HotWritesRow[]): string {
  const pairs = pairsOf(rows);
  const hits = pairs
    .filter(([u, h]) => u.hitRatios.length > 0 && h.hitRatios.length > 0)
    .map(([u, h]) => ({ u, h, d: differenceOfMediansCi(u.hitRatios, h.hitRatios) }))
    .sort((a, b) => Math.abs(b.d.estimate) - Math.abs(a.d.estimate));
  const writes = pairs
    .map(([u, h]) => ({ u, h, r: hotOverUniform(u.writeP50Us, h.writeP50Us) }))
    .filter((x) => x.r !== null)
    .sort((a, b) => Math.abs(Math.log(b.r?.estimate ?? 1)) - Math.abs(Math.log(a.r?.estimate ?? 1)));
  const parts: string[] = [];
  const m = hits[0];
  if (m) {
    const shown = m.d.low > 0 || m.d.high < 0 ? '' : ', no difference shown';
    parts.push(
      `under writes that follow the reads, ${m.u.strategy}'s cache hit ratio goes from ${formatPercent(med(m.u.hitRatios))} to ` +
        `${formatPercent(med(m.h.hitRatios))} (${signed(m.d.estimate)} points, CI ${signed(m.d.low)} to ${signed(m.d.high)}${shown})`,
    );
  }
  const w = writes[0];
  if (w?.r) parts.push(`${w.u.strategy}'s write p50 moves ${ci(w.r)}`);
  if (parts.length === 0) return `${route}: no cache or write latency to compare between uniform and hot writes.`;
  return `${route}: ${parts.join('; ')}.`;
}
