// `npm run bench:ci` as GitHub Actions runs it: given a baseline, the quick profile's result is compared with it,
// the markdown is appended to $GITHUB_STEP_SUMMARY, and a regression exits 1 after everything was written.
// And the ab/ci argument parsing, which CI scripts depend on.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand } from '../cli/args.ts';
import { ConfigError } from '../core/errors.ts';
import { localProvider } from '../infra/local/index.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { PROFILES } from '../runner/profiles.ts';
import { Result } from '../results/schema.ts';
import { runBenchmark } from '../runner/run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const missing = await missingPostgres();
const TIMING = ['--warmup', '0.3s', '--duration', '0.7s', '--connections', '4'];

describe('ab and ci arguments', () => {
  it('ab takes --base, --threshold and --markdown, and every run flag', () => {
    const c = parseCommand([
      'ab',
      '--base=HEAD~1',
      '--scenario',
      'post-detail',
      '--threshold',
      '5%',
      '--markdown',
      'out.md',
      '--trials',
      '5',
    ]);
    assert.equal(c.name, 'ab');
    if (c.name !== 'ab') return;
    assert.deepEqual([c.baseRef, c.threshold, c.markdown, c.run.scenarios, c.run.trials], ['HEAD~1', 0.05, 'out.md', ['post-detail'], 5]);
    assert.equal(c.run.profile, 'default', 'ab uses the profile it is given (default when none)');
  });

  it('ci runs the quick profile unless told otherwise', () => {
    const c = parseCommand(['ci', '--baseline', 'base.json']);
    assert.equal(c.name === 'ci' && c.run.profile, 'quick');
    assert.equal(c.name === 'ci' && c.baseline, 'base.json');
    const d = parseCommand(['ci', '--profile', 'default']);
    assert.equal(d.name === 'ci' && d.run.profile, 'default');
  });

  for (const [argv, message] of [
    [['ab'], /ab needs --base <git-ref>/],
    [['ab', '--base'], /--base needs a value/],
    [['ab', '--base', 'main', '--threshold', '10'], /--threshold: "10" is ambiguous/],
    [['ci', '--profile', 'fast'], /--profile: "fast" is not one of/],
    [['ci', '--bogus'], /bogus/],
  ] as Array<[string[], RegExp]>) {
    it(`${argv.join(' ')} → ConfigError`, () => {
      assert.throws(
        () => parseCommand(argv),
        (e: Error) => e instanceof ConfigError && message.test(e.message),
      );
    });
  }
});

describe('npm run bench:ci with a baseline', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ab-ci-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('compares with the baseline, appends the markdown to $GITHUB_STEP_SUMMARY, exits 1 on a regression', async (t) => {
    if (skipIfMissing(t, missing)) return;
    // The baseline: what main measured, made in-process with the same profile, preset and seed as the ci run below.
    const profile = { ...PROFILES.quick, warmupSec: 0.3, trialSec: 0.7, connections: [4], micro: 'off' as const };
    const baseline = await runBenchmark({
      selection: [{ scenario: 'post-detail', strategies: ['pg-join'] }],
      profile,
      seed: 42,
      provider: localProvider(),
    });
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify(baseline));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step output\n');
    // A head made 20 ms slower per request by a calibration cost in its config file: a regression to catch.
    const config = join(dir, 'slowed.config.json');
    writeFileSync(config, JSON.stringify({ settings: { calibration: { 'pg-join': { waitMs: 20 } } } }));
    const r = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'bench:ci',
        '--',
        '--scenario',
        'post-detail',
        '--strategy',
        'pg-join',
        // The baseline ran on the local provider; a CI engine would make auto pick docker for the head.
        '--infra',
        'local',
        ...TIMING,
        '--out',
        join(dir, 'results'),
        '--report',
        join(dir, 'r.html'),
        '--config',
        config,
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          ACCESSBENCH_BASELINE: join(dir, 'baseline.json'),
          GITHUB_STEP_SUMMARY: summary,
        },
      },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^accessbench: 1 regression beyond 10 %: post-detail\/pg-join at 4 connections/m);
    const written = readdirSync(join(dir, 'results')).filter((f) => f.endsWith('.json'));
    assert.equal(written.length, 1, 'the result file is written despite the regression');
    // The quick profile measures how steady the processors are before the first scenario, logs it and records it.
    const head = Result.parse(JSON.parse(readFileSync(join(dir, 'results', written[0] as string), 'utf8')));
    const steadiness = head.machine.cpuSteadiness;
    // Five trials' length before the scenario, two windows after it, pooled.
    assert.ok(
      steadiness && steadiness.windowSec === 0.7 && steadiness.sec === 3.5 + 1.4 && steadiness.moments === 2,
      JSON.stringify(head.machine),
    );
    assert.ok(steadiness.windows >= steadiness.cores * 3, JSON.stringify(steadiness));
    assert.match(r.stderr, /^machine: CPU speed over 0\.7 s windows of fixed work varied by \d+\.\d %/m);
    const md = readFileSync(summary, 'utf8');
    assert.ok(md.startsWith('earlier step output\n## accessbench: 1 regression beyond 10 %\n'), md.slice(0, 200));
    assert.match(md, /\| `pg-join` \| 4 \| .*\*\*req\/s slower \(regression\)/);
    assert.match(r.stdout, /^! pg-join\s+4 /m);
  });
});
