// `accessbench run` started as a user starts it, in a work dir of its own, for tests of what a run leaves behind: its
// stderr and exit code, and every process and temp dir it started. The run's processes carry an environment marker;
// servers that rewrite their environ block (redis-server, postgres' children) are found by a working directory in the
// run's temp root instead.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from '../core/net.ts';
import { processesWithEnv } from './processes.ts';

const BIN = fileURLToPath(new URL('../../bin/accessbench.js', import.meta.url));
const PAUSED_CLI = fileURLToPath(new URL('./paused-cli.ts', import.meta.url));

export interface LaunchedRun {
  /** Holds results/, report/ and tmp/ (the run's TMPDIR). */
  work: string;
  temp: string;
  marker: string;
  stderr: () => string;
  exited: Promise<number | null>;
  child: ReturnType<typeof spawn>;
}

export interface LaunchOptions {
  /** post-detail's strategies to run (--strategy). */
  strategies: string;
  /** More `run` arguments: trial lengths, preset. */
  extra: readonly string[];
  /** "<phase>=<ms>": the CLI runs through paused-cli.ts (no bin wrapper), which waits that long as the phase begins. */
  pause?: string;
  /**
   * The CLI leads its own process group, so the test can signal the whole group the way a terminal's Ctrl-C does (the
   * bin wrapper, the CLI, every database and strategy server get SIGINT at once).
   */
  group?: boolean;
}

/** Starts `accessbench run --profile quick --infra local --scenario post-detail` with non-TTY progress on stderr. */
export function launchRun(o: LaunchOptions): LaunchedRun {
  const work = mkdtempSync(join(tmpdir(), 'ab-run-'));
  const temp = join(work, 'tmp');
  mkdirSync(temp);
  // postgres runs as its own OS user and must be able to traverse the run's temp root.
  chmodSync(work, 0o755);
  chmodSync(temp, 0o755);
  const [key, value] = ['ACCESSBENCH_TEST_MARKER', randomBytes(6).toString('hex')];
  // Local servers: what is left behind is checked among this machine's processes (a CI engine would make auto pick docker).
  const entry = o.pause ? ['--import', import.meta.resolve('tsx'), PAUSED_CLI, o.pause] : [BIN];
  const args = [...entry, 'run', '--profile', 'quick', '--infra', 'local', '--scenario', 'post-detail', '--strategy', o.strategies];
  args.push('--out', join(work, 'results'), '--report', join(work, 'report', 'index.html'), ...o.extra);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, TMPDIR: temp, [key]: value },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: o.group ?? false,
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { work, temp, marker: `${key}=${value}`, stderr: () => err, exited, child };
}

/** The run's temp dirs (tsx keeps its own compile cache in TMPDIR too; that one is not the run's). */
export const runTempDirs = (run: LaunchedRun): string[] => readdirSync(run.temp).filter((f) => f.startsWith('accessbench-'));

/** The run's processes still alive, after a bounded grace period: they can take a moment to be reaped. */
export async function leftovers(run: LaunchedRun): Promise<Array<{ pid: number; cmd: string }>> {
  for (let i = 0; i < 20; i++) {
    const p = processesWithEnv(run.marker, run.temp);
    if (p.length === 0) return p;
    await sleep(250);
  }
  return processesWithEnv(run.marker, run.temp);
}

/** Whatever happened, nothing of this run survives the test. */
export function disposeRun(run: LaunchedRun): void {
  run.child.kill('SIGKILL');
  for (const p of processesWithEnv(run.marker, run.temp)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  rmSync(run.work, { recursive: true, force: true });
}
