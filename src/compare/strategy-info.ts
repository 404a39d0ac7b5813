// What a result records about a strategy besides its figures, for results that `ab` assembles itself.
import { DEFAULT_SETTINGS, type Settings } from '../core/context.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import type { LoadLevel } from '../results/schema.ts';

export function parityOf(s: Strategy, settings: Partial<Settings> | undefined): Record<string, string | number | boolean> {
  // Mirrors the runner's (unexported) parityOf: the settings every result records for a strategy.
  const st = { ...DEFAULT_SETTINGS, ...settings };
  const cache = s.technique === 'cached' ? { cacheTtlSeconds: st.cacheTtlSeconds, memoryCacheEntries: st.memoryCacheEntries } : {};
  const merged: Record<string, string | number | boolean | undefined> = {
    pool: st.poolSize,
    statementTimeoutMs: st.statementTimeoutMs,
    ...cache,
    ...s.parity,
  };
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, string | number | boolean] => e[1] !== undefined));
}

/** The fields every StrategyResult carries, whatever its status. */
export const describeStrategy = (
  scenario: Scenario,
  s: Strategy,
  source: { path: string; text: string },
  settings: Partial<Settings> | undefined,
) => ({
  scenario: scenario.name,
  strategy: s.name,
  technique: s.technique,
  client: s.client,
  needs: [...s.needs],
  parity: parityOf(s, settings),
  source,
});

/**
 * A base commit's server may not report a counter this harness has learned to read since: its per-request figure
 * comes out NaN. Such figures are recorded as 0 — what the result schema assumes when it reads a file older than
 * the field — and the fields are returned so the run can say so.
 */
export function zeroUnreported(levels: LoadLevel[]): string[] {
  const fields = new Set<string>();
  for (const l of levels) {
    for (const t of l.trials) {
      const s = t.server as Record<string, number | null> | null;
      if (!s) continue;
      for (const [k, v] of Object.entries(s)) {
        if (typeof v === 'number' && Number.isNaN(v)) {
          s[k] = 0;
          fields.add(k);
        }
      }
    }
  }
  return [...fields];
}
