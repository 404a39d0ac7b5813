// Counters a base commit's server does not report, in the figures `ab` records for it.
import type { LoadLevel } from '../results/schema.ts';

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
