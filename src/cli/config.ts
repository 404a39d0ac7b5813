// The optional config file: `accessbench.config.ts` (a default-exported object) or `accessbench.config.json` in the
// working directory, or the file named by `--config`. Validated with zod; every problem is reported at once, in one
// line. Flags given on the command line win over the file.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { SETTINGS } from '../core/context.ts';
import { ConfigError } from '../core/errors.ts';
import { PRESET_NAMES } from '../../datasets/presets.ts';
import { parseDuration, parseRatio, type RunFlags } from './args.ts';

const setting = (s: { min: number; max?: number }) => {
  const n = z.number().int().min(s.min);
  return (s.max === undefined ? n : n.max(s.max)).optional();
};

const duration = z.union([z.number().positive(), z.string()]);

export const ConfigFile = z.strictObject({
  scenarios: z.array(z.string()).optional(),
  strategies: z.array(z.string()).optional(),
  profile: z.enum(['quick', 'default', 'full']).optional(),
  preset: z.enum(PRESET_NAMES as [string, ...string[]]).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** Trial length: seconds, or a duration string such as "5s". */
  duration: duration.optional(),
  warmup: duration.optional(),
  trials: z.number().int().min(1).max(100).optional(),
  connections: z.array(z.number().int().min(1).max(1024)).min(1).optional(),
  writeRatio: z.union([z.number().min(0).max(1), z.string()]).optional(),
  infra: z.enum(['auto', 'local', 'docker', 'external']).optional(),
  /** Images for --infra docker, e.g. the local stand-ins built by scripts/container-engine.sh. */
  images: z
    .strictObject({ postgres: z.string().min(1), redis: z.string().min(1), mongo: z.string().min(1) })
    .partial()
    .optional(),
  out: z.string().optional(),
  report: z.string().optional(),
  /** Settings every strategy server gets (recorded in each result's parity manifest): the rows of SETTINGS. */
  settings: z
    .strictObject({
      ...(Object.fromEntries(Object.entries(SETTINGS).map(([key, s]) => [key, setting(s)])) as Record<
        keyof typeof SETTINGS,
        ReturnType<typeof setting>
      >),
      /** Calibration: a known extra cost per request for the named strategies (recorded in the parity manifest). */
      calibration: z
        .record(
          z.string(),
          z.strictObject({ cpuMicros: z.number().min(0).max(1_000_000).optional(), waitMs: z.number().min(0).max(10_000).optional() }),
        )
        .optional(),
    })
    .optional(),
});
export type ConfigFile = z.infer<typeof ConfigFile>;

export const DEFAULT_CONFIG_FILES = ['accessbench.config.ts', 'accessbench.config.json'];

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/** Parses and validates; throws one ConfigError naming the file and listing every problem. */
export function validateConfig(raw: unknown, file: string): ConfigFile {
  const r = ConfigFile.safeParse(raw);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${oneLine(i.message)}`);
    throw new ConfigError(`${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`);
  }
  const c = r.data;
  // Durations and ratios as strings are checked with the flags' own parsers, so the rules are the same.
  const errors: string[] = [];
  const attempt = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      errors.push((e as Error).message.replace(/^--/, ''));
    }
  };
  if (typeof c.duration === 'string') attempt(() => parseDuration(c.duration as string, 'duration'));
  if (typeof c.warmup === 'string') attempt(() => parseDuration(c.warmup as string, 'warmup'));
  if (typeof c.writeRatio === 'string') attempt(() => parseRatio(c.writeRatio as string, 'writeRatio'));
  if (errors.length > 0) throw new ConfigError(`${file}: ${errors.length} problem${errors.length > 1 ? 's' : ''}: ${errors.join('; ')}`);
  return c;
}

export async function loadConfig(explicit: string | undefined, cwd = process.cwd()): Promise<{ file: string; config: ConfigFile } | null> {
  const file = explicit ? resolve(cwd, explicit) : DEFAULT_CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return null;
  if (!existsSync(file)) throw new ConfigError(`--config: ${explicit} does not exist`);
  let raw: unknown;
  try {
    raw = file.endsWith('.json')
      ? JSON.parse(readFileSync(file, 'utf8'))
      : ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (e) {
    throw new ConfigError(`${file}: cannot be read: ${oneLine((e as Error).message)}`);
  }
  return { file, config: validateConfig(raw, file) };
}

/** Flags typed on the command line win; the file fills in the rest. */
export function applyConfig(flags: RunFlags, c: ConfigFile, explicit: ReadonlySet<string>): RunFlags {
  const unless = <T>(flag: string, v: T | undefined, current: T): T => (v !== undefined && !explicit.has(flag) ? v : current);
  const seconds = (v: string | number | undefined, flag: string): number | undefined =>
    v === undefined ? undefined : typeof v === 'number' ? v : parseDuration(v, flag);
  return {
    ...flags,
    scenarios: unless('scenario', c.scenarios, flags.scenarios),
    strategies: unless('strategy', c.strategies, flags.strategies),
    profile: unless('profile', c.profile, flags.profile),
    preset: unless('preset', c.preset, flags.preset),
    seed: unless('seed', c.seed, flags.seed),
    durationSec: unless('duration', seconds(c.duration, 'duration'), flags.durationSec),
    warmupSec: unless('warmup', seconds(c.warmup, 'warmup'), flags.warmupSec),
    trials: unless('trials', c.trials, flags.trials),
    connections: unless('connections', c.connections, flags.connections),
    writeRatio: unless(
      'write-ratio',
      typeof c.writeRatio === 'string' ? parseRatio(c.writeRatio, 'writeRatio') : c.writeRatio,
      flags.writeRatio,
    ),
    infra: unless('infra', c.infra, flags.infra),
    images: c.images ?? flags.images,
    out: unless('out', c.out, flags.out),
    report: unless('report', c.report, flags.report),
  };
}
