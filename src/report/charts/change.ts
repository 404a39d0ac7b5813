// The change since the previous run as a forest plot: one row per scenario × strategy (× level), the head/base
// ratio of median req/s with its interval (as compare forms it) on a log axis centred on "no change", coloured by the compare verdict.
import type { Comparison } from '../../compare/compare.ts';
import { familyText, pct, pctCi } from '../../compare/format.ts';
import { formatRps } from '../format.ts';
import { AUTOSIZE, CONFIG, WIDTH, type ChartDef } from './common.ts';

const FINE_TICKS = [0.5, 0.67, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 2];
const COARSE_TICKS = [0.1, 0.2, 0.5, 1, 2, 5, 10];
/** Beyond 10× either way the whisker is clipped: such an interval says "unknown", and its exact end adds nothing. */
const MAX_REACH = Math.log(10);
const VERDICTS = ['faster', 'no significant change', 'slower'] as const;

export function changeChart(c: Comparison, id: string): ChartDef | null {
  const compared = c.entries.flatMap((e) => (e.kind === 'compared' ? [e] : []));
  const values = compared.flatMap((e) =>
    e.levels.map((l) => ({
      row: `${e.scenario} · ${e.strategy}${e.levels.length > 1 ? ` · ${l.connections} conn.` : ''}`,
      ratio: l.rps.ratio.estimate,
      low: l.rps.ratio.low,
      high: l.rps.ratio.high,
      verdict: l.rps.verdict === 'no-change' ? VERDICTS[1] : l.rps.verdict,
      change: `${pct(l.rps.ratio.estimate)} ${pctCi(l.rps.ratio)}`,
      sides: `${formatRps(l.rps.base.estimate)} → ${formatRps(l.rps.head.estimate)} req/s`,
    })),
  );
  if (values.length === 0) return null;
  // Symmetric in log space around 1, and never narrower than ±25 %, so a small change looks small.
  const ends = values.flatMap((v) => [Math.abs(Math.log(v.low)), Math.abs(Math.log(v.high))]).filter(Number.isFinite);
  const reach = Math.min(Math.max(Math.log(1.3), ...ends) * 1.08, MAX_REACH);
  const domain: [number, number] = [Math.exp(-reach), Math.exp(reach)];
  const ticks = (reach > Math.log(2.2) ? COARSE_TICKS : FINE_TICKS).filter((t) => t >= domain[0] && t <= domain[1]);
  const x = {
    type: 'quantitative' as const,
    title: 'req/s, head vs base (log scale)',
    scale: { type: 'log' as const, domain, nice: false },
    axis: { values: ticks, labelExpr: "datum.value == 1 ? 'same' : format(datum.value - 1, '+.0%')" },
  };
  const y = { field: 'row', type: 'nominal', sort: values.map((v) => v.row), title: null } as const;
  const color = {
    field: 'verdict',
    type: 'nominal',
    title: 'verdict',
    scale: { domain: [...VERDICTS], range: ['#2e8540', '#8c959f', '#c9302c'] },
  } as const;
  const limit = 1 - c.threshold;
  return {
    id,
    title: 'Throughput change since the previous run',
    caption:
      'Median req/s of this run divided by the previous run’s, per scenario and strategy. Whiskers: the interval of ' +
      `the ratio — ${familyText(c)} A whisker that crosses "same" is no significant change. Dotted line: the ` +
      `regression threshold (${pct(limit)}).`,
    spec: {
      // A full-width chart: room for "scenario · strategy · connections" without cutting it.
      config: { ...CONFIG, axisY: { labelLimit: 320 } },
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 24 * values.length,
      layer: [
        { data: { values: [{ at: 1 }] }, mark: { type: 'rule', color: '#59636e' }, encoding: { x: { field: 'at', ...x } } },
        {
          data: { values: [{ at: limit }] },
          mark: { type: 'rule', color: '#c9302c', strokeDash: [2, 3], opacity: 0.7 },
          encoding: { x: { field: 'at', ...x } },
        },
        {
          data: { values },
          encoding: { y },
          layer: [
            { mark: { type: 'rule', strokeWidth: 2, clip: true }, encoding: { x: { field: 'low', ...x }, x2: { field: 'high' }, color } },
            {
              mark: { type: 'point', filled: true, size: 60, opacity: 1, clip: true },
              encoding: {
                x: { field: 'ratio', ...x },
                color,
                tooltip: [
                  { field: 'row', title: 'strategy' },
                  { field: 'change', title: 'req/s change [CI]' },
                  { field: 'sides', title: 'base → head' },
                ],
              },
            },
          ],
        },
      ],
    },
  };
}
