// Shared by the report's tests: a history of runs whose current run carries an XSS payload in every kind of string
// a result file can hold, so both the static and the browser test check escaping end to end.
import type { Result } from '../../results/schema.ts';
import { buildFixtureHistory } from './result.ts';

/** Sets `window.__xss` if it ever runs: the browser test asserts it stays undefined. */
export const XSS = '<script>window.__xss=1;alert(1)</script><img src=x onerror="window.__xss=2;alert(2)">';

export function xssResults(): Result[] {
  const runs = buildFixtureHistory(3);
  const current = runs[runs.length - 1] as Result;
  current.git.subject = `fix: ${XSS}`;
  current.git.branch = `feature/${XSS}`;
  current.versions[XSS] = XSS;
  const scenario = current.scenarios[0];
  if (!scenario) throw new Error('fixture has no scenario');
  scenario.summary = `summary ${XSS}`;
  for (const s of scenario.strategies) {
    s.source.text += `\n// ${XSS}\n`;
    if (s.status === 'skipped') s.reason = `skipped ${XSS}`;
  }
  const naive = scenario.strategies.find((s) => s.strategy === 'prisma-naive');
  if (!naive || naive.status !== 'completed') throw new Error('fixture lacks prisma-naive');
  naive.strategy = `${XSS}`;
  naive.parity[XSS] = XSS;
  naive.captured?.statements.push(`SELECT '${XSS}'`);
  return runs;
}
