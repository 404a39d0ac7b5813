// The CLI as a user meets it: bad input is one line on stderr and exit 2, and nothing is written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Through the package's `bin` entry, as `npx accessbench` runs it, from an unrelated working directory.
const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const run = (args: string[], cwd?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, timeout: 60_000 });

describe('accessbench CLI input errors', () => {
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run', '--bogus'], /bogus/],
    [['run', '--profile', 'fast'], /--profile: "fast" is not one of quick, default, full/],
    [['run', '--duration', 'ten'], /--duration: "ten" is not a duration/],
    [['run', '--duration', '0s'], /--duration: "0s" must be more than 0/],
    [['run', '--connections', '8,x'], /--connections: "x" is not a whole number/],
    [['run', '--connections', '0'], /--connections: 0 is out of range/],
    [['run', '--trials', '-1'], /trials/],
    [['run', '--scenario', 'nope'], /unknown scenario "nope" \(valid: .*post-detail/],
    [['run', '--strategy', 'nope'], /unknown strategy "nope" .*\(valid: .*pg-join/],
    [['run', '--preset', 'huge'], /--preset: "huge" is not one of tiny, small, medium, large/],
    [['report', '/nonexistent/result.json'], /cannot read/],
    // Checked before anything starts: a bad output path must not cost the measured run at its end.
    [['run', '--strategy', 'pg-join', '--out', '/dev/null/results'], /--out: cannot write to \/dev\/null\/results \(ENOTDIR\)/],
    [['run', '--strategy', 'pg-join', '--report', '/dev/null/report/index.html'], /--report: cannot write to \/dev\/null\/report/],
  ];
  for (const [args, message] of cases) {
    it(`${args.join(' ')} → one line on stderr, exit 2, nothing written`, () => {
      const cwd = mkdtempSync(join(tmpdir(), 'ab-cli-'));
      try {
        const r = run(args, cwd);
        assert.equal(r.status, 2, `exit code (stderr: ${r.stderr})`);
        const lines = r.stderr.trim().split('\n');
        assert.equal(lines.length, 1, `one line: ${r.stderr}`);
        assert.match(lines[0] as string, message);
        assert.match(lines[0] as string, /^accessbench: /);
        assert.deepEqual(readdirSync(cwd), [], 'nothing written');
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  }

  it('--help prints usage and exits 0', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage:/);
    assert.match(r.stdout, /accessbench run/);
  });

  it('list shows every scenario with its strategies', () => {
    const r = run(['list', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const list = JSON.parse(r.stdout) as Array<{ scenario: string; strategies: Array<{ name: string }> }>;
    const pd = list.find((s) => s.scenario === 'post-detail');
    assert.ok(pd);
    for (const s of ['pg-join', 'prisma-naive', 'prisma-include'])
      assert.ok(
        pd.strategies.some((x) => x.name === s),
        s,
      );
  });
});
