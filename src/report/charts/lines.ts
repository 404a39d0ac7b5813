// The line charts of a scenario: latency percentiles, latency against concurrency and fan-out, history across runs.
import type { Result } from '../../results/schema.ts';
import { formatQueries, formatRps, formatUs } from '../format.ts';
import { levelAt, type ScenarioView } from '../model/scenario.ts';
import { AUTOSIZE, CONFIG, colorFor, PERCENTILES, symlogTicks, usLogAxis, WIDTH, type ChartDef } from './common.ts';

export function latency(view: ScenarioView, id: string): ChartDef {
  const values = view.ranked.flatMap((r) =>
    PERCENTILES.map(([key, name]) => {
      // A log scale cannot show 0; a latency below 1 µs is measurement noise, so clamp for drawing only.
      const us = Math.max(r.level.summary.latencyUs[key], 1);
      return { strategy: r.strategy.strategy, percentile: name, us, label: formatUs(r.level.summary.latencyUs[key]) };
    }),
  );
  return {
    id,
    title: 'Latency percentile spectrum',
    caption:
      'Latency at each percentile of all trials merged (log scale). Parallel lines mean a constant factor; a line ' +
      'that bends up at p99 and beyond shows tail latency (queueing, GC, pool waits).',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 240,
      data: { values },
      mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
      encoding: {
        x: { field: 'percentile', type: 'ordinal', sort: PERCENTILES.map(([, n]) => n), title: 'percentile', axis: { labelAngle: 0 } },
        y: {
          field: 'us',
          ...usLogAxis(
            values.map((v) => v.us),
            'latency (log scale)',
          ),
        },
        color: colorFor(view),
        tooltip: [{ field: 'strategy' }, { field: 'percentile' }, { field: 'label', title: 'latency' }],
      },
    },
  };
}

export function concurrency(view: ScenarioView, id: string): ChartDef | null {
  if (!view.ranked.some((r) => r.strategy.levels.length > 1)) return null;
  const values = view.ranked.flatMap((r) =>
    r.strategy.levels.flatMap((l) => [
      {
        strategy: r.strategy.strategy,
        connections: l.connections,
        metric: 'p50',
        value: Math.max(l.summary.latencyUs.p50, 1),
        label: formatUs(l.summary.latencyUs.p50),
      },
      {
        strategy: r.strategy.strategy,
        connections: l.connections,
        metric: 'p99',
        value: Math.max(l.summary.latencyUs.p99, 1),
        label: formatUs(l.summary.latencyUs.p99),
      },
    ]),
  );
  const x = { field: 'connections', type: 'ordinal', title: 'concurrent connections', axis: { labelAngle: 0 } } as const;
  return {
    id,
    title: 'Latency vs concurrency',
    caption:
      'p50 (solid) and p99 (dashed) latency at each closed-loop concurrency level. Latency rising in step with ' +
      'connections means the strategy is saturated: more clients only queue.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 240,
      data: { values },
      encoding: {
        x,
        y: {
          field: 'value',
          ...usLogAxis(
            values.map((v) => v.value),
            'latency (log scale)',
          ),
        },
        color: colorFor(view),
        tooltip: [
          { field: 'strategy' },
          { field: 'connections' },
          { field: 'metric', title: 'percentile' },
          { field: 'label', title: 'latency' },
        ],
      },
      // Lines and points in separate layers: a line mark with `point` makes the dash legend show dots, not dashes.
      layer: [
        {
          mark: { type: 'line', strokeWidth: 2 },
          encoding: {
            // Its own legend above the plot: beside the strategy legend it would overflow a half-width card.
            strokeDash: {
              field: 'metric',
              type: 'nominal',
              title: 'percentile',
              sort: ['p50', 'p99'],
              legend: { orient: 'top', direction: 'horizontal', symbolStrokeColor: '#1f2328' },
            },
          },
        },
        { mark: { type: 'point', filled: true, size: 36, opacity: 1 }, encoding: { detail: { field: 'metric' } } },
      ],
    },
  };
}

