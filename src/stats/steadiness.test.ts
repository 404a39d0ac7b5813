// The probe's arithmetic on chunks whose speeds are known: work per CPU second per window, its spread, and the line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { steadinessLine, summarizeSpeeds, windowSpeeds, type Chunk } from './steadiness.ts';

/** `n` chunks of `cpuUs` each, ending evenly within [fromMs, toMs). */
const chunks = (n: number, cpuUs: number, fromMs: number, toMs: number): Chunk[] =>
  Array.from({ length: n }, (_, i) => [fromMs + ((toMs - fromMs) * (i + 0.5)) / n, cpuUs] as const);

describe('CPU steadiness arithmetic', () => {
  it('work per CPU second in each window of each copy; windows with fewer than 3 chunks are left out', () => {
    const a = [...chunks(10, 100, 0, 100), ...chunks(5, 200, 100, 200), ...chunks(2, 100, 200, 300)];
    const b = chunks(4, 50, 0, 100);
    assert.deepEqual(windowSpeeds([a, b], 0.1), [10 / 1000, 5 / 1000, 4 / 200]);
  });

  it('summarizes the spread: CV, and the slowest and fastest window against the median', () => {
    const s = summarizeSpeeds([1, 2, 2, 3]);
    assert.equal(s.windows, 4);
    assert.ok(Math.abs(s.cv - Math.sqrt(2 / 3) / 2) < 1e-12, String(s.cv));
    assert.equal(s.slowest, 0.5);
    assert.equal(s.fastest, 1.5);
    assert.equal(s.slowShare, 3 / 4, 'three windows under 0.9 of full speed (the 90th percentile, 2.7)');
    assert.deepEqual(summarizeSpeeds([7, 7, 7]), { windows: 3, cv: 0, slowest: 1, fastest: 1, slowShare: 0 });
    assert.deepEqual(summarizeSpeeds([7]), { windows: 1, cv: 0, slowest: 1, fastest: 1, slowShare: 0 });
    // Slow spells: most windows at full speed, a few well under it. Under 0.9 of full speed is slow; just above is not.
    assert.equal(summarizeSpeeds([10, 10, 10, 10, 10, 10, 9.01, 8.99, 5, 10]).slowShare, 2 / 10);
  });

  it('one line says the window, the spread and how it was measured', () => {
    const line = steadinessLine({ sec: 2, windowSec: 0.3, cores: 2, pinned: true, windows: 12, cv: 0.165, slowest: 0.76, fastest: 1.31 });
    assert.equal(
      line,
      'CPU speed over 0.3 s windows of fixed work varied by 16.5 % (CV; 2 cores at once, one copy pinned to each, 12 windows; ' +
        'slowest ×0.76, fastest ×1.31 of the median)',
    );
    // Pooled from several moments of a run, with the share of slow windows.
    assert.equal(
      steadinessLine({
        sec: 8,
        windowSec: 0.3,
        cores: 2,
        pinned: true,
        windows: 48,
        cv: 0.08,
        slowest: 0.52,
        fastest: 1.02,
        slowShare: 0.125,
        moments: 11,
      }),
      'CPU speed over 0.3 s windows of fixed work varied by 8.0 % (CV; 2 cores at once, one copy pinned to each, 48 windows taken at ' +
        '11 moments of the run; slowest ×0.52, fastest ×1.02 of the median; 13 % of windows under ×0.9 of full speed)',
    );
  });
});
