// The regression threshold as the CLI takes it: "10%" or "0.1" both mean a worsening of more than ten percent.
// Parsed once at the edge; everything after works with the fraction.
import { ConfigError } from '../core/errors.ts';

export const DEFAULT_THRESHOLD = 0.1;

/**
 * "10%", "10 %", "2.5%" → a percentage; "0.1" → a fraction. A bare number ≥ 1 is refused rather than guessed: "10"
 * could mean 10 % or 1000 %, and a silently wrong threshold lets regressions through.
 */
export function parseThreshold(raw: string, flag = 'threshold'): number {
  const text = raw.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  const frac = /^(\d*\.?\d+)$/.exec(text);
  let value: number;
  if (pct) value = Number(pct[1]) / 100;
  else if (frac) {
    value = Number(frac[1]);
    if (value >= 1)
      throw new ConfigError(`--${flag}: "${raw}" is ambiguous; write a percentage ("${raw}%") or a fraction below 1 (0.1 = 10 %)`);
  } else throw new ConfigError(`--${flag}: "${raw}" is not a threshold (examples: 10%, 0.1)`);
  if (!(value >= 0 && value < 1)) throw new ConfigError(`--${flag}: "${raw}" must be at least 0 % and below 100 %`);
  return value;
}

/** 0.1 → "10 %", 0.025 → "2.5 %": how the threshold is shown back to the reader. */
export function formatThreshold(t: number): string {
  return `${Number((t * 100).toFixed(2))} %`;
}
