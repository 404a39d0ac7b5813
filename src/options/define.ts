// What a table of options is, and everything derived from one: argv parsing, the --help lines, the config file's
// zod schema, what the config file fills in, and the values that make up a profile. The tables themselves are data
// (src/options/table.ts for `run`; the subcommands' own in src/cli/*-args.ts).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import type { Kind } from './kinds.ts';

import { PROFILE_NAMES, type ProfileName } from '../core/scenario.ts';

export { PROFILE_NAMES, type ProfileName };

/** A default as written in a table: a list may be a constant (readonly) one. */
type Written<T> = T extends ReadonlyArray<infer E> ? readonly E[] : T;

/** One option: where it is given, what it takes, what it is when not given, and its help. */
export interface Option<T> {
  /** The command-line flag, without its dashes; absent: the config file alone sets it. */
  readonly flag?: string;
  /** Its key in the config file; absent: the command line alone sets it. */
  readonly config?: string;
  readonly kind: Kind<T>;
  /** The value when it is not given, whatever the profile (null: absent, said so). */
  readonly default?: Written<T> | null;
  /**
   * The value when it is not given, per profile. An option with this field is part of the profile the runner reads
   * (src/runner/profiles.ts); a profile that has no entry leaves it unset unless it is given.
   */
  readonly profiles?: { readonly [P in ProfileName]?: Written<T> };
  /** --help: the text after the flag column; a line break where it must break (long lines are wrapped). */
  readonly help?: string;
}

/** Checks a row against its kind's value type and keeps its literal shape (which fields it has) for the types below. */
export const option = <T, const O extends Option<T>>(row: O & { readonly kind: Kind<T> }): O => row;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table holds options of every value type
export type Options = { readonly [key: string]: Option<any> };

type ValueOf<O> = O extends { kind: Kind<infer T> } ? T : never;

/** What parsing gives: an option with a default always has a value (or null); any other, when it was given. */
export type OptionValues<T extends Options> = {
  -readonly [K in keyof T]: T[K] extends { default: null }
    ? ValueOf<T[K]> | null
    : T[K] extends { default: unknown }
      ? ValueOf<T[K]>
      : ValueOf<T[K]> | undefined;
};

/** What the config file holds: the options with a config key, under that key, each optional. */
export type ConfigValues<T extends Options> = {
  -readonly [K in keyof T as T[K] extends { config: infer C extends string } ? C : never]?: ValueOf<T[K]>;
};

type InProfile<T extends Options> = { [K in keyof T]: T[K] extends { profiles: object } ? K : never }[keyof T];
type EveryProfile<O> = O extends { profiles: { readonly [P in ProfileName]: unknown } } ? true : false;

/** The options a profile holds: set in every profile, or unset unless given. */
export type ProfileValues<T extends Options> = {
  -readonly [K in InProfile<T> as EveryProfile<T[K]> extends true ? K : never]: ValueOf<T[K]>;
} & {
  -readonly [K in InProfile<T> as EveryProfile<T[K]> extends true ? never : K]?: ValueOf<T[K]>;
};

const entries = <T extends Options>(table: T): Array<[keyof T & string, Option<unknown>]> =>
  Object.entries(table) as Array<[keyof T & string, Option<unknown>]>;

/** Node's messages are long and span lines; the first sentence names the flag. */
function guard<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export interface Parsed<T extends Options> {
  values: OptionValues<T>;
  /** The options given on the command line (they win over the config file). */
  explicit: Array<keyof T & string>;
  positionals: string[];
}

/** Given text (or true, for a flag without a value) → the table's values, parsed, with the defaults filled in. */
function valuesOf<T extends Options>(table: T, given: Readonly<Record<string, string | true | Array<string | true>>>): OptionValues<T> {
  const values: Record<string, unknown> = {};
  for (const [key, o] of entries(table)) {
    const raw = given[key];
    const one = (v: string | true): unknown => (v === true ? true : o.kind.parse(v, `--${o.flag}`));
    // A default is copied: a list in the table must not be shared by every parse that did not give it.
    values[key] = raw === undefined ? structuredClone(o.default) : Array.isArray(raw) ? raw.flatMap((v) => one(v) as unknown[]) : one(raw);
  }
  return values as OptionValues<T>;
}

