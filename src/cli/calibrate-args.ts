// `accessbench calibrate` flags: its own (--runs, --target, --effect, --threshold) and every run flag.
import { ConfigError } from '../core/errors.ts';
import { option, takeOptions, type OptionValues } from '../options/define.ts';
import { parsed, text, whole } from '../options/kinds.ts';
import { parseRunFlags, type RunFlags } from '../options/table.ts';
import { processes, processSpread, threshold } from './compare-args.ts';

/** The calibrate command's own flags. */
export const CALIBRATE_OPTIONS = {
  /** A/A and A/B passes each. */
  runs: option({
    flag: 'runs',
    kind: whole(1, 100),
    default: 10,
  }),
  /** The strategy that carries the added cost (default: the first selected). */
  target: option({ flag: 'target', kind: text('NAME'), default: null }),
  /** The known added CPU cost per request of the A/B passes, relative. */
  effect: option({
    flag: 'effect',
    kind: parsed('15%', (raw, label) => {
      const m = /^(\d+(?:\.\d+)?)(%)?$/.exec(raw.trim());
      const effect = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
      if (!(effect > 0 && effect <= 5)) throw new ConfigError(`${label}: "${raw}" is not an added cost such as 15% or 0.15`);
      return effect;
    }),
    default: 0.15,
  }),
  threshold,
  processSpread,
  processes,
  /**
   * How many timed figures the gate judges together, which sets each one's confidence (src/compare/compare.ts,
   * family). Default: req/s and p99 of every strategy of the scenario, what `ab` on the whole scenario judges at most.
   */
  figures: option({
    flag: 'figures',
    kind: whole(1, 10_000),
    default: null,
  }),
};

export type CalibrateCommand = { name: 'calibrate'; run: RunFlags } & OptionValues<typeof CALIBRATE_OPTIONS>;

/** What `calibrate` measures unless told otherwise: one scenario, a fast, a middle and a slow strategy. */
export const CALIBRATE_DEFAULTS = { scenario: 'post-detail', strategies: ['pg-join', 'prisma-include', 'pg-naive'] };

export function parseCalibrate(args: string[]): CalibrateCommand | { name: 'help'; topic: string } {
  const { rest, values } = takeOptions(CALIBRATE_OPTIONS, args);
  const run = parseRunFlags(rest);
  if (!run) return { name: 'help', topic: 'calibrate' };
  const own = values();
  if (run.scenarios.length > 1) throw new ConfigError('calibrate measures one scenario at a time (--scenario NAME)');
  return {
    name: 'calibrate',
    run: {
      ...run,
      scenarios: run.scenarios.length ? run.scenarios : [CALIBRATE_DEFAULTS.scenario],
      strategies: run.strategies.length ? run.strategies : CALIBRATE_DEFAULTS.strategies,
    },
    ...own,
  };
}
