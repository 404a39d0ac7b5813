// `accessbench` with a pause at the start of one phase, for src/runner/interrupt.test.ts: a signal can then be
// delivered inside a phase too short to hit otherwise (writing the report takes a fraction of a second). It runs the
// same CLI as bin/accessbench.js, with an onPhase hook; the product never imports this file.
// Usage: node --import tsx src/testing/paused-cli.ts <phase>=<ms> <accessbench arguments…>
import { runCli } from '../cli/main.ts';
import { whenInterrupted } from '../core/lifecycle.ts';
import type { Phase } from '../runner/run.ts';

const [spec = '', ...argv] = process.argv.slice(2);
const [at, ms] = spec.split('=');
const pauseMs = Number(ms);
if (!at || !(pauseMs > 0)) throw new Error(`usage: paused-cli.ts <phase>=<ms> <arguments…> (got "${spec}")`);

async function pause(phase: Phase): Promise<void> {
  if (phase !== at) return;
  process.stderr.write(`${phase}: paused for ${pauseMs} ms (test hook)\n`);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, pauseMs))), whenInterrupted()]);
  } finally {
    clearTimeout(timer);
  }
}

await runCli(argv, { onPhase: pause });
