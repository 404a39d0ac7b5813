// How steady this machine's processors are, measured at the start of every run: the same fixed work in short
// chunks on every core at once (pinned one per core where taskset exists), its CPU time summed over windows of a
// trial's length. A trial cannot be steadier than the processor under it: on a virtual machine whose cores change
// speed from one fraction of a second to the next (docs/measurement.md, "The processor under the trials"), that
// spread is the floor under every timed figure of the run, and the run says so instead of leaving a reader to guess
// why its rows are noisy. CPU time, not wall time: a core taken by another process is the per-trial outside-load
// check's business (src/runner/probes.ts); this is how much work a core does per second it runs.
import { spawn } from 'node:child_process';
import { onCleanup } from '../core/lifecycle.ts';
import { machineCores, pin } from '../infra/placement.ts';
import { steadinessLine, summarizeSpeeds, windowSpeeds, type Chunk, type CpuSteadiness } from '../stats/steadiness.ts';

/**
 * The work of one chunk: about 1 ms of integer arithmetic on a 2020s server core, small enough to fill a window with
 * dozens of chunks and to stay in the first-level cache (what varies is the core's speed, not the memory's).
 */
const CHILD = `
const sec = Number(process.argv[1]);
const work = () => { let t = 0; for (let i = 0; i < 500000; i++) t += (i * 7) % 13; return t; };
let sink = 0;
for (let i = 0; i < 100; i++) sink += work();
const out = [];
const t0 = performance.now();
while (performance.now() - t0 < sec * 1000) {
  const c = process.cpuUsage();
  sink += work();
  const d = process.cpuUsage(c);
  out.push([performance.now() - t0, d.user + d.system]);
}
process.stdout.write(JSON.stringify({ out, sink: sink > 0 }));
`;

function runCopy(sec: number, core: number | null): Promise<{ chunks: Chunk[]; pinned: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, String(sec)], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Ctrl-C during the probe ends it with the run (it would end by itself within `sec`).
    const stop = onCleanup(`stop CPU steadiness probe ${child.pid}`, () => void child.kill('SIGKILL'));
    const pinned = core !== null && child.pid !== undefined && pin(child.pid, String(core)) === null;
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => {
      void stop();
      reject(e);
    });
    child.on('close', (code, signal) => {
      void stop();
      if (signal) return reject(new Error(`CPU steadiness probe ended by ${signal}`));
      if (code !== 0) return reject(new Error(`CPU steadiness probe exited ${code}: ${err.trim().split('\n')[0] ?? ''}`));
      try {
        resolve({ chunks: (JSON.parse(out) as { out: Chunk[] }).out, pinned });
      } catch (e) {
        reject(new Error(`CPU steadiness probe: unreadable output (${(e as Error).message})`));
      }
    });
  });
}

/** Fixed work on every core at once for `sec`: each window's speed, of every core. */
async function windowsOfWork(opts: {
  sec: number;
  windowSec: number;
  cores?: number;
}): Promise<{ speeds: number[]; cores: number; pinned: boolean }> {
  const cores = opts.cores ?? machineCores();
  const copies = await Promise.all(Array.from({ length: cores }, (_, k) => runCopy(opts.sec, cores > 1 ? k : null)));
  return {
    speeds: windowSpeeds(
      copies.map((c) => c.chunks),
      opts.windowSec,
    ),
    cores,
    pinned: copies.every((c) => c.pinned),
  };
}

/** The record of one probe's windows. */
function oneMoment(sec: number, windowSec: number, w: { speeds: number[]; cores: number; pinned: boolean }): CpuSteadiness {
  return { sec, windowSec, cores: w.cores, pinned: w.pinned, ...summarizeSpeeds(w.speeds) };
}

/** Fixed work on every core at once for `sec`, compared over windows of `windowSec`. */
export async function measureCpuSteadiness(opts: { sec: number; windowSec: number; cores?: number }): Promise<CpuSteadiness> {
  return oneMoment(opts.sec, opts.windowSec, await windowsOfWork(opts));
}

/** At least the profile's seconds, and five windows of a trial's length on each core, up to 30 s. */
export function probeSec(profile: { steadinessSec: number; trialSec: number }): number {
  return Math.min(30, Math.max(profile.steadinessSec, 5 * profile.trialSec));
}

/**
 * The measurement `calibrate` takes before its passes, logged; null when the profile turns it off or the probe could
 * not run (said in the log: the figures do not depend on it).
 */
export async function runSteadiness(
  profile: { steadinessSec: number; trialSec: number },
  log: (line: string) => void,
): Promise<CpuSteadiness | null> {
  const sampler = new SteadinessSampler(profile, log);
  await sampler.sample(null);
  return sampler.result();
}

/**
 * The probe a run (and `ab`) takes at several moments: before its first scenario (`probeSec`) and, shorter (two
 * windows a core), before each later one and after the last; the windows are pooled. The processor's slow spells
 * come and go within minutes (one 2 s reading at a run's start read 0.6–31 % on one afternoon: docs/measurement.md),
 * so a reading spread over the run says more about the floor under its trials than any one of them. Each moment is
 * logged; the pooled figure is the run's.
 */
export class SteadinessSampler {
  private readonly speeds: number[] = [];
  private sec = 0;
  private moments = 0;
  private cores = 0;
  private pinned = true;
  private failed = false;

  constructor(
    private readonly profile: { steadinessSec: number; trialSec: number },
    private readonly log: (line: string) => void,
  ) {}

  /** One moment's probe; `where` names it in the log (null: the first, before any scenario). */
  async sample(where: string | null): Promise<void> {
    if (this.profile.steadinessSec <= 0 || this.failed) return;
    const windowSec = this.profile.trialSec;
    const sec = this.moments === 0 ? probeSec(this.profile) : Math.min(30, 2 * windowSec);
    try {
      const w = await windowsOfWork({ sec, windowSec });
      this.speeds.push(...w.speeds);
      this.sec += sec;
      this.moments += 1;
      this.cores = w.cores;
      this.pinned &&= w.pinned;
      const here = oneMoment(sec, windowSec, w);
      this.log(where === null ? `machine: ${steadinessLine(here)}` : `machine: ${where}: ${steadinessLine(here)}`);
    } catch (e) {
      this.failed = true;
      this.log(`machine: CPU steadiness not measured — ${(e as Error).message}`);
    }
  }

  /** The windows of every moment, pooled; null when none was taken. */
  result(): CpuSteadiness | null {
    if (this.moments === 0) return null;
    return {
      sec: Math.round(this.sec * 1000) / 1000,
      windowSec: this.profile.trialSec,
      cores: this.cores,
      pinned: this.pinned,
      ...summarizeSpeeds(this.speeds),
      ...(this.moments > 1 ? { moments: this.moments } : {}),
    };
  }
}
