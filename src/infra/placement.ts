// CPU placement: the load generator on one set of cores, the servers it measures (strategy servers, databases,
// caches) on the others, so that they do not take turns on the same core. Measured both ways on a 2-core machine
// (docs/measurement.md); off unless asked for (`--placement split`). Linux only, through taskset(1) from util-linux.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';

export type Placement = 'shared' | 'split';

/**
 * The machine's online cores. Not availableParallelism(): that is this process's affinity, which a split placement
 * narrows to the load generator's core, so that a second split in the same process would see one core.
 */
export function machineCores(): number {
  return cpus().length || availableParallelism();
}

/** The cores for the load generator and for the servers: the first core, and the rest. */
export function splitCores(cores = machineCores()): { load: string; servers: string } | null {
  if (cores < 2) return null;
  return { load: '0', servers: cores === 2 ? '1' : `1-${cores - 1}` };
}

/** Pins `pid` and all its threads to `cpus`; children started later inherit it. Returns the reason when it cannot. */
export function pin(pid: number, cpus: string): string | null {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { encoding: 'utf8' });
  if (r.error) return `taskset: ${r.error.message}`;
  return r.status === 0 ? null : `taskset -p -c ${cpus} ${pid}: ${r.stderr.trim().split('\n')[0]}`;
}

/** Every live descendant of `pid` (postgres backends, a server's workers): pinned with their parent. */
export function descendants(pid: number): number[] {
  const r = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const kids = new Map<number, number[]>();
  for (const line of r.stdout.split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    if (p && pp !== undefined) kids.set(pp, [...(kids.get(pp) ?? []), p]);
  }
  const out: number[] = [];
  const stack = [...(kids.get(pid) ?? [])];
  while (stack.length) {
    const p = stack.pop() as number;
    out.push(p);
    stack.push(...(kids.get(p) ?? []));
  }
  return out;
}

/** Every core of the machine: what a pinned process gets back once its placement is over. */
export function allCores(cores = machineCores()): string {
  return cores <= 1 ? '0' : `0-${cores - 1}`;
}
