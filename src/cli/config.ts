// The optional config file: `accessbench.config.ts` (a default-exported object) or `accessbench.config.json` in the
// working directory, or the file named by `--config`. Validated with zod; every problem is reported at once, in one
// line. Flags given on the command line win over the file.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../core/errors.ts';
import { applyConfigValues, configSchema, type ConfigValues } from '../options/define.ts';
import { RUN_OPTIONS, type RunFlags } from '../options/table.ts';

/** Every run option with a config key (src/options/table.ts), and nothing else; text such as "5s" comes out parsed. */
export const ConfigFile = configSchema(RUN_OPTIONS);
export type ConfigFile = ConfigValues<typeof RUN_OPTIONS>;

export const DEFAULT_CONFIG_FILES = ['accessbench.config.ts', 'accessbench.config.json'];

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');

/** Parses and validates; throws one ConfigError naming the file and listing every problem. */
export function validateConfig(raw: unknown, file: string): ConfigFile {
  const r = ConfigFile.safeParse(raw);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${oneLine(i.message)}`);
  throw new ConfigError(`${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`);
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
  return { ...applyConfigValues(RUN_OPTIONS, flags, c, explicit), explicit: flags.explicit };
}
