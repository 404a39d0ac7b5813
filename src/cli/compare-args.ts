// argv → typed commands for `compare`, `ab` and `ci`, as pure functions like the rest of the CLI's parsing. Each
// command's own flags are a table of options (src/options/define.ts); `ab` and `ci` also take every run flag: their
// own are taken out first and the rest goes to the run options' parser.
import { ConfigError } from '../core/errors.ts';
import { COMPARE_FORMATS } from '../compare/render.ts';
import { DEFAULT_THRESHOLD, parseThreshold } from '../compare/threshold.ts';
import { option, parseOptions, takeOptions, type OptionValues } from '../options/define.ts';
import { choice, flag, parsed, text, whole } from '../options/kinds.ts';
import { parseRunFlags, type RunFlags } from '../options/table.ts';

type Help = { name: 'help'; topic?: string };

/** The regression threshold: "10%" or "0.1". */
export const threshold = option({
  flag: 'threshold',
  kind: parsed('10%', (raw, label) => parseThreshold(raw, label.replace(/^--/, '') || 'threshold')),
  default: DEFAULT_THRESHOLD,
});

/** σ of the log-ratio between two server processes of the same code, added to every timed interval. */
export const processSpread = option({
  flag: 'process-spread',
  kind: parsed('3%', (raw, label) => {
    const m = /^(\d+(?:\.\d+)?)\s*(%)?$/.exec(raw.trim());
    const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
    if (!(v >= 0 && v < 1) || (!m?.[2] && v >= 1))
      throw new ConfigError(`${label}: "${raw}" is not a spread such as 7% or 0.07 (from \`accessbench calibrate\`)`);
    return v;
  }),
  default: null,
});

/**
 * Server processes a side per strategy in `ab` and `calibrate` (src/ab/processes.ts): each process keeps a speed of
 * its own, so two a side halve what one odd process can do to a verdict and let the run measure the spread itself.
 */
export const processes = option({
  flag: 'processes',
  kind: whole(1, 8),
  default: 2,
});

/** Queries per request that grew are shown but do not fail (exit 0). */
const allowQueryGrowth = option({ flag: 'allow-query-growth', kind: flag(), default: false });

/** Where the comparison's markdown goes (e.g. for a PR comment). */
const markdown = option({ flag: 'markdown', kind: text('FILE'), default: null });

const COMPARE_OPTIONS = {
  threshold,
  processSpread,
  allowQueryGrowth,
  format: option({ flag: 'format', kind: choice(COMPARE_FORMATS), default: 'table' }),
  force: option({ flag: 'force', kind: flag(), default: false }),
  out: option({ flag: 'out', kind: text('FILE'), default: null }),
};

export type CompareCommand = { name: 'compare'; base: string; head: string } & OptionValues<typeof COMPARE_OPTIONS>;

const AB_OPTIONS = {
  /** The git ref measured as the base (required). */
  baseRef: option({ flag: 'base', kind: text('GIT-REF'), default: null }),
  threshold,
  processSpread,
  processes,
  allowQueryGrowth,
  /** The table is always printed; the markdown goes here when given. */
  markdown,
};

export type AbCommand = { name: 'ab'; run: RunFlags } & OptionValues<typeof AB_OPTIONS> & { baseRef: string };

const CI_OPTIONS = {
  /** A result file to compare against (else ACCESSBENCH_BASELINE, read by the command). */
  baseline: option({ flag: 'baseline', kind: text('FILE'), default: null }),
  threshold,
  processSpread,
  allowQueryGrowth,
  /** Else $GITHUB_STEP_SUMMARY when set, else stdout. */
  markdown,
};

export type CiCommand = { name: 'ci'; run: RunFlags } & OptionValues<typeof CI_OPTIONS>;

/** The subcommands' own flags, for --help and its test. */
export const SUBCOMMAND_OPTIONS = { compare: COMPARE_OPTIONS, ab: AB_OPTIONS, ci: CI_OPTIONS };

export function parseCompare(args: string[]): CompareCommand | Help {
  const p = parseOptions(COMPARE_OPTIONS, args, { positionals: true });
  if (p === 'help') return { name: 'help', topic: 'compare' };
  const [base, head, ...more] = p.positionals;
  if (base === undefined || head === undefined || more.length > 0)
    throw new ConfigError(`compare takes two result files, base then head (got ${p.positionals.length})`);
  if (p.values.format === 'github-action-benchmark' && !p.values.out) {
    throw new ConfigError(
      '--format github-action-benchmark writes two files (req/s: bigger is better, p99: smaller is better); pass --out FILE',
    );
  }
  return { name: 'compare', base, head, ...p.values };
}

export function parseAb(args: string[]): AbCommand | Help {
  const { rest, given, values } = takeOptions(AB_OPTIONS, args);
  const run = parseRunFlags(rest);
  if (!run) return { name: 'help', topic: 'ab' };
  if (!given.baseRef) throw new ConfigError('ab needs --base <git-ref> (e.g. --base origin/main or --base HEAD~1)');
  const own = values();
  return { name: 'ab', run, ...own, baseRef: own.baseRef as string };
}

export function parseCi(args: string[]): CiCommand | Help {
  const { rest, values } = takeOptions(CI_OPTIONS, args);
  // CI runs the quick profile unless told otherwise; a later --profile in rest overrides this one.
  const run = parseRunFlags(['--profile', 'quick', ...rest]);
  if (!run) return { name: 'help', topic: 'ci' };
  return { name: 'ci', run, ...values() };
}