export function history(view: ScenarioView, id: string, runs: readonly Result[], labels: readonly string[]): ChartDef | null {
  if (runs.length < 2) return null;
  const values = runs.flatMap((run, i) => {
    const scenario = run.scenarios.find((s) => s.name === view.scenario.name);
    return (scenario?.strategies ?? []).flatMap((s) => {
      if (s.status !== 'completed' || s.degraded !== null) return [];
      const level = levelAt(s, view.connections);
      if (!level) return [];
      const rps = level.summary.rps;
      return [
        {
          run: labels[i] ?? run.runId,
          strategy: s.strategy,
          rps: rps.estimate,
          low: rps.low,
          high: rps.high,
          label: `${formatRps(rps.estimate)} req/s (CI ${formatRps(rps.low)}–${formatRps(rps.high)}) at ${level.connections} conn.`,
          subject: run.git.subject ?? '',
        },
      ];
    });
  });
  if (values.length === 0) return null;
  const x = { field: 'run', type: 'ordinal', sort: [...labels], title: 'run (commit, time)', axis: { labelAngle: -30 } } as const;
  return {
    id,
    title: 'History across commits',
    caption:
      'Median req/s of each strategy in each run, oldest left, this run right; vertical bars are 95 % CIs. Runs on ' +
      'different machines or profiles are not comparable: check the runs table in the environment section.',
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 240,
      data: { values },
      encoding: {
        x,
        color: colorFor(
          view,
          values.map((v) => v.strategy),
        ),
      },
      layer: [
        {
          mark: { type: 'rule', opacity: 0.45, strokeWidth: 2 },
          encoding: { y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
        },
        {
          mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
          encoding: {
            y: { field: 'rps', type: 'quantitative', title: 'requests per second' },
            tooltip: [{ field: 'strategy' }, { field: 'run' }, { field: 'subject', title: 'commit' }, { field: 'label', title: 'median' }],
          },
        },
      ],
    },
  };
}

/** What a fan-out curve's axis says, per kind of point: comments on a post (the N+1 curve) or page depth. */
const CURVES = {
  comments: {
    title: 'Latency vs fan-out',
    x: 'comments on the post (symlog scale)',
    caption:
      'p50 latency of one request at a time (one connection, no queueing) for posts with more and more comments ' +
      '(symlog x, log y). A strategy whose query count grows with the data (N+1) climbs steeply; one statement per ' +
      'request grows only with the rows it returns.',
  },
  page: {
    title: 'Latency vs page depth',
    x: 'page (log scale)',
    caption:
      'p50 latency of one request at a time (one connection, no queueing) for the same page at growing depth, ' +
      'each keyset request carrying the cursor of the page before it (log x, log y). OFFSET reads and discards every ' +
      'row before the page, so it climbs with the depth; a keyset seeks to its cursor and stays flat.',
  },
} as const;

/** The N+1 curve (latency against comments on the post), or latency against page depth. Only when one was measured. */
export function fanout(view: ScenarioView, id: string, current: Result): ChartDef | null {
  // A point where no request completed in its trial has no latency to plot (p50 0): leave it out, never plot 0.
  const points = current.fanout.filter((f) => f.scenario === view.scenario.name && f.p50Us > 0);
  if (new Set(points.map((p) => p.comments)).size < 2) return null;
  const axis = points[0]?.axis ?? 'comments';
  const text = CURVES[axis];
  const values = points.map((p) => ({
    strategy: p.strategy,
    comments: p.comments,
    us: Math.max(p.p50Us, 1),
    label: formatUs(p.p50Us),
    p99: formatUs(p.p99Us),
    queries: formatQueries(p.queriesPerRequest),
  }));
  const ticks = symlogTicks(Math.max(...points.map((p) => p.comments)));
  const depths = [...new Set(points.map((p) => p.comments))].sort((a, b) => a - b);
  return {
    id,
    title: text.title,
    caption: text.caption,
    spec: {
      config: CONFIG,
      width: WIDTH,
      autosize: AUTOSIZE,
      height: 240,
      data: { values },
      mark: { type: 'line', point: { filled: true, size: 40 }, strokeWidth: 2 },
      encoding: {
        x:
          axis === 'page'
            ? {
                field: 'comments',
                type: 'quantitative',
                title: text.x,
                scale: { type: 'log', domain: [depths[0] ?? 1, depths[depths.length - 1] ?? 1], nice: false },
                axis: { values: depths, format: ',d' },
              }
            : {
                field: 'comments',
                type: 'quantitative',
                title: text.x,
                scale: { type: 'symlog', domain: [0, ticks[ticks.length - 1] ?? 1], nice: false },
                axis: { values: ticks, format: ',d' },
              },
        y: {
          field: 'us',
          ...usLogAxis(
            values.map((v) => v.us),
            'p50 latency (log scale)',
          ),
        },
        color: colorFor(
          view,
          values.map((v) => v.strategy),
        ),
        tooltip: [
          { field: 'strategy' },
          { field: 'comments', title: axis === 'page' ? 'page' : 'comments' },
          { field: 'label', title: 'p50' },
          { field: 'p99', title: 'p99' },
          { field: 'queries', title: 'queries/request' },
        ],
      },
    },
  };
}
