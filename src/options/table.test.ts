// The option table is the one source of the run options: --help lists every row, the config file takes exactly the
// rows with a config key, the profiles are the rows' per-profile defaults, and a new row needs nothing else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS } from '../core/context.ts';
import { URL_SOURCES } from '../infra/external.ts';
import { HELP, OTHER_OPTIONS, parseCommand } from '../cli/args.ts';
import { CALIBRATE_OPTIONS } from '../cli/calibrate-args.ts';
import { SUBCOMMAND_OPTIONS } from '../cli/compare-args.ts';
import { applyConfig, validateConfig } from '../cli/config.ts';
import { GATE_ROUNDS, PROFILES, resolveGateProfile, resolveProfile } from '../runner/profiles.ts';
import {
  configSchema,
  helpLines,
  option,
  parseOptions,
  profileDefaults,
  PROFILE_NAMES,
  type Option,
  type Options,
  type ProfileName,
} from './define.ts';
import { whole } from './kinds.ts';
import { RUN_OPTIONS, type RunFlags } from './table.ts';

const rows = Object.entries(RUN_OPTIONS) as Array<[keyof typeof RUN_OPTIONS, Option<unknown>]>;

/** A valid value for a row, as the config file would hold it. */
function sample(key: string, o: Option<unknown>): unknown {
  const extra: Record<string, unknown> = {
    writeRatio: 0.2,
    writeRate: 200,
    writeTarget: 'hot',
    images: { postgres: 'localhost/pg:15' },
    settings: { poolSize: 20 },
  };
  return extra[key] ?? o.profiles?.full ?? o.profiles?.default ?? o.default ?? 'x';
}

function runFlags(args: string[]): RunFlags {
  const c = parseCommand(['run', ...args]);
  assert.equal(c.name, 'run');
  return (c as { flags: RunFlags }).flags;
}

