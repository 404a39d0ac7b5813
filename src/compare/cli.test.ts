// `accessbench compare` as CI runs it, through the package's bin: exit 0 without a regression, 1 with one (after
// printing), 2 on bad input — one line on stderr each time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseFixture, headFixture } from '../testing/compare-fixtures.ts';

const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
let dir = '';
const file = (name: string): string => join(dir, name);
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [BIN, 'compare', ...args], { encoding: 'utf8', cwd: dir, timeout: 60_000, env: { ...process.env, ...env } });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ab-compare-'));
  const base = baseFixture();
  writeFileSync(file('base.json'), JSON.stringify(base));
  writeFileSync(file('same.json'), JSON.stringify(base));
  writeFileSync(file('slow.json'), JSON.stringify(headFixture(0.8)));
  writeFileSync(file('other-seed.json'), JSON.stringify(headFixture(1, { dataset: { ...base.dataset, seed: 7 } })));
  writeFileSync(file('broken.json'), '{"schemaVersion": 1, "runId"');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('accessbench compare', () => {
  it('a file compared with itself: no significant change, exit 0', () => {
    const r = run([file('base.json'), file('same.json')]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^No significant change — head 3f9c2ab vs base 3f9c2ab/);
    assert.doesNotMatch(r.stdout, /^!/m);
  });

  it('a 20 % slower head: the table is printed, then one line on stderr, exit 1', () => {
    // The fixture's trials are synthetic: --process-spread 0 judges them on their own spread, so every level's 20 %
    // counts. With the default spread the noisy prisma-naive levels no longer do, and the gate still fails on the rest.
    const byDefault = run([file('base.json'), file('slow.json')]);
    assert.equal(byDefault.status, 1, byDefault.stderr);
    assert.match(byDefault.stdout, /^! pg-join\s+16/m);
    const r = run([file('base.json'), file('slow.json'), '--process-spread', '0']);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /^9 regressions beyond 10 %/);
    assert.match(r.stdout, /^! pg-join\s+16/m);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(
      lines[0] as string,
      /^accessbench: 9 regressions beyond 10 %: post-detail\/pg-join at 16 connections \(req\/s -20\.0 %, p99 \+25\.0 %\)/,
    );
  });

  it('the same slowdown within --threshold 30% exits 0', () => {
    const r = run([file('base.json'), file('slow.json'), '--threshold', '30%']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^No regression beyond 30 %/);
  });

  it('refuses files of different data (exit 2, one line) and compares them with --force', () => {
    const r = run([file('base.json'), file('other-seed.json')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^accessbench: base and head are not comparable: different dataset seed \(base 1, head 7\) \(pass --force/);
    const forced = run([file('base.json'), file('other-seed.json'), '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.match(forced.stdout, /^FORCED: different dataset seed/m);
  });

  it('writes markdown, bmf and the two github-action-benchmark files with --out', () => {
    const md = run([file('base.json'), file('slow.json'), '--format', 'md', '--out', file('out/summary.md'), '--process-spread', '0']);
    assert.equal(md.status, 1, 'the exit code does not depend on the format');
    assert.match(readFileSync(file('out/summary.md'), 'utf8'), /^## accessbench: 9 regressions beyond 10 %/);
    const gab = run([file('base.json'), file('same.json'), '--format', 'github-action-benchmark', '--out', file('gab.json')]);
    assert.equal(gab.status, 0, gab.stderr);
    for (const f of ['gab.bigger-is-better.json', 'gab.smaller-is-better.json'])
      assert.ok(Array.isArray(JSON.parse(readFileSync(file(f), 'utf8'))), f);
    assert.ok(!existsSync(file('gab.json')));
    const bmf = run([file('base.json'), file('same.json'), '--format', 'bmf']);
    assert.equal(bmf.status, 0, bmf.stderr);
    assert.ok(JSON.parse(bmf.stdout)['post-detail/pg-join (16 connections)'].throughput.value > 0);
  });

  const bad: Array<[string[], RegExp]> = [
    [['base.json'], /compare takes two result files, base then head \(got 1\)/],
    [['base.json', 'same.json', '--format', 'xml'], /--format: "xml" is not one of table, md, json, github-action-benchmark, bmf/],
    [['base.json', 'same.json', '--threshold', 'ten'], /--threshold: "ten" is not a threshold/],
    [['base.json', 'same.json', '--format', 'github-action-benchmark'], /writes two files .* pass --out FILE/],
    [['base.json', 'missing.json'], /missing\.json: cannot read: ENOENT/],
    [['base.json', 'broken.json'], /broken\.json: not valid JSON/],
  ];
  for (const [args, message] of bad) {
    it(`${args.join(' ')} → exit 2, one line`, () => {
      const r = run(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
    });
  }
});
