// `accessbench calibrate` flags: its own (--runs, --target, --effect, --threshold, --json-out) and every run flag.
import { ConfigError } from '../core/errors.ts';
import { DEFAULT_THRESHOLD, parseThreshold } from '../compare/threshold.ts';
import type { RunFlags } from './args.ts';
import { str, take, type ParseRun } from './compare-args.ts';

export interface CalibrateCommand {
  name: 'calibrate';
  run: RunFlags;
  runs: number;
  /** The strategy that carries the added cost (default: the first selected). */
  target: string | null;
  effect: number;
  threshold: number;
}

/** What `calibrate` measures unless told otherwise: one scenario, a fast, a middle and a slow strategy. */
export const CALIBRATE_DEFAULTS = { scenario: 'post-detail', strategies: ['pg-join', 'prisma-include', 'pg-naive'] };

export function parseCalibrate(args: string[], parseRun: ParseRun): CalibrateCommand | { name: 'help'; topic: string } {
  const { own, rest } = take(args, { runs: 'string', target: 'string', effect: 'string', threshold: 'string' });
  const run = parseRun(rest);
  if (!run) return { name: 'help', topic: 'calibrate' };
  const runs = Number(str(own.runs) ?? '10');
  if (!Number.isInteger(runs) || runs < 1 || runs > 100)
    throw new ConfigError(`--runs: "${str(own.runs)}" is not a whole number from 1 to 100`);
  const effectRaw = str(own.effect) ?? '15%';
  const m = /^(\d+(?:\.\d+)?)(%)?$/.exec(effectRaw.trim());
  const effect = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(effect > 0 && effect <= 5)) throw new ConfigError(`--effect: "${effectRaw}" is not an added cost such as 15% or 0.15`);
  if (run.scenarios.length > 1) throw new ConfigError('calibrate measures one scenario at a time (--scenario NAME)');
  return {
    name: 'calibrate',
    run: {
      ...run,
      scenarios: run.scenarios.length ? run.scenarios : [CALIBRATE_DEFAULTS.scenario],
      strategies: run.strategies.length ? run.strategies : CALIBRATE_DEFAULTS.strategies,
    },
    runs,
    target: str(own.target),
    effect,
    threshold: own.threshold ? parseThreshold(str(own.threshold) ?? '') : DEFAULT_THRESHOLD,
  };
}
