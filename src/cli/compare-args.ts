// argv → typed commands for `compare`, `ab` and `ci`, as pure functions like the rest of the CLI's parsing.
// `ab` and `ci` take every `run` flag: those are handed to the run parser (passed in, so this module does not import
// args.ts and the two can be read apart), after this module has taken out its own flags.
import { parseArgs } from 'node:util';
import { ConfigError } from '../core/errors.ts';
import { COMPARE_FORMATS, type CompareFormat } from '../compare/render.ts';
import { DEFAULT_THRESHOLD, parseThreshold } from '../compare/threshold.ts';
import type { RunFlags } from './args.ts';

export interface CompareCommand {
  name: 'compare';
  base: string;
  head: string;
  threshold: number;
  /** Queries per request that grew are shown but do not fail (exit 0). */
  allowQueryGrowth: boolean;
  format: CompareFormat;
  force: boolean;
  out: string | null;
}

export interface AbCommand {
  name: 'ab';
  baseRef: string;
  run: RunFlags;
  threshold: number;
  allowQueryGrowth: boolean;
  /** Where the comparison's markdown goes (e.g. for a PR comment); the table is always printed. */
  markdown: string | null;
}

export interface CiCommand {
  name: 'ci';
  run: RunFlags;
  /** A result file to compare against (else ACCESSBENCH_BASELINE, read by the command). */
  baseline: string | null;
  threshold: number;
  allowQueryGrowth: boolean;
  /** Where the markdown goes (else $GITHUB_STEP_SUMMARY when set, else stdout). */
  markdown: string | null;
}

type Help = { name: 'help'; topic?: string };

function guard<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new ConfigError((e as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

export function parseCompare(args: string[]): CompareCommand | Help {
  const { values, positionals } = guard(() =>
    parseArgs({
      args,
      options: {
        threshold: { type: 'string' },
        'allow-query-growth': { type: 'boolean' },
        format: { type: 'string' },
        force: { type: 'boolean' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    }),
  );
  if (values.help) return { name: 'help', topic: 'compare' };
  if (positionals.length !== 2) throw new ConfigError(`compare takes two result files, base then head (got ${positionals.length})`);
  const format = values.format ?? 'table';
  if (!(COMPARE_FORMATS as readonly string[]).includes(format))
    throw new ConfigError(`--format: "${format}" is not one of ${COMPARE_FORMATS.join(', ')}`);
  if (format === 'github-action-benchmark' && !values.out) {
    throw new ConfigError(
      '--format github-action-benchmark writes two files (req/s: bigger is better, p99: smaller is better); pass --out FILE',
    );
  }
  return {
    name: 'compare',
    base: positionals[0] as string,
    head: positionals[1] as string,
    threshold: values.threshold === undefined ? DEFAULT_THRESHOLD : parseThreshold(values.threshold),
    allowQueryGrowth: !!values['allow-query-growth'],
    format: format as CompareFormat,
    force: !!values.force,
    out: values.out ?? null,
  };
}

/** Takes `--name VALUE` / `--name=VALUE` (or a boolean `--name`) out of args; the rest goes to the run parser. */
export function take(args: string[], own: Record<string, 'string' | 'boolean'>): { own: Record<string, string | true>; rest: string[] } {
  const found: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    const kind = m ? own[m[1] as string] : undefined;
    if (!m || !kind) {
      rest.push(a);
      continue;
    }
    const name = m[1] as string;
    if (kind === 'boolean') found[name] = true;
    else if (m[2] !== undefined) found[name] = m[2];
    else {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new ConfigError(`--${name} needs a value`);
      found[name] = v;
      i++;
    }
  }
  return { own: found, rest };
}

export const str = (v: string | true | undefined): string | null => (typeof v === 'string' ? v : null);

export type ParseRun = (args: string[]) => RunFlags | null;

export function parseAb(args: string[], parseRun: ParseRun): AbCommand | Help {
  const { own, rest } = take(args, { base: 'string', threshold: 'string', 'allow-query-growth': 'boolean', markdown: 'string' });
  const run = parseRun(rest);
  if (!run) return { name: 'help', topic: 'ab' };
  const baseRef = str(own.base);
  if (!baseRef) throw new ConfigError('ab needs --base <git-ref> (e.g. --base origin/main or --base HEAD~1)');
  return {
    name: 'ab',
    baseRef,
    run,
    threshold: own.threshold ? parseThreshold(str(own.threshold) ?? '') : DEFAULT_THRESHOLD,
    allowQueryGrowth: own['allow-query-growth'] === true,
    markdown: str(own.markdown),
  };
}

export function parseCi(args: string[], parseRun: ParseRun): CiCommand | Help {
  const { own, rest } = take(args, { baseline: 'string', threshold: 'string', 'allow-query-growth': 'boolean', markdown: 'string' });
  // CI runs the quick profile unless told otherwise; a later --profile in rest overrides this one.
  const run = parseRun(['--profile', 'quick', ...rest]);
  if (!run) return { name: 'help', topic: 'ci' };
  return {
    name: 'ci',
    run,
    baseline: str(own.baseline),
    threshold: own.threshold ? parseThreshold(str(own.threshold) ?? '') : DEFAULT_THRESHOLD,
    allowQueryGrowth: own['allow-query-growth'] === true,
    markdown: str(own.markdown),
  };
}
