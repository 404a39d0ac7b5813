// A scenario of database variants (src/core/variants.ts) seen per strategy: each contender `strategy@variant` next to
// the same strategy on the baseline variant (the scenario's first), reads and writes apart, WAL per write, and the
// verdict sentence. Pure functions over the result, so the figures the section shows can be unit-tested.
import { splitVariant } from '../../core/variants.ts';
import { formatBytes, formatRatio, formatUs } from '../format.ts';
import { mixedFigures, type MixedFigures } from './mixed.ts';
import { speedRatio, type RankedRow, type RatioInterval, type ScenarioView } from './scenario.ts';

export interface VariantRow {
  contender: string;
  strategy: string;
  variant: string;
  row: RankedRow;
  mixed: MixedFigures | null;
}

/** One strategy's ranked contenders, in the scenario's variant order; `baseline` is the first variant's. */
export interface VariantGroup {
  strategy: string;
  baselineVariant: string;
  baseline: VariantRow | undefined;
  rows: VariantRow[];
}

export interface VariantComparison {
  row: VariantRow;
  /** Throughput against the baseline's, conservative interval (the trials replay one request list, so reads alike). */
  reads: RatioInterval | null;
  writeP50: number | null;
  walPerWrite: number | null;
}

export function variantNames(view: ScenarioView): string[] {
  return (view.scenario.dbVariants ?? []).map((v) => v.name);
}

export function variantGroups(view: ScenarioView): VariantGroup[] {
  const order = variantNames(view);
  const baselineVariant = order[0];
  if (baselineVariant === undefined) return [];
  const groups = new Map<string, VariantRow[]>();
  for (const row of view.ranked) {
    const { strategy, variant } = splitVariant(row.strategy.strategy);
    if (variant === null || !order.includes(variant)) continue;
    const rows = groups.get(strategy) ?? [];
    rows.push({ contender: row.strategy.strategy, strategy, variant, row, mixed: mixedFigures(row) });
    groups.set(strategy, rows);
  }
  return [...groups].map(([strategy, rows]) => {
    rows.sort((a, b) => order.indexOf(a.variant) - order.indexOf(b.variant));
    return { strategy, baselineVariant, baseline: rows.find((r) => r.variant === baselineVariant), rows };
  });
}

const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a != null && b != null && a > 0 && b > 0 ? a / b : null;

export function compareToBaseline(group: VariantGroup): VariantComparison[] {
  const base = group.baseline;
  return group.rows.map((row) => ({
    row,
    reads: base ? speedRatio(row.row.level, base.row.level) : null,
    writeP50: ratio(row.mixed?.writeP50Us, base?.mixed?.writeP50Us),
    walPerWrite: ratio(row.mixed?.walPerWrite, base?.mixed?.walPerWrite),
  }));
}

const ci = (r: RatioInterval): string => `CI ${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}`;

function readClause(c: VariantComparison, base: VariantRow): string {
  const r = c.reads;
  if (!r) return '';
  const p50 = `read p50 ${formatUs(c.row.mixed?.readP50Us ?? NaN)} vs ${formatUs(base.mixed?.readP50Us ?? NaN)}`;
  if (r.low <= 1 && r.high >= 1) return `reads at a rate the data cannot tell apart (${formatRatio(r.estimate)}, ${ci(r)}; ${p50})`;
  return `reads at ${formatRatio(r.estimate)} the rate (${ci(r)}; ${p50})`;
}

function writeClause(c: VariantComparison, base: VariantRow): string {
  const m = c.row.mixed;
  const b = base.mixed;
  if (!m || !b) return '';
  const wal =
    m.walPerWrite !== null && b.walPerWrite !== null
      ? `${formatBytes(m.walPerWrite)} of WAL per write instead of ${formatBytes(b.walPerWrite)}` +
        (c.walPerWrite !== null ? ` (${formatRatio(c.walPerWrite)})` : '')
      : '';
  const latency = `write p50 ${formatUs(m.writeP50Us)} vs ${formatUs(b.writeP50Us)}`;
  return [wal, latency].filter(Boolean).join(', ');
}

/**
 * One sentence per the first strategy (the reference's, when it ran): each variant against the baseline, reads with
 * their CI, writes with their WAL and latency.
 */
export function variantVerdict(view: ScenarioView): string {
  const groups = variantGroups(view);
  const group = groups.find((g) => g.strategy === splitVariant(view.scenario.reference).strategy) ?? groups[0];
  if (!group) return 'No contender on a database variant completed, so nothing is compared.';
  const base = group.baseline;
  if (!base) return `${group.strategy} did not complete on ${group.baselineVariant}, the baseline, so its variants are not compared.`;
  const others = compareToBaseline(group).filter((c) => c.row !== base);
  if (others.length === 0) return `Only ${base.contender} completed, so there is no variant to compare it with.`;
  const parts = others.map((c) => `on ${c.row.variant} it serves ${readClause(c, base)}, with ${writeClause(c, base)}`);
  return `At ${base.row.level.connections} connections, against ${group.strategy} on ${group.baselineVariant}: ${parts.join('; ')}.`;
}