describe('the run option table', () => {
  it('every row with a flag is in --help, with its value placeholder and the start of its help text', () => {
    for (const [key, o] of rows) {
      if (o.flag === undefined) continue;
      assert.ok(o.help, `${key} has help text`);
      const head = `  --${o.flag}${o.kind.arg ? ` ${o.kind.arg}` : ''} `;
      const line = HELP.split('\n').find((l) => l.startsWith(head));
      assert.ok(line, `--help lists ${head.trim()}`);
      assert.ok(line.includes(o.help.split(/\s+/).slice(0, 3).join(' ')), `${key}: ${line}`);
    }
    assert.deepEqual(HELP.split('run options:\n')[1]?.split('\n\nExit codes')[0]?.split('\n'), helpLines(RUN_OPTIONS));
  });

  it('the config file takes exactly the rows with a config key, and fills in what the command line did not give', () => {
    const withKey = rows.filter(([, o]) => o.config !== undefined);
    assert.ok(withKey.length >= 10);
    const flags = runFlags([]);
    for (const [key, o] of withKey) {
      const value = sample(key, o);
      const c = validateConfig({ [o.config as string]: value }, 'c.json');
      const applied = applyConfig(flags, c, new Set());
      assert.deepEqual(applied[key], value, `${o.config} → ${key}`);
      assert.deepEqual(applyConfig(flags, c, new Set([key]))[key], flags[key], `--${o.flag ?? key} given wins over ${o.config}`);
    }
    for (const [key, o] of rows.filter(([, o]) => o.config === undefined))
      assert.throws(() => validateConfig({ [key]: sample(key, o) }, 'c.json'), /Unrecognized key/, `${key} is not a config key`);
    assert.throws(() => validateConfig({ durationSec: 5 }, 'c.json'), /Unrecognized key: "durationSec"/);
  });

  it("the config file's text values obey the flags' parsers and messages", () => {
    const c = validateConfig({ duration: '1.5s', warmup: 2, writeRatio: '20%' }, 'c.json');
    assert.deepEqual(applyConfig(runFlags([]), c, new Set()).trialSec, 1.5);
    assert.throws(
      () => validateConfig({ duration: '0s', writeRatio: '2' }, 'c.json'),
      (e: Error) => {
        assert.match(e.message, /duration: "0s" must be more than 0 and at most 1h/);
        assert.match(e.message, /writeRatio: "2" is not a ratio between 0 and 1/);
        assert.match(runFlagsError(['--duration', '0s']), /^--duration: "0s" must be more than 0 and at most 1h$/);
        return true;
      },
    );
  });

  it("the strategy servers' settings: their defaults are accepted, out-of-range values refused", () => {
    const { calibration: _, ...defaults } = DEFAULT_SETTINGS;
    validateConfig({ settings: defaults }, 'c.json');
    assert.throws(() => validateConfig({ settings: { poolSize: 201 } }, 'c.json'), /settings\.poolSize/);
    assert.throws(() => validateConfig({ settings: { poolSize: 2.5 } }, 'c.json'), /settings\.poolSize/);
  });

  it('each profile is its per-profile defaults, and a given option replaces the profile’s', () => {
    for (const name of PROFILE_NAMES) {
      const profile = resolveProfile(runFlags(['--profile', name]));
      assert.deepEqual(profile, PROFILES[name]);
      for (const [key, o] of rows) {
        if (o.profiles === undefined) continue;
        assert.deepEqual(profile[key as keyof typeof profile], o.profiles[name], `${name}.${key}`);
      }
    }
    const p = resolveProfile(runFlags(['--profile', 'quick', '--duration', '2s', '--connections', '4,8', '--rate-target', '20ms']));
    assert.deepEqual([p.trialSec, p.connections, p.rate?.targetP99Ms, p.preset], [2, [4, 8], 20, 'tiny']);
    // The processors' steadiness probe: 0 turns it off; over 30 s is refused with the range.
    assert.deepEqual(
      ['0', '0s', '500ms', '30s'].map((v) => resolveProfile(runFlags(['--steadiness', v])).steadinessSec),
      [0, 0, 0.5, 30],
    );
    assert.throws(() => runFlags(['--steadiness', '31s']), /^ConfigError: --steadiness: "31s" is over the most, 30 s \(0 turns it off\)$/);
    // --trials alone fixes the count; with --max-trials it is the least of an adaptive range.
    assert.deepEqual(
      [resolveProfile(runFlags(['--trials', '3'])).maxTrials, resolveProfile(runFlags(['--trials', '3', '--max-trials', '5'])).maxTrials],
      [3, 5],
    );
    // ab and calibrate time the default profile with the gate's rounds, unless rounds or another profile are given.
    const gate = (args: string[]): [number, number] => {
      const g = resolveGateProfile(runFlags(args));
      return [g.trials, g.maxTrials];
    };
    assert.deepEqual(gate([]), [GATE_ROUNDS.trials, GATE_ROUNDS.maxTrials]);
    assert.deepEqual(gate(['--trials', '6']), [6, 6]);
    assert.deepEqual(gate(['--max-trials', '9']), [PROFILES.default.trials, 9]);
    assert.deepEqual(resolveGateProfile(runFlags(['--profile', 'quick'])), PROFILES.quick);
    assert.equal(resolveGateProfile(runFlags(['--duration', '2s'])).trialSec, 2, 'other flags are the run’s');
    assert.deepEqual(
      [resolveGateProfile(runFlags([])).trialSec, resolveGateProfile(runFlags([])).budgetSec, resolveGateProfile(runFlags([])).warmup],
      [GATE_ROUNDS.trialSec, GATE_ROUNDS.budgetSec, GATE_ROUNDS.warmup],
      "the gate's trials, budget and warmup",
    );
    assert.equal(resolveGateProfile(runFlags(['--trials', '6'])).budgetSec, PROFILES.default.budgetSec, 'rounds given: the run’s budget');
    // --help states the profiles' trial ranges: they are the table's.
    const range = (a: number, b: number): string => (a === b ? `${a}` : `${a}–${b}`);
    const ranges = PROFILE_NAMES.map((n) => `${n} ${range(PROFILES[n].trials, PROFILES[n].maxTrials)}`).join(', ');
    assert.ok(HELP.replace(/\s+/g, ' ').includes(`(profiles: ${ranges})`), ranges);
  });

  it("URL flags are spelled as the external provider names them; ab, ci and calibrate's own flags shadow no run flag", () => {
    for (const need of ['postgres', 'replica', 'redis', 'mongo'] as const)
      assert.equal(RUN_OPTIONS[`${need}Url`].flag, URL_SOURCES[need].flag);
    const runFlagNames = new Set(rows.map(([, o]) => o.flag));
    for (const [name, table] of Object.entries({ ab: SUBCOMMAND_OPTIONS.ab, ci: SUBCOMMAND_OPTIONS.ci, calibrate: CALIBRATE_OPTIONS }))
      for (const o of Object.values(table) as Array<Option<unknown>>) assert.ok(!runFlagNames.has(o.flag), `${name} --${o.flag}`);
  });

  it("every command's own flags are in --help", () => {
    const tables: Record<string, Options> = { ...SUBCOMMAND_OPTIONS, calibrate: CALIBRATE_OPTIONS, ...OTHER_OPTIONS };
    const usage = HELP.split('run options:')[0] as string;
    for (const [name, table] of Object.entries(tables))
      for (const o of Object.values(table))
        assert.ok(usage.includes(`--${o.flag}`) || HELP.includes(`  --${o.flag} `), `${name} --${o.flag}`);
  });
});

describe('a new row', () => {
  it('is parsed, listed in --help, taken by the config file and resolved per profile, with nothing else written', () => {
    const TABLE = {
      widgets: option({
        flag: 'widgets',
        config: 'widgetCount',
        kind: whole(1, 9),
        profiles: { quick: 1, default: 2, full: 3 },
        help: 'widgets per request',
      }),
    };
    const parsed = parseOptions(TABLE, ['--widgets', '4']);
    assert.ok(parsed !== 'help');
    assert.deepEqual([parsed.values.widgets, parsed.explicit], [4, ['widgets']]);
    assert.throws(() => parseOptions(TABLE, ['--widgets', '10']), /^ConfigError: --widgets: 10 is out of range \(1–9\)$/);
    assert.deepEqual(helpLines(TABLE), ['  --widgets N                widgets per request']);
    assert.deepEqual(configSchema(TABLE).parse({ widgetCount: 5 }), { widgetCount: 5 });
    assert.equal(configSchema(TABLE).safeParse({ widgets: 5 }).success, false);
    const byProfile = Object.fromEntries(PROFILE_NAMES.map((n: ProfileName) => [n, profileDefaults(TABLE, n).widgets]));
    assert.deepEqual(byProfile, { quick: 1, default: 2, full: 3 });
  });
});

function runFlagsError(args: string[]): string {
  try {
    runFlags(args);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}
