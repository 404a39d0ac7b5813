// Replica lag sampled while a strategy was under load, per ranked strategy at the scenario's ranking level: the figures
// behind the replica-lag chart.
import { median, type ScenarioView } from './scenario.ts';

const med = (xs: number[]): number => median(xs) ?? Number.NaN;

export interface LagFigures {
  strategy: string;
  /** Medians across trials of each trial's own p50 / p99. */
  msP50: number;
  msP99: number;
  bytesP50: number;
  bytesP99: number;
  samples: number;
  /** Each trial's own p50 / p99, so a chart can show the spread behind the medians. */
  trials: Array<{ index: number; msP50: number; msP99: number }>;
}

/** Replica lag sampled while the strategy was under load; trials without samples say nothing and are left out. */
export function lagRows(view: ScenarioView): LagFigures[] {
  return view.ranked.flatMap((r) => {
    const lags = r.level.trials.flatMap((t) => (t.replicaLag && t.replicaLag.samples > 0 ? [{ ...t.replicaLag, index: t.index }] : []));
    if (lags.length === 0) return [];
    return [
      {
        strategy: r.strategy.strategy,
        msP50: med(lags.map((l) => l.msP50)),
        msP99: med(lags.map((l) => l.msP99)),
        bytesP50: med(lags.map((l) => l.bytesP50)),
        bytesP99: med(lags.map((l) => l.bytesP99)),
        samples: lags.reduce((n, l) => n + l.samples, 0),
        trials: lags.map((l) => ({ index: l.index, msP50: l.msP50, msP99: l.msP99 })),
      },
    ];
  });
}
