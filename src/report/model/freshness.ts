// Staleness against read speed, and what a scheduled refresh costs, per strategy of a mixed load: the figures of the
// report's "staleness and refresh cost" section (materialized views beside read models and caches). Pure functions
// over the result, so the numbers the section and its chart show can be unit-tested.
import { formatBytes, formatPercent, formatRatio, formatUs } from '../format.ts';
import { median, speedRatio, type RankedRow, type RatioInterval, type ScenarioView } from './scenario.ts';

export interface FreshnessFigures {
  strategy: string;
  /** Median req/s of the mixed load and its interval (the ranking's figure). */
  rps: number;
  rpsLow: number;
  rpsHigh: number;
  /** Reads of just-written items that missed the write / reads probed, summed over trials. */
  staleReads: number;
  staleChecks: number;
  /** Ages of the stale reads (ms since the write they missed was sent), over all trials; null when none recorded. */
  ageP50Ms: number | null;
  ageMaxMs: number | null;
  /** Scheduled refreshes: median per trial, per second of trial, mean wall time and WAL per refresh. Null: none. */
  refresh: {
    perTrial: number;
    perSecond: number;
    msPerRefresh: number | null;
    walBytesPerRefresh: number | null;
    /** The refreshing backend's CPU per refresh, ms; null unless read for every refresh (a local server). */
    cpuMsPerRefresh: number | null;
  } | null;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export function freshnessFigures(row: RankedRow): FreshnessFigures | null {
  const trials = row.level.trials;
  const mixed = trials.flatMap((t) => (t.mixed ? [t.mixed] : []));
  if (mixed.length === 0) return null;
  const ages = mixed.flatMap((m) => m.staleAgesMs ?? []).sort((a, b) => a - b);
  const refreshes = trials.flatMap((t) => (t.server?.refresh ? [{ r: t.server.refresh, sec: t.durationSec }] : []));
  const count = sum(refreshes.map((x) => x.r.count));
  const s = row.level.summary.rps;
  return {
    strategy: row.strategy.strategy,
    rps: s.estimate,
    rpsLow: s.low,
    rpsHigh: s.high,
    staleReads: sum(mixed.map((m) => m.staleReads)),
    staleChecks: sum(mixed.map((m) => m.staleChecks)),
    ageP50Ms: median(ages),
    ageMaxMs: ages.length > 0 ? (ages[ages.length - 1] as number) : null,
    refresh:
      refreshes.length === 0
        ? null
        : {
            perTrial: median(refreshes.map((x) => x.r.count)) ?? 0,
            perSecond: count / Math.max(1e-9, sum(refreshes.map((x) => x.sec))),
            msPerRefresh: count > 0 ? sum(refreshes.map((x) => x.r.micros)) / count / 1000 : null,
            walBytesPerRefresh: count > 0 ? sum(refreshes.map((x) => x.r.walBytes)) / count : null,
            cpuMsPerRefresh:
              count > 0 && refreshes.every((x) => x.r.count === 0 || typeof x.r.dbCpuMicros === 'number')
                ? sum(refreshes.map((x) => x.r.dbCpuMicros ?? 0)) / count / 1000
                : null,
          },
  };
}

/** The section's rows, in rank order; empty unless the scenario is a mixed load with a refreshed strategy. */
export function freshnessRows(view: ScenarioView): FreshnessFigures[] {
  const rows = view.ranked.flatMap((r) => freshnessFigures(r) ?? []);
  return rows.some((r) => r.refresh !== null) ? rows : [];
}

export const staleRatio = (f: FreshnessFigures): number | null => (f.staleChecks > 0 ? f.staleReads / f.staleChecks : null);

function staleClause(f: FreshnessFigures): string {
  const ratio = staleRatio(f);
  if (ratio === null) return 'with no stale-read check recorded';
  const age = f.ageP50Ms === null ? '' : ` (age p50 ${formatUs(f.ageP50Ms * 1000)}, max ${formatUs((f.ageMaxMs ?? 0) * 1000)})`;
  return `with ${formatPercent(ratio)} of reads of just-written items stale${age}`;
}

/**
 * One sentence per refreshed strategy against the reference: how much faster, at what staleness, for what refresh
 * cost. "faster" only when the interval of the ratio (conservative: the CIs' extremes combined) excludes 1.
 */
export function freshnessVerdict(view: ScenarioView): string | null {
  const rows = freshnessRows(view);
  const refRow = view.ranked.find((r) => r.strategy.strategy === view.scenario.reference);
  const sentences = view.ranked.flatMap((row) => {
    const f = rows.find((x) => x.strategy === row.strategy.strategy);
    if (!f?.refresh || !refRow || row === refRow) return [];
    const r: RatioInterval = speedRatio(row.level, refRow.level);
    const ci = `CI ${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}`;
    const ref = refRow.strategy.strategy;
    const speed =
      r.low > 1
        ? `${formatRatio(r.estimate)} faster than ${ref} (${ci})`
        : r.high < 1
          ? `${formatRatio(1 / r.estimate)} slower than ${ref} (${formatRatio(r.estimate)}, ${ci})`
          : `at a rate the data cannot tell apart from ${ref} (${formatRatio(r.estimate)}, ${ci})`;
    const cost =
      f.refresh.msPerRefresh === null
        ? 'and no refresh ran during its trials'
        : `refreshing ${f.refresh.perSecond.toFixed(2)} times a second at ${formatUs(f.refresh.msPerRefresh * 1000)}` +
          (f.refresh.cpuMsPerRefresh === null ? '' : ` (${formatUs(f.refresh.cpuMsPerRefresh * 1000)} of database CPU)`) +
          ' and ' +
          `${formatBytes(f.refresh.walBytesPerRefresh)} of WAL each`;
    return [`${f.strategy} serves ${view.scenario.name} ${speed} ${staleClause(f)}, ${cost}.`];
  });
  return sentences.length > 0 ? sentences.join(' ') : null;
}
