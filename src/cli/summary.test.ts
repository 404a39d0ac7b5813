// The summary's closing lines: how many rows are noisy and, where the run measured it, how steady the processors were.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Result } from '../results/schema.ts';
import { buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { machineNote } from './summary.ts';

const probe = { sec: 2, windowSec: 0.3, cores: 2, pinned: true, windows: 12, slowest: 0.8, fastest: 1.3 };

describe('summary: noisy rows and the processors under them', () => {
  const r = Result.parse(buildFixtureResult());
  const noisy = r.scenarios
    .flatMap((sc) => sc.strategies.flatMap((s) => (s.status === 'completed' ? s.levels : [])))
    .filter((l) => l.summary.noisy).length;

  it('counts the noisy rows; an older file without the probe says nothing more', () => {
    assert.equal(noisy, 2);
    assert.deepEqual(machineNote(r), ['\nnoisy: 2 of 13 timed rows (req/s interval wider than the precision target)']);
    const given = { ...r, profile: { ...r.profile, precision: 0.03 } };
    assert.deepEqual(machineNote(given), ['\nnoisy: 2 of 13 timed rows (req/s interval wider than ±3 %)']);
  });

  it('an unsteady machine: the probe, and that no trial can be steadier than its processor', () => {
    const note = machineNote({ ...r, machine: { ...r.machine, cpuSteadiness: { ...probe, cv: 0.165 } } });
    assert.equal(note.length, 3);
    assert.match(note[1] ?? '', /^machine: CPU speed over 0\.3 s windows of fixed work varied by 16\.5 % \(CV; /);
    assert.match(note[2] ?? '', /no trial here can be steadier than its processor/);
  });

  it('a steady machine: the probe only', () => {
    const note = machineNote({ ...r, machine: { ...r.machine, cpuSteadiness: { ...probe, cv: 0.02 } } });
    assert.equal(note.length, 2);
    assert.match(note[1] ?? '', /varied by 2\.0 %/);
  });
});
