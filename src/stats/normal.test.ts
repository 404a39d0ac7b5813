import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalQuantile } from './normal.ts';

describe('normalQuantile', () => {
  it('gives the tabulated quantiles, symmetric about ½, and refuses p outside (0, 1)', () => {
    for (const [p, z] of [
      [0.5, 0],
      [0.975, 1.959964],
      [0.9, 1.281552],
      [0.999, 3.090232],
      [1 - 0.05 / 52, 3.101862],
      [0.01, -2.326348],
    ] as const)
      assert.ok(Math.abs(normalQuantile(p) - z) < 1e-5, `Φ⁻¹(${p}) = ${normalQuantile(p)}, not ${z}`);
    assert.ok(Math.abs(normalQuantile(0.2) + normalQuantile(0.8)) < 1e-12);
    assert.throws(() => normalQuantile(0), RangeError);
    assert.throws(() => normalQuantile(1), RangeError);
  });
});
