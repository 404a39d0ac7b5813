// CPU accounting from /proc (Linux): the machine's busy time, steal, and the CPU of a process tree. A trial is only
// worth keeping if the machine did the run's work and nothing else: what the run's own processes (the harness with
// its load generator, strategy servers, database and cache servers) did not use of the machine's busy time was used
// by someone else, and a trial that shared the cores with such a neighbour is repeated rather than averaged in.
// Elsewhere (no /proc) every function returns null and trials are kept as they are.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc's CPU times. 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)). */
const TICK_MICROS = 1_000_000 / 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in ticks: the process and its children that have exited and been reaped. */
  ticks: number;
}

function readProc(pid: string): ProcStat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: the fields after its last ')' are fixed.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const n = (i: number): number => Number(f[i - 3]);
    return { pid: Number(pid), ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17) };
  } catch {
    return null; // the process exited between readdir and read
  }
}

/**
 * Readings taken within this many ms of each other share one scan of /proc: the CPU of the database, the cache and
 * the run itself read around a trial then come from the same instant, and /proc is read once rather than per server.
 */
const SNAPSHOT_MS = 20;
let snapshot: { atMs: number; procs: ProcStat[] | null } | null = null;

function allProcesses(): ProcStat[] | null {
  const now = performance.now();
  if (snapshot && now - snapshot.atMs < SNAPSHOT_MS) return snapshot.procs;
  snapshot = { atMs: now, procs: scanProcesses() };
  return snapshot.procs;
}

function scanProcesses(): ProcStat[] | null {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return null;
  }
  const out: ProcStat[] = [];
  for (const n of names) {
    if (n.charCodeAt(0) < 48 || n.charCodeAt(0) > 57) continue;
    const p = readProc(n);
    if (p) out.push(p);
  }
  return out;
}

/**
 * CPU (µs) of `root` and every live descendant, minus the subtrees rooted at `exclude`. A live process counts its own
 * time and that of its reaped children (cutime), so a child's time is counted once whether it is alive or gone.
 */
export function treeCpuMicros(root: number, exclude: readonly number[] = [], procs = allProcesses()): number | null {
  if (!procs) return null;
  const children = new Map<number, ProcStat[]>();
  let top: ProcStat | undefined;
  for (const p of procs) {
    if (p.pid === root) top = p;
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  if (!top) return null;
  const skip = new Set(exclude);
  let ticks = 0;
  const stack = [top];
  while (stack.length > 0) {
    const p = stack.pop() as ProcStat;
    if (skip.has(p.pid)) continue;
    ticks += p.ticks;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return ticks * TICK_MICROS;
}

export interface HostSample {
  atMs: number;
  /** Busy CPU time of the whole machine (all cores), µs. */
  busyMicros: number;
  /** Time stolen by the hypervisor, µs. */
  stealMicros: number;
  /** CPU of the run's own processes, µs. */
  ownMicros: number;
}

function machineCpu(): { busy: number; steal: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] as string;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is already inside user)
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return { busy: (user + nice + system + irq + softirq) * TICK_MICROS, steal: steal * TICK_MICROS };
  } catch {
    return null;
  }
}

/**
 * One reading of the machine and of the run. `ownExtraMicros` is CPU of the run's servers that lives outside this
 * process tree (containers: their cgroups), whose pids are then given in `excludePids` if they are in the tree.
 */
export function sampleHost(ownExtraMicros = 0, excludePids: readonly number[] = []): HostSample | null {
  const m = machineCpu();
  const own = m ? treeCpuMicros(process.pid, excludePids) : null;
  if (!m || own === null) return null;
  return { atMs: performance.now(), busyMicros: m.busy, stealMicros: m.steal, ownMicros: own + ownExtraMicros };
}

export interface Disturbance {
  /** Cores used by processes outside the run, on average over the interval. */
  externalCores: number;
  /** Cores used by the run's own processes. */
  ownCores: number;
  /** Share of the interval's wall time that the hypervisor stole, per core. */
  stealShare: number;
}

export function disturbance(before: HostSample, after: HostSample, cores: number): Disturbance {
  const wall = Math.max(1, (after.atMs - before.atMs) * 1000);
  const own = Math.max(0, after.ownMicros - before.ownMicros);
  const busy = Math.max(0, after.busyMicros - before.busyMicros);
  return {
    // Ticks are sampled, so small negative remainders are rounding, not negative work.
    externalCores: Math.max(0, busy - own) / wall,
    ownCores: own / wall,
    stealShare: Math.max(0, after.stealMicros - before.stealMicros) / (wall * Math.max(1, cores)),
  };
}