/** argv → the table's values (defaults filled in), or 'help' for --help/-h. Unknown flags are refused. */
export function parseOptions<T extends Options>(table: T, args: string[], opts: { positionals?: boolean } = {}): Parsed<T> | 'help' {
  const spec: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [, o] of entries(table))
    if (o.flag !== undefined)
      spec[o.flag] = { type: o.kind.boolean ? 'boolean' : 'string', ...(o.kind.multiple ? { multiple: true } : {}) };
  const { values: raw, positionals } = guard(() => parseArgs({ args, options: spec, strict: true, allowPositionals: !!opts.positionals }));
  if (raw.help) return 'help';
  const given: Record<string, string | true | Array<string | true>> = {};
  for (const [key, o] of entries(table)) {
    const v = o.flag === undefined ? undefined : (raw[o.flag] as string | true | Array<string | true> | undefined);
    if (v !== undefined) given[key] = v;
  }
  return { values: valuesOf(table, given), explicit: Object.keys(given) as Array<keyof T & string>, positionals };
}

/**
 * Takes the table's flags (`--name VALUE`, `--name=VALUE`, a boolean `--name`) out of args; the rest is left for
 * another parser (the subcommands that also take every run flag). `given` is the text taken; `values` parses it.
 */
export function takeOptions<T extends Options>(
  table: T,
  args: string[],
): { rest: string[]; given: Partial<Record<keyof T, string | true>>; values: () => OptionValues<T> } {
  const byFlag = new Map(entries(table).flatMap(([key, o]) => (o.flag === undefined ? [] : [[o.flag, [key, o] as const]])));
  const given: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    const found = m ? byFlag.get(m[1] as string) : undefined;
    if (!m || !found) {
      rest.push(a);
      continue;
    }
    const [key, o] = found;
    if (o.kind.boolean) given[key] = true;
    else if (m[2] !== undefined) given[key] = m[2];
    else {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new ConfigError(`--${o.flag} needs a value`);
      given[key] = v;
      i++;
    }
  }
  return { rest, given: given as Partial<Record<keyof T, string | true>>, values: () => valuesOf(table, given) };
}

const HELP_WIDTH = 118;
const FLAG_COLUMN = 27;

/** The table's flags as --help lines: `  --flag ARG` in a column of its own, then the help, wrapped. */
export function helpLines(table: Options): string[] {
  const indent = ' '.repeat(FLAG_COLUMN + 2);
  const lines: string[] = [];
  for (const [, o] of entries(table)) {
    if (o.flag === undefined || o.help === undefined) continue;
    const head = `--${o.flag}${o.kind.arg ? ` ${o.kind.arg}` : ''}`;
    let line = `  ${head.length < FLAG_COLUMN ? head.padEnd(FLAG_COLUMN) : `${head}   `}`;
    let fresh = true;
    for (const part of o.help.split('\n')) {
      for (const word of part.split(' ')) {
        if (!fresh && line.length + 1 + word.length > HELP_WIDTH) {
          lines.push(line);
          line = indent + word;
        } else line += (fresh ? '' : ' ') + word;
        fresh = false;
      }
      lines.push(line);
      line = indent;
      fresh = true;
    }
  }
  return lines;
}

/** The config file's schema for a table: its config keys and no other, each optional; the values come out parsed. */
export function configSchema<T extends Options>(table: T): z.ZodType<ConfigValues<T>> {
  const shape = Object.fromEntries(
    entries(table).flatMap(([, o]) => (o.config === undefined ? [] : [[o.config, o.kind.config.optional()]])),
  );
  return z.strictObject(shape) as unknown as z.ZodType<ConfigValues<T>>;
}

/** What the config file says fills in what the command line did not. */
export function applyConfigValues<T extends Options>(
  table: T,
  values: OptionValues<T>,
  config: ConfigValues<T>,
  explicit: ReadonlySet<string>,
): OptionValues<T> {
  const out: Record<string, unknown> = { ...values };
  for (const [key, o] of entries(table)) {
    const v = o.config === undefined ? undefined : (config as Record<string, unknown>)[o.config];
    if (v !== undefined && !explicit.has(key)) out[key] = v;
  }
  return out as OptionValues<T>;
}

/** A profile's values from the table. */
export function profileDefaults<T extends Options>(table: T, profile: ProfileName): ProfileValues<T> {
  return Object.fromEntries(
    entries(table).flatMap(([key, o]) => (o.profiles?.[profile] === undefined ? [] : [[key, o.profiles[profile]]])),
  ) as ProfileValues<T>;
}

/** The profile's options that were given (on the command line or in the config file): they replace the profile's. */
export function givenProfileValues<T extends Options>(table: T, values: OptionValues<T>): Partial<ProfileValues<T>> {
  const given = values as Record<string, unknown>;
  return Object.fromEntries(
    entries(table).flatMap(([key, o]) => (o.profiles === undefined || given[key] === undefined ? [] : [[key, given[key]]])),
  ) as Partial<ProfileValues<T>>;
}
