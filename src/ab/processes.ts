// Several server processes per side (`ab --processes`, `calibrate --processes`). A server process keeps a speed of
// its own for its lifetime (where its code landed, what the JIT decided, how its heap grew: docs/measurement.md, "Two
// processes of the same code"), which no number of rounds can tell from a change in the code. With m processes a
// side, a strategy's base and head are m pairs of processes timed in the same rounds: the comparison averages over
// them (the process term of its interval shrinks by √m, one odd process moves the estimate by 1/m of its oddity), and
// the processes of one side, which run the same code, show how far apart two processes are in this very run
// (src/compare/process-spread.ts).
import type { LoadLevel, Trial } from '../results/schema.ts';
import type { Profile } from '../runner/profiles.ts';
import type { Contender, Measured } from '../runner/contender.ts';
import { summarizeLevel } from '../runner/summarize.ts';
import type { StrategyServer } from '../server/spawn.ts';
import { asProcess, contenderOf, pairOf, processOf } from './pair.ts';

/**
 * The contenders of each group (consecutive in `order`, a group being what pairOf names) repeated for processes
 * 2..m, each repeat with a server of its own from `start`: [b, h] becomes [b, h, b#2, h#2, …], so that the rounds time
 * base and head of the same process number back to back. Servers already started are kept in `started` so that the
 * caller stops them whatever happens.
 */
export async function withProcesses(
  order: Contender[],
  processes: number,
  start: (c: Contender) => Promise<StrategyServer>,
  started: Contender[],
): Promise<Contender[]> {
  if (processes <= 1) return order;
  const groups: Contender[][] = [];
  for (const c of order) {
    const last = groups.at(-1);
    if (last && pairOf(last[0]?.strategy.name ?? '') === pairOf(c.strategy.name)) last.push(c);
    else groups.push([c]);
  }
  const out: Contender[] = [];
  for (const g of groups) {
    out.push(...g);
    for (let k = 2; k <= processes; k++) {
      for (const c of g) {
        const extra: Contender = { ...c, strategy: asProcess(c.strategy, k), server: await start(c) };
        started.push(extra);
        out.push(extra);
      }
    }
  }
  return out;
}

/** Trials of several processes, round by round: round r's trial of process 1, of process 2, … each tagged. */
function interleave(sets: Trial[][]): Trial[] {
  const out: Trial[] = [];
  const n = Math.max(0, ...sets.map((s) => s.length));
  for (let i = 0; i < n; i++)
    sets.forEach((s, k) => {
      const t = s[i];
      if (t) out.push({ ...t, process: k + 1 });
    });
  return out;
}

function mergeLevels(levels: LoadLevel[][], precision: number): LoadLevel[] {
  const [first = []] = levels;
  return first.map((l) => {
    const same = levels.map((ls) => ls.find((x) => x.connections === l.connections)).filter((x): x is LoadLevel => !!x);
    const disturbed = same.flatMap((x, k) => (x.disturbed ?? []).map((t) => ({ ...t, process: k + 1 })));
    return { ...summarizeLevel(l.connections, interleave(same.map((x) => x.trials)), precision, disturbed), warmup: l.warmup };
  });
}

/**
 * One measurement per contender again: the trials of its processes 2..m merged into process 1's, round by round and
 * tagged with their process (Trial.process), the summary taken over all of them; a contender is degraded when any of
 * its processes was. Labels of one process only pass through unchanged.
 */
export function mergeProcesses(measured: Map<string, Measured>, precision: number): Map<string, Measured> {
  const byContender = new Map<string, Array<[number, Measured]>>();
  for (const [label, m] of measured) {
    const key = contenderOf(label);
    byContender.set(key, [...(byContender.get(key) ?? []), [processOf(label), m]]);
  }
  const out = new Map<string, Measured>();
  for (const [key, list] of byContender) {
    const sorted = [...list].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
    const [first] = sorted;
    if (!first) continue;
    if (sorted.length === 1) {
      out.set(key, first);
      continue;
    }
    out.set(key, {
      ...first,
      levels: mergeLevels(
        sorted.map((m) => m.levels),
        precision,
      ),
      degraded: sorted.map((m) => m.degraded).find((d) => d !== null) ?? null,
    });
  }
  return out;
}

/** Rounds for each process: the profile's trials shared out between `processes`, so a strategy gets as many paired trials. */
export function perProcess(profile: Profile, processes: number): Pick<Profile, 'trials' | 'maxTrials'> {
  const m = Math.max(1, processes);
  return { trials: Math.max(3, Math.ceil(profile.trials / m)), maxTrials: Math.max(3, Math.ceil(profile.maxTrials / m)) };
}
