// A write-only load (bulk-write): per ranked strategy, rows stored per second with the interval of req/s scaled by
// the rows each request wrote, latency per bulk request, statements per request and what each row cost in WAL and CPU.
// Pure functions over the result, so the figures the bulk section shows can be unit-tested.
import { formatBytes, formatInt, formatQueries, formatRatio, formatUs, plural } from '../format.ts';
import { walPerWriteOf } from './mixed.ts';
import { median, speedRatio, type RankedRow, type ScenarioView } from './scenario.ts';

export interface BulkFigures {
  strategy: string;
  technique: string;
  /** Rows stored per bulk request, counted by the server (median across trials). */
  rowsPerWrite: number;
  /** Rows stored per second: the req/s median and interval times rowsPerWrite. */
  rowsPerSec: { estimate: number; low: number; high: number };
  /** Latency of one bulk request, all trials merged. */
  p50Us: number;
  p99Us: number;
  /** Statements (Mongo: commands) per bulk request, median across trials; null when not reported. */
  statements: number | null;
  /** WAL the primary wrote per row (median across trials); null when not read (MongoDB, external servers). */
  walBytesPerRow: number | null;
  /** CPU per row, µs: the strategy server and the database servers. */
  appCpuUsPerRow: number | null;
  dbCpuUsPerRow: number | null;
}

/** Is this scenario's load write-only (every timed request a write)? */
export const isWriteOnly = (view: ScenarioView): boolean => view.scenario.writeRatio >= 1;

const perRow = (v: number | null, rows: number): number | null => (v === null || !(rows > 0) ? null : v / rows);

export function bulkFigures(row: RankedRow): BulkFigures | null {
  const mixed = row.level.trials.flatMap((t) => (t.mixed ? [t.mixed] : []));
  const rowsPerWrite = median(mixed.map((m) => m.rowsWrittenPerWrite));
  if (rowsPerWrite === null) return null;
  const rps = row.level.summary.rps;
  const wal = median(mixed.flatMap(walPerWriteOf));
  return {
    strategy: row.strategy.strategy,
    technique: row.strategy.technique,
    rowsPerWrite,
    rowsPerSec: { estimate: rps.estimate * rowsPerWrite, low: rps.low * rowsPerWrite, high: rps.high * rowsPerWrite },
    p50Us: row.level.summary.latencyUs.p50,
    p99Us: row.level.summary.latencyUs.p99,
    statements: row.queries,
    walBytesPerRow: perRow(wal, rowsPerWrite),
    appCpuUsPerRow: perRow(row.cpu.app, rowsPerWrite),
    dbCpuUsPerRow: perRow(row.cpu.db, rowsPerWrite),
  };
}

/** The ranked strategies' figures, fastest first (by rows/s); empty unless the load is write-only. */
export function bulkRows(view: ScenarioView): BulkFigures[] {
  if (!isWriteOnly(view)) return [];
  return view.ranked
    .flatMap((r) => {
      const f = bulkFigures(r);
      return f ? [{ f, r }] : [];
    })
    .sort((a, b) => b.f.rowsPerSec.estimate - a.f.rowsPerSec.estimate)
    .map(({ f }) => f);
}

const rate = (n: number): string => `${formatInt(n)} rows/s`;

/**
 * One sentence: the fastest and the slowest writer in rows per second, the ratio with its conservative interval (the
 * req/s intervals' extremes, scaled by each side's rows per request), the statements each sends and their p99.
 */
export function bulkVerdict(view: ScenarioView): string | null {
  const rows = bulkRows(view);
  const fast = rows[0];
  const slow = rows[rows.length - 1];
  if (!fast || !slow || fast === slow) return null;
  const levelOf = (name: string) => view.ranked.find((r) => r.strategy.strategy === name)?.level;
  const a = levelOf(fast.strategy);
  const b = levelOf(slow.strategy);
  if (!a || !b) return null;
  const scale = fast.rowsPerWrite / slow.rowsPerWrite;
  const r = speedRatio(a, b);
  const [est, low, high] = [r.estimate * scale, r.low * scale, r.high * scale];
  const ci = `CI ${formatRatio(low).replace('×', '')}–${formatRatio(high)}`;
  const statements =
    fast.statements !== null && slow.statements !== null
      ? `, with ${plural(fast.statements, 'statement', 'statements')} per request instead of ${formatQueries(slow.statements)}`
      : '';
  const head = `At ${view.connections ?? '?'} connections and ${formatInt(fast.rowsPerWrite)} rows per request, `;
  if (low <= 1) {
    return `${head}${fast.strategy} (${rate(fast.rowsPerSec.estimate)}) and ${slow.strategy} (${rate(slow.rowsPerSec.estimate)}) store rows at rates the data cannot tell apart (${formatRatio(est)}, ${ci}).`;
  }
  return (
    `${head}${fast.strategy} stores ${rate(fast.rowsPerSec.estimate)}, ${formatRatio(est)} the rate of ${slow.strategy} ` +
    `(${rate(slow.rowsPerSec.estimate)}; ${ci})${statements}; p99 per request ${formatUs(fast.p99Us)} vs ${formatUs(slow.p99Us)}.`
  );
}

/** "1.2 KiB" per row, or "–" when not measured. */
export const formatWalPerRow = (b: number | null): string => (b === null ? '–' : formatBytes(b));
