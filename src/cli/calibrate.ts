// `accessbench calibrate`: the gate's false-regression and detection rates on this machine (src/calibrate/index.ts);
// the figures are printed and written as JSON beside the results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderCalibration, runCalibration, type Calibration } from '../calibrate/index.ts';
import type { CalibrateCommand } from './calibrate-args.ts';
import { resolveGateProfile } from '../runner/profiles.ts';
import { chooseProvider, resolveSelection } from './run.ts';

export async function calibrateCommand(cmd: CalibrateCommand, log: (line: string) => void): Promise<Calibration> {
  const flags = cmd.run;
  const [selection] = await resolveSelection(flags);
  if (!selection) throw new Error('calibrate: nothing selected');
  const [whole] = await resolveSelection({ ...flags, strategies: [] });
  const c = await runCalibration({
    scenario: selection.scenario,
    strategies: selection.strategies,
    target: cmd.target ?? (selection.strategies[0] as string),
    effect: cmd.effect,
    runs: cmd.runs,
    threshold: cmd.threshold,
    processSpread: cmd.processSpread ?? undefined,
    processes: cmd.processes,
    figures: cmd.figures ?? 2 * (whole?.strategies.length ?? selection.strategies.length),
    profile: resolveGateProfile(flags),
    seed: flags.seed,
    provider: await chooseProvider(flags),
    log,
  });
  const dir = resolve(flags.out);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `calibration_${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(c, null, 1));
  log(`calibrate: ${file}`);
  process.stdout.write(renderCalibration(c) + '\n');
  return c;
}
