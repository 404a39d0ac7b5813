// argv → a typed command, as a pure function (testable, property-tested): every problem is a ConfigError with one
// line that names the flag. The run options are the table in src/options/table.ts; the other commands' own flags are
// small tables beside their parsers.
import { ConfigError } from '../core/errors.ts';
import { helpLines, option, parseOptions } from '../options/define.ts';
import { flag, text } from '../options/kinds.ts';
import { parseRunFlags, RUN_OPTIONS, type BackendUrls, type RunFlags } from '../options/table.ts';
import { parseCalibrate, type CalibrateCommand } from './calibrate-args.ts';
import { parseAb, parseCi, parseCompare, type AbCommand, type CiCommand, type CompareCommand } from './compare-args.ts';

export const COMMANDS = ['run', 'report', 'compare', 'ab', 'ci', 'calibrate', 'list', 'doctor', 'clean', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

export type Command =
  | { name: 'run'; flags: RunFlags }
  | { name: 'report'; files: string[]; out: string }
  | { name: 'list'; json: boolean }
  | CompareCommand
  | AbCommand
  | CiCommand
  | CalibrateCommand
  | { name: 'doctor'; json: boolean; urls: BackendUrls }
  | { name: 'clean'; all: boolean }
  | { name: 'help'; topic?: string };

const json = option({ flag: 'json', kind: flag(), default: false });
const { postgresUrl, replicaUrl, redisUrl, mongoUrl, pgbouncerUrl, memcachedUrl } = RUN_OPTIONS;

/** The own flags of the commands that take no run flags. */
export const OTHER_OPTIONS = {
  list: { json },
  clean: { all: option({ flag: 'all', kind: flag(), default: false }) },
  doctor: { json, postgresUrl, replicaUrl, redisUrl, mongoUrl, pgbouncerUrl, memcachedUrl },
  report: { out: option({ flag: 'out', kind: text('FILE'), default: 'report/index.html' }) },
};

/**
 * argv → a command. Messages echo what the user typed; a value holding a line break (a stray paste, `$'a\nb'`) is
 * shown escaped, so every error stays the one line the CLI prints.
 */
export function parseCommand(argv: string[]): Command {
  try {
    return parseArgv(argv);
  } catch (e) {
    if (e instanceof ConfigError && /[\r\n]/.test(e.message)) throw new ConfigError(e.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n'));
    throw e;
  }
}

function parseArgv(argv: string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { name: 'help', topic: rest[0] };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new ConfigError(`unknown command "${first}" (commands: ${COMMANDS.filter((c) => c !== 'help').join(', ')}; see --help)`);
  }
  const help = { name: 'help', topic: first } as const;
  switch (first) {
    case 'list': {
      const p = parseOptions(OTHER_OPTIONS.list, rest);
      return p === 'help' ? help : { name: 'list', json: p.values.json };
    }
    case 'clean': {
      const p = parseOptions(OTHER_OPTIONS.clean, rest);
      return p === 'help' ? help : { name: 'clean', all: p.values.all };
    }
    case 'doctor': {
      const p = parseOptions(OTHER_OPTIONS.doctor, rest);
      if (p === 'help') return help;
      const { json, ...urls } = p.values;
      return { name: 'doctor', json, urls };
    }
    case 'report': {
      const p = parseOptions(OTHER_OPTIONS.report, rest, { positionals: true });
      return p === 'help' ? help : { name: 'report', files: p.positionals, out: p.values.out };
    }
    case 'compare':
      return parseCompare(rest);
    case 'ab':
      return parseAb(rest);
    case 'ci':
      return parseCi(rest);
    case 'calibrate':
      return parseCalibrate(rest);
  }
  const flags = parseRunFlags(rest);
  return flags ? { name: 'run', flags } : help;
}

export const HELP = `accessbench — the same endpoint, several data-access strategies, verified identical and measured under load

Usage:
  accessbench run [options]        start databases, seed, verify, load, write results/*.json and report/index.html
  accessbench report [files...]    render report/index.html from result files (default: the newest in results/)
  accessbench list [--json]        scenarios and their strategies
  accessbench compare BASE.json HEAD.json [--threshold 10%] [--format table|md|json|github-action-benchmark|bmf]
                                   [--force] [--out FILE] [--allow-query-growth] [--process-spread 3%]   exact costs
                                   (queries, rows, bytes per request, statements issued) base → head; per strategy and
                                   load level req/s and p99 deltas with intervals that hold together at 95 % and carry
                                   the spread between two server processes of the same code, and a verdict; exit 1
                                   when queries per request grew (unless --allow-query-growth) or on a significant
                                   regression beyond the threshold
  accessbench ab --base GIT-REF [run options] [--threshold 10%] [--allow-query-growth] [--markdown FILE]
                 [--process-spread 3%] [--processes 2]
                                   base (a git worktree) and the working tree measured in ONE run, trials alternating
                                   (16–48 paired trials of 0.3 s a strategy on the default profile, shared out between
                                   --processes server processes a side), same databases and data; writes both result
                                   files, compares per-round ratios (all intervals hold together at 95 %; the spread
                                   between processes is measured where there are several), exit 1 on regression
  accessbench ci [run options] [--baseline FILE] [--threshold 10%] [--allow-query-growth] [--markdown FILE]
                 [--process-spread 3%]
                                   the quick profile for CI; with a baseline result (or ACCESSBENCH_BASELINE) also the
                                   comparison's markdown (to --markdown, else $GITHUB_STEP_SUMMARY, else stdout)
  accessbench calibrate [run options] [--runs 10] [--target NAME] [--effect 15%] [--threshold 10%] [--figures N]
                        [--process-spread 3%] [--processes 2]
                                   how far the gate can be trusted here: N A/A passes (each strategy against other
                                   server processes of itself) and N A/B passes (--target with a known added CPU cost),
                                   in the rounds of ab, each figure judged as ab judges N figures together (default:
                                   req/s and p99 of every strategy of the scenario);
                                   prints the false-regression rate, the detection rate, the smallest effect caught
                                   and the spread between two processes of the same code that it measured
                                   (default: post-detail pg-join, prisma-include, pg-naive)
  accessbench doctor [--json]      which databases are available here and why, which provider auto picks,
                                   which strategies would be skipped
  accessbench clean [--all]        stop servers and remove temp dirs a killed run left behind; --all also removes
                                   results/*.json, report/index.html, the cached PostgreSQL binaries and seeded databases
  accessbench --help

run options:
${helpLines(RUN_OPTIONS).join('\n')}

Exit codes: 0 ok, 1 regression or failed threshold, 2 bad input, 3 run failed, 130 interrupted.`;
