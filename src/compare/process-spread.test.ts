// Several server processes a side (`ab --processes`): the comparison averages over the pairs of processes and measures
// the spread between processes of the same code in the run itself (src/compare/process-spread.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../results/schema.ts';
import { compareResults, PROCESS_SPREAD, type Comparison, type LevelComparison } from './compare.ts';
import { familyText } from './format.ts';
import { measuredSpread, processesOf } from './process-spread.ts';
import { baseFixture } from '../testing/compare-fixtures.ts';

const ROUNDS = 8;
/** Small round-to-round noise, the same for every process: ±2 %. */
const noise = (i: number, salt: number): number => 1 + 0.02 * Math.sin(i * 2.3 + salt * 1.7);

/**
 * `r` with every completed level's trials replaced by ROUNDS rounds of two processes (trials of one round in process
 * order, tagged), req/s = the level's first trial × speed(strategy, process) × noise.
 */
function twoProcesses(r: Result, speed: (strategy: string, process: number) => number): Result {
  const copy = structuredClone(r);
  let salt = 0;
  for (const sc of copy.scenarios)
    for (const s of sc.strategies) {
      if (s.status !== 'completed') continue;
      for (const l of s.levels) {
        const t0 = l.trials[0];
        if (!t0) continue;
        salt++;
        l.trials = Array.from({ length: ROUNDS * 2 }, (_, j) => {
          const [i, k] = [Math.floor(j / 2), (j % 2) + 1];
          return { ...t0, index: i, process: k, rps: t0.rps * speed(`${sc.name}/${s.strategy}`, k) * noise(i, salt + k) };
        });
      }
    }
  return copy;
}

const levelOf = (r: Result, strategy: string, connections = 16) => {
  const s = r.scenarios[0]?.strategies.find((x) => x.strategy === strategy);
  const l = s?.status === 'completed' ? s.levels.find((x) => x.connections === connections) : undefined;
  assert.ok(l);
  return l;
};

/** post-detail pg-join at 16 connections in a comparison. */
const pgJoin16 = (c: Comparison): LevelComparison => {
  const e = c.entries.find((x) => x.scenario === 'post-detail' && x.strategy === 'pg-join');
  const l = e?.kind === 'compared' ? e.levels.find((x) => x.connections === 16) : undefined;
  assert.ok(l);
  return l;
};

describe('the spread between processes of the same code, measured in the run', () => {
  const base = baseFixture();

  it('reads each level’s processes and measures σ from the per-round ratio of process 1 to process 2', () => {
    const odd = twoProcesses(base, (_, k) => (k === 1 ? 1.1 : 1));
    const levels = odd.scenarios.flatMap((sc) => sc.strategies.flatMap((s) => (s.status === 'completed' ? s.levels : [])));
    assert.equal(processesOf(levelOf(odd, 'pg-join')), 2);
    assert.equal(processesOf(levelOf(base, 'pg-join')), 1, 'files without process tags: one process');
    const m = measuredSpread(levels);
    assert.ok(m && m.samples === levels.length, `one pair of processes per level: ${JSON.stringify(m)}`);
    assert.ok(
      Math.abs(m.spread - Math.log(1.1)) < 0.01,
      `every process 1 is 10 % faster: σ ≈ ${Math.log(1.1).toFixed(3)}, got ${m.spread}`,
    );
    const same = measuredSpread(
      twoProcesses(base, () => 1).scenarios[0]?.strategies.flatMap((s) => (s.status === 'completed' ? s.levels : [])) ?? [],
    );
    assert.ok(same && same.spread < 0.01, `processes alike: σ near 0, got ${same?.spread}`);
    assert.equal(measuredSpread(levels.slice(0, 3)), null, 'three pairs of processes are too few to say');
    assert.equal(measuredSpread([levelOf(base, 'pg-join'), levelOf(base, 'prisma-include')]), null, 'one process a side: nothing measured');
  });

  it('averages over the pairs of processes: the process term shrinks by √2, and the run says what it measured', () => {
    const b = twoProcesses(base, () => 1);
    const h = twoProcesses(base, (s) => (s === 'post-detail/pg-join' ? 0.85 : 1));
    const c = compareResults(b, h, { threshold: 0.1, processSpread: 0.05 });
    assert.equal(c.family.processes, 2);
    assert.ok(c.family.measuredProcessSpread && c.family.measuredProcessSpread.spread < 0.05);
    assert.equal(c.family.processSpread, 0.05, 'a quieter run never narrows the intervals below the assumed spread');
    const two = pgJoin16(c);
    // The same trials without their process tags: one process a side, the whole σ.
    const untag = (r: Result): Result => {
      const x = structuredClone(r);
      for (const sc of x.scenarios)
        for (const s of sc.strategies) if (s.status === 'completed') for (const l of s.levels) for (const t of l.trials) delete t.process;
      return x;
    };
    const c1 = compareResults(untag(b), untag(h), { threshold: 0.1, processSpread: 0.05 });
    assert.equal(c1.family.processes, 1);
    assert.equal(c1.family.measuredProcessSpread, null);
    const one = pgJoin16(c1);
    const width = (l: LevelComparison) => Math.log(l.rps.ratio.high / l.rps.ratio.low);
    assert.ok(width(two) < width(one), `two processes a side: narrower (${width(two)} < ${width(one)})`);
    assert.equal(two.rps.regression, true, '15 % slower on both pairs of processes is a regression');
    assert.match(familyText(c), /2 processes a side, so each estimate carries σ \/ √2/);
    assert.match(familyText(c), /assumed .*this run measured \d+\.\d % between processes of the same code, \d+ pairs/);
  });

  it('one odd process: the run measures the spread it makes and widens every interval to it, so it is not a regression', () => {
    const b = twoProcesses(base, () => 1);
    // Head's first pg-join process is 25 % slower for its whole life; its second is like the base's.
    const h = twoProcesses(base, (s, k) => (s === 'post-detail/pg-join' && k === 1 ? 0.75 : 1));
    const c = compareResults(b, h, { threshold: 0.1 });
    const m = c.family.measuredProcessSpread;
    assert.ok(m && m.spread > PROCESS_SPREAD, `measured ${m?.spread}`);
    assert.equal(c.family.processSpread, m.spread, 'the larger of assumed and measured');
    assert.deepEqual(c.regressions, []);
    assert.match(familyText(c), /measured in this run between processes of the same code/);
    // With the assumed spread only (the same trials read as one process a side would be pg-join's 25 % one pair in two).
    const l = pgJoin16(c);
    assert.ok(l.rps.ratio.estimate < 1 && l.rps.ratio.high > 1, `the interval reaches past no change: ${JSON.stringify(l.rps.ratio)}`);
  });
});
