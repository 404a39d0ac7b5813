// The kinds of value an option takes. A kind reads the command line's text (`parse`) and says how the config file
// holds the value (`config`, a zod schema); where the file may hold text too ("5s", "10%"), that text is read with the
// same `parse`, so a flag and a config key obey one rule and give one message. Every problem is a ConfigError of one
// line that starts with the label it was given (`--duration`; empty for the config file, where zod adds the key).
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';

export interface Kind<T> {
  /** What --help shows after the flag: "N", "5s", "quick|default|full"; absent for a flag without a value. */
  readonly arg?: string;
  /** A flag without a value (--json): present means true. */
  readonly boolean?: boolean;
  /** The flag may be repeated; each occurrence is parsed and the lists are joined (--scenario a,b --scenario c). */
  readonly multiple?: boolean;
  /** Command-line text → the value, or a ConfigError `label: problem`. */
  parse(raw: string, label: string): T;
  /** The value as the config file holds it. */
  readonly config: z.ZodType<T>;
}

const at = (label: string, problem: string): string => (label ? `${label}: ${problem}` : problem);

/** Issues the flag's parser raises on text in the config file become zod issues at its key. */
function readText<T>(raw: string, ctx: z.RefinementCtx, parse: (raw: string, label: string) => T): T {
  try {
    return parse(raw, '');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message.replace(/^: /, '') });
    return z.NEVER;
  }
}

/** Text in the config file, read with the flag's parser. */
const textIn = <T>(parse: (raw: string, label: string) => T): z.ZodType<T> =>
  z.string().transform((raw, ctx) => readText(raw, ctx, parse)) as unknown as z.ZodType<T>;

/** A number in the config file (checked by `number`), or the flag's text. */
const numberOrText = (number: z.ZodNumber, parse: (raw: string, label: string) => number): z.ZodType<number> =>
  z
    .union([number, z.string()])
    .transform((v, ctx) => (typeof v === 'number' ? v : readText(v, ctx, parse))) as unknown as z.ZodType<number>;

/** Any text (a path, a name). */
export const text = (arg: string): Kind<string> => ({ arg, parse: (raw) => raw, config: z.string() });

/** A flag without a value. */
export const flag = (): Kind<boolean> => ({ boolean: true, parse: () => true, config: z.boolean() });

/** Names, comma-separated and repeatable; blanks dropped. The config file holds an array. */
export const names = (arg = 'NAME[,NAME]'): Kind<string[]> => ({
  arg,
  multiple: true,
  parse: (raw) =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  config: z.array(z.string()),
});

/** One of a fixed set of words. */
export function choice<const T extends string>(values: readonly T[]): Kind<T> {
  return {
    arg: values.join('|'),
    parse: (raw, label) => {
      if (!(values as readonly string[]).includes(raw)) throw new ConfigError(at(label, `"${raw}" is not one of ${values.join(', ')}`));
      return raw as T;
    },
    config: z.enum(values as [T, ...T[]]) as unknown as z.ZodType<T>,
  };
}

function wholeNumber(raw: string, label: string, min: number, max: number): number {
  const p = raw.trim();
  if (!/^\d+$/.test(p)) throw new ConfigError(at(label, `"${p}" is not a whole number`));
  const n = Number(p);
  if (n < min || n > max) throw new ConfigError(at(label, `${n} is out of range (${min}–${max})`));
  return n;
}

/** A whole number within [min, max]. */
export const whole = (min: number, max: number, arg = 'N'): Kind<number> => ({
  arg,
  parse: (raw, label) => wholeNumber(raw, label, min, max),
  config: z.number().int().min(min).max(max),
});

/** Whole numbers within [min, max], comma-separated; at least one. */
export const wholeList = (min: number, max: number, arg: string): Kind<number[]> => ({
  arg,
  parse: (raw, label) => raw.split(',').map((p) => wholeNumber(p, label, min, max)),
  config: z.array(z.number().int().min(min).max(max)).min(1),
});

/** "5s", "500ms", "1m", "2.5" (seconds) → seconds, more than 0 and at most an hour. */
export function parseSeconds(raw: string, label: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m) throw new ConfigError(at(label, `"${raw}" is not a duration (examples: 5s, 500ms, 1m)`));
  const n = Number(m[1]);
  const sec = m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
  if (!(sec > 0) || sec > 3600) throw new ConfigError(at(label, `"${raw}" must be more than 0 and at most 1h`));
  return sec;
}

/** A duration in seconds; the config file holds a number of seconds or the flag's text. */
export const seconds = (arg: string): Kind<number> => ({
  arg,
  parse: parseSeconds,
  config: numberOrText(z.number().positive().max(3600), parseSeconds),
});

/** A duration that may be 0 (off): "0", "2s", "500ms", up to `maxSec`. */
export function parseSecondsOrOff(raw: string, label: string, maxSec: number): number {
  if (/^0+(\.0+)?(ms|s|m)?$/.test(raw.trim())) return 0;
  const sec = parseSeconds(raw, label);
  if (sec > maxSec) throw new ConfigError(at(label, `"${raw}" is over the most, ${maxSec} s (0 turns it off)`));
  return sec;
}

/** A duration in seconds where 0 means off; the config file holds a number of seconds or the flag's text. */
export const secondsOrOff = (arg: string, maxSec: number): Kind<number> => {
  const parse = (raw: string, label: string): number => parseSecondsOrOff(raw, label, maxSec);
  return { arg, parse, config: numberOrText(z.number().min(0).max(maxSec), parse) };
};

/** "0.1" or "10%" → 0.1, within [0, 1]. */
export function parseRatio(raw: string, label: string): number {
  const m = /^(\d+(?:\.\d+)?)(%)?$/.exec(raw.trim());
  const n = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(n >= 0 && n <= 1)) throw new ConfigError(at(label, `"${raw}" is not a ratio between 0 and 1 (examples: 0.1, 10%)`));
  return n;
}

/** A share within [0, 1]; the config file holds a number or the flag's text. */
export const ratio = (arg: string): Kind<number> => ({
  arg,
  parse: parseRatio,
  config: numberOrText(z.number().min(0).max(1), parseRatio),
});

function parsePrecision(raw: string, label: string): number {
  const n = parseRatio(raw, label);
  if (!(n > 0)) throw new ConfigError(at(label, `"${raw}" must be more than 0 (examples: 3%, 0.05)`));
  return n;
}

/** A relative half-width: more than 0 and at most 100 % ("3%" or "0.03"). */
export const precision = (arg: string): Kind<number> => ({
  arg,
  parse: parsePrecision,
  config: numberOrText(z.number().positive().max(1), parsePrecision),
});

/** A kind read from text with `parse` on the command line and in the config file alike (URLs, thresholds). */
export const parsed = <T>(arg: string, parse: (raw: string, label: string) => T): Kind<T> => ({ arg, parse, config: textIn(parse) });

/** A value only the config file can hold (an object): no flag takes it. */
export const configOnly = <T>(config: z.ZodType<T>): Kind<T> => ({
  parse: () => {
    throw new Error('a config-only option has no flag');
  },
  config,
});
