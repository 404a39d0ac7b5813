// `accessbench doctor` as a user runs it: what is available and why, what auto picks, what would be skipped —
// checked against the machine itself (PATH, the embedded binary) and against `accessbench list`, not against
// doctor's own code. Also the infra flags' input errors: one line, exit 2, no password echoed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { containerRuntime } from '../infra/docker/runtime.ts';
import type { DoctorReport } from './doctor.ts';

const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...env, ACCESSBENCH_POSTGRES_URL: '' } });
const onPath = (name: string, path = process.env.PATH): boolean =>
  spawnSync('sh', ['-c', `command -v ${name}`], { env: { PATH: path ?? '' } }).status === 0;

describe('accessbench doctor', () => {
  it('--json: each backend with the reason, the provider auto picks, and no skips when all is installed', async () => {
    const r = run(['doctor', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as DoctorReport;
    assert.deepEqual(
      report.backends.map((b) => b.need),
      ['postgres', 'replica', 'redis', 'mongo', 'pgbouncer', 'memcached'],
    );
    const rt = await containerRuntime(2000);
    assert.equal(report.containerRuntime.available, rt.available);
    if (!rt.available) {
      assert.equal(report.auto.provider, 'local');
      assert.match(report.auto.reason, /^auto: no container runtime \(.+\); using local binaries$/);
      for (const b of report.backends) assert.match(b.docker.detail, /^no container runtime/);
    }
    const pg = report.backends.find((b) => b.need === 'postgres');
    const bin = /\((\/[^)]+\/postgres)\)$/.exec(pg?.local.detail ?? '')?.[1] ?? '';
    const version = /\(PostgreSQL\) (\S+)/.exec(execFileSync(bin, ['--version']).toString())?.[1];
    assert.ok(pg?.local.detail.startsWith(`PostgreSQL ${version},`), pg?.local.detail);
    assert.equal(report.backends.find((b) => b.need === 'redis')?.local.available, onPath('redis-server'));
    const mongoLocal = onPath('mongod') || onPath('ferretdb');
    assert.equal(report.backends.find((b) => b.need === 'mongo')?.local.available, mongoLocal);
    // Debian's package puts pgbouncer in /usr/sbin, which the harness looks in whatever PATH says.
    const bouncer = report.backends.find((b) => b.need === 'pgbouncer')?.local;
    assert.equal(bouncer?.available, existsSync('/usr/sbin/pgbouncer') || onPath('pgbouncer'), bouncer?.detail);
    if (bouncer?.available)
      assert.match(bouncer.detail, /^PgBouncer \d+\.\d+\.\d+ \(.+\), transaction mode in front of the embedded primary$/);
    const memcached = report.backends.find((b) => b.need === 'memcached')?.local;
    assert.equal(memcached?.available, onPath('memcached'));
    if (memcached?.available) assert.match(memcached.detail, /^Memcached \d+\.\d+\.\d+ \(\/.+\/memcached\)$/);
    if (onPath('redis-server') && onPath('memcached') && mongoLocal && report.auto.provider === 'local')
      assert.deepEqual(report.skipped, []);
    assert.equal(report.pgbench.available, onPath('pgbench'), report.pgbench.detail);
    // How steady the processors are, over windows of the default profile's trial length, every core at once.
    const s = report.cpuSteadiness;
    assert.ok(s && s.windowSec === 0.3 && s.cores === cpus().length && s.windows >= s.cores * 3, JSON.stringify(s));
    const text = run(['doctor']).stdout;
    assert.match(text, /^processors {2}CPU speed over 0\.3 s windows of fixed work varied by \d+\.\d % \(CV; /m);
    assert.match(
      text,
      /^ {2}one 2 s reading; a run takes it again before each later scenario and after the last, and reports them pooled$/m,
    );
  });

  it('docker: names the image each backend would run (ACCESSBENCH_*_IMAGE wins), whether the engine has it, and a stand-in', async () => {
    const r = run(['doctor', '--json'], { ...process.env, ACCESSBENCH_REDIS_IMAGE: 'example.invalid/redis:0.0.1' });
    assert.equal(r.status, 0, r.stderr);
    const docker = (need: string) => (JSON.parse(r.stdout) as DoctorReport).backends.find((b) => b.need === need)?.docker;
    const rt = await containerRuntime(10_000);
    assert.match(
      docker('redis')?.detail ?? '',
      rt.available ? /^image example\.invalid\/redis:0\.0\.1 \(not present here/ : /\(image example\.invalid\/redis:0\.0\.1\)$/,
    );
    const pgImage = process.env.ACCESSBENCH_POSTGRES_IMAGE;
    if (rt.available && pgImage?.startsWith('localhost/accessbench-'))
      assert.match(docker('postgres')?.detail ?? '', /\(present, sha256:[0-9a-f]{12}…, local stand-in for postgres:17\.\d+\)$/);
  });

  it('without redis-server, memcached and mongod/ferretdb on PATH, exactly the strategies needing them are skipped, with the reason', () => {
    const empty = mkdtempSync(join(tmpdir(), 'ab-doctor-path-'));
    try {
      const r = run(['doctor', '--json'], {
        ...process.env,
        PATH: empty,
        DOCKER_HOST: 'unix:///nonexistent.sock',
        ACCESSBENCH_MONGO_BINARY: '',
      });
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout) as DoctorReport;
      assert.equal(report.auto.provider, 'local');
      assert.equal(report.pgbench.available, false);
      assert.match(report.pgbench.detail, /^pgbench not found on PATH: the database ceiling uses a pg driver loop/);
      const list = JSON.parse(run(['list', '--json']).stdout) as Array<{
        scenario: string;
        strategies: Array<{ name: string; needs: string[] }>;
      }>;
      const expected = list.flatMap((s) =>
        s.strategies
          .filter((x) => x.needs.includes('redis') || x.needs.includes('mongo') || x.needs.includes('memcached'))
          .map((x) => `${s.scenario}/${x.name}`),
      );
      assert.ok(expected.length > 0);
      assert.deepEqual(report.skipped.map((s) => `${s.scenario}/${s.strategy}`).sort(), expected.sort());
      for (const s of report.skipped)
        assert.match(
          s.reason,
          /(redis: redis-server not found on PATH|mongo: neither mongod nor ferretdb|memcached: memcached not found on PATH)/,
        );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("plain text names the runtime, each backend and auto's pick", () => {
    const r = run(['doctor']);
    assert.equal(r.status, 0, r.stderr);
    for (const re of [
      /^container runtime {2}(available|unavailable)/m,
      /^postgres\n {2}local {5}available/m,
      /^--infra auto would pick: (local|docker) — auto: /m,
    ]) {
      assert.match(r.stdout, re);
    }
  });
});

describe('infra flags: bad input is one line, exit 2, and never echoes a password', () => {
  const cases: Array<[string[], RegExp]> = [
    [['run', '--infra', 'cloud'], /--infra: "cloud" is not one of auto, local, docker, external/],
    [['run', '--postgres-url', 'mysql://root:hunter2@db:3306/x'], /--postgres-url: .* must start with postgres:\/\/ or postgresql:\/\//],
    [['run', '--redis-url', 'redis://:hunter2@127.0.0.1:99999'], /--redis-url: .*no valid host/],
    [['run', '--memcached-url', 'redis://:hunter2@127.0.0.1:11211'], /--memcached-url: .* must start with memcached:\/\//],
    [['run', '--infra', 'local', '--mongo-url', 'mongodb://127.0.0.1:27017/x'], /--mongo-url is for --infra external/],
    [['run', '--infra', 'external'], /--infra external needs --postgres-url/],
    [['doctor', '--replica-url', 'nope'], /--replica-url: not a URL/],
  ];
  for (const [args, message] of cases) {
    it(args.join(' '), () => {
      const r = run(args);
      assert.equal(r.status, 2, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0] as string, message);
      assert.ok(!r.stderr.includes('hunter2'), r.stderr);
    });
  }
});
