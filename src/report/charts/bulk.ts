// The trade-off chart of a write-only load (bulk-write): rows stored per second against the statements each bulk
// request sends, with the interval of each strategy's rate. Round trips set the slope; at one statement per request,
// what is left apart is CPU (parsing, planning, escaping, the ORM's query building).
import { formatInt, formatQueries } from '../format.ts';
import { bulkRows } from '../model/bulk.ts';
import type { ScenarioView } from '../model/scenario.ts';
import { CONFIG, colorFor, logTicks, WIDTH, type ChartDef } from './common.ts';

export function bulkTradeoff(view: ScenarioView, id: string): ChartDef | null {
  const rows = bulkRows(view).filter((r) => r.statements !== null && r.statements > 0);
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({
    strategy: r.strategy,
    statements: r.statements,
    rows: r.rowsPerSec.estimate,
    low: r.rowsPerSec.low,
    high: r.rowsPerSec.high,
    label: `${formatInt(r.rowsPerSec.estimate)} rows/s (CI ${formatInt(r.rowsPerSec.low)}–${formatInt(r.rowsPerSec.high)}), ${formatQueries(r.statements)} statements/request`,
  }));
  const yTicks = logTicks(Math.min(...rows.map((r) => r.rowsPerSec.low)), Math.max(...rows.map((r) => r.rowsPerSec.high)));
  const xTicks = logTicks(1, Math.max(...rows.map((r) => r.statements ?? 1)));
  const x = {
    field: 'statements',
    type: 'quantitative' as const,
    title: 'statements per bulk request (log scale)',
    scale: { type: 'log' as const, domain: [xTicks[0] ?? 1, xTicks[xTicks.length - 1] ?? 10], nice: false },
    axis: { values: xTicks, format: ',~r' },
  };
  const y = {
    field: 'rows',
    type: 'quantitative' as const,
    title: 'rows stored per second (log scale)',
    scale: { type: 'log' as const, domain: [yTicks[0] ?? 1, yTicks[yTicks.length - 1] ?? 10], nice: false },
    axis: { values: yTicks, format: ',~r' },
  };
  return {
    id,
    title: `Bulk writes: rows per second against round trips, at ${view.connections ?? '?'} connections`,
    caption:
      'Each point is a strategy: statements (Mongo: commands) per bulk request, and rows stored per second (median). ' +
      'The vertical line is the interval of that median. Up and to the left is better; strategies at the same x differ ' +
      'by what each statement costs, not by round trips.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      height: 240,
      autosize: { type: 'fit-x', contains: 'padding' },
      data: { values },
      layer: [
        // Strategies at one x (one statement each) sit close together: named by the legend, not by labels that overlap.
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color: colorFor(view) },
        },
        {
          mark: { type: 'point', filled: true, size: 90, opacity: 0.9 },
          encoding: { x, y, color: colorFor(view), tooltip: [{ field: 'strategy' }, { field: 'label', title: 'figures' }] },
        },
      ],
    },
  };
}
