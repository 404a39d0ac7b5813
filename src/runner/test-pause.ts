// TEST-ONLY: ACCESSBENCH_TEST_PAUSE="<phase>=<ms>[,<phase>=<ms>]" makes a run wait that many ms at the start of the
// named phase (infra, seed, verify, load, report), so src/runner/interrupt.test.ts can deliver a signal inside a phase
// that is otherwise too short to hit (writing the report takes a fraction of a second). No effect at all unless the
// variable names the phase, and it says so on stderr when it does.
import { whenInterrupted } from '../core/lifecycle.ts';

export type Phase = 'infra' | 'seed' | 'verify' | 'load' | 'report';

export function testPauseMs(raw: string | undefined, phase: Phase): number {
  for (const part of (raw ?? '').split(',')) {
    const [name, ms] = part.split('=').map((s) => s.trim());
    if (name === phase && ms !== undefined && Number(ms) > 0) return Number(ms);
  }
  return 0;
}

/** Resolves at once unless the variable names `phase`; a signal during the pause rejects with InterruptedError. */
export async function testPause(phase: Phase, log: (line: string) => void): Promise<void> {
  const ms = testPauseMs(process.env.ACCESSBENCH_TEST_PAUSE, phase);
  if (ms === 0) return;
  log(`${phase}: TEST-ONLY pause of ${ms} ms (ACCESSBENCH_TEST_PAUSE)`);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))), whenInterrupted()]);
  } finally {
    clearTimeout(timer);
  }
}
