import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommand } from '../cli/args.ts';
import type { Ctx } from '../core/context.ts';
import { ConfigError } from '../core/errors.ts';
import { defineStrategy, type Strategy } from '../core/scenario.ts';
import { localProvider } from '../infra/local/index.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { parityOf } from '../runner/describe.ts';
import { PROFILES } from '../runner/profiles.ts';
import { withAddedCost } from './added-cost.ts';
import { measureProcessSpread, renderCalibration, runCalibration, type PassOutcome } from './index.ts';

const plain = defineStrategy<{ id: number }, never, { id: number }>({
  name: 'plain',
  technique: 'raw',
  client: 'pg',
  needs: ['postgres'],
  expectQueries: () => 1,
  parity: {},
  read: async (p) => ({ id: p.id }),
}) as unknown as Strategy;

describe('a known added cost', () => {
  it('does the CPU work it names before each read, and returns the same payload', async () => {
    const costly = withAddedCost(plain, { cpuMicros: 3000 });
    const c0 = process.cpuUsage();
    for (let i = 0; i < 20; i++) assert.deepEqual(await costly.read({ id: i } as never, {} as Ctx), { id: i });
    const used = process.cpuUsage(c0);
    // 20 × 3 ms of work; generous below (the loop's rate is measured once, on a machine that may be busy).
    assert.ok(used.user + used.system >= 30_000, `${used.user + used.system} µs`);
    assert.equal(withAddedCost(plain, undefined), plain, 'no cost: the strategy itself');
  });

  it('is recorded in the parity manifest of the strategy it applies to, and only there', () => {
    const settings = { calibration: { plain: { cpuMicros: 150 } } };
    assert.equal(parityOf(plain, settings).addedCost, '+150 µs CPU');
    assert.equal(parityOf({ ...plain, name: 'other' }, settings).addedCost, undefined);
  });
});

describe('measureProcessSpread', () => {
  // Per-round rps of a pair: base 1000 every round, head 1000·e^(offset ± 0.05 alternating).
  const pass = (offset: number): PassOutcome => ({
    kind: 'A/A',
    run: 1,
    strategies: [
      {
        strategy: 's',
        rpsRatio: 1,
        rpsLow: 1,
        rpsHigh: 1,
        p99Ratio: 1,
        regression: false,
        trials: {
          base: Array.from({ length: 12 }, () => [1000, 10] as [number, number]),
          head: Array.from({ length: 12 }, (_, i) => [1000 * Math.exp(offset + (i % 2 ? 0.05 : -0.05)), 10] as [number, number]),
        },
      },
    ],
  });
  it('is what the A/A estimates spread by beyond their rounds’ own noise', () => {
    // Offsets ±0.1 between passes: each estimate's square is 0.01 plus the rounds' variance over 12; the latter goes.
    const s = measureProcessSpread([pass(0.1), pass(-0.1), pass(0.1), pass(-0.1)]);
    assert.ok(s !== null && Math.abs(s - 0.1) < 0.005, `${s}`);
    assert.equal(measureProcessSpread([pass(0), pass(0), pass(0)]), 0, 'rounds alone: no process spread');
    assert.equal(measureProcessSpread([pass(0.1)]), null, 'too few passes');
  });
  it('takes each pair of processes apart when a pass ran several a side', () => {
    // Process pair 1 at +0.1, pair 2 at −0.1 in every pass: their mean is 0, each pair's spread 0.1.
    const two = (): PassOutcome => {
      const p = pass(0.1);
      const s = p.strategies[0];
      if (!s) throw new Error('fixture');
      const q = pass(-0.1).strategies[0]?.trials.head ?? [];
      s.trials = {
        base: [
          ...s.trials.base.map(([r, l]) => [r, l, 1] as [number, number, number]),
          ...s.trials.base.map(([r, l]) => [r, l, 2] as [number, number, number]),
        ],
        head: [
          ...s.trials.head.map(([r, l]) => [r, l, 1] as [number, number, number]),
          ...q.map(([r, l]) => [r, l, 2] as [number, number, number]),
        ],
      };
      return p;
    };
    const s = measureProcessSpread([two(), two()]);
    assert.ok(s !== null && Math.abs(s - 0.1) < 0.005, `${s}`);
  });
});

describe('accessbench calibrate', () => {
  it('parses its flags with post-detail defaults, and refuses bad ones in one line', () => {
    const c = parseCommand(['calibrate', '--runs', '3', '--effect', '20%', '--profile', 'quick']);
    assert.equal(c.name, 'calibrate');
    if (c.name !== 'calibrate') return;
    assert.deepEqual(
      [c.runs, c.effect, c.run.scenarios, c.run.strategies],
      [3, 0.2, ['post-detail'], ['pg-join', 'prisma-include', 'pg-naive']],
    );
    assert.throws(() => parseCommand(['calibrate', '--runs', '0']), ConfigError);
    assert.throws(() => parseCommand(['calibrate', '--effect', 'lots']), /--effect: "lots"/);
    const f = parseCommand(['calibrate', '--figures', '26', '--process-spread', '3.5%']);
    assert.ok(f.name === 'calibrate');
    assert.deepEqual([f.figures, f.processSpread], [26, 0.035]);
    assert.throws(() => parseCommand(['calibrate', '--figures', '0']), /--figures: 0 is out of range \(1–10000\)/);
    assert.throws(() => parseCommand(['calibrate', '--process-spread', '7']), /--process-spread: "7"/);
    const ab = parseCommand(['ab', '--base', 'main', '--process-spread', '0.05']);
    assert.ok(ab.name === 'ab' && ab.processSpread === 0.05 && ab.processes === 2, 'two processes a side unless told');
    const three = parseCommand(['calibrate', '--processes', '3']);
    assert.ok(three.name === 'calibrate' && three.processes === 3);
    assert.throws(() => parseCommand(['ab', '--base', 'main', '--processes', '0']), /--processes: 0 is out of range \(1–8\)/);
    assert.throws(() => parseCommand(['calibrate', '--scenario', 'feed,post-detail']), /one scenario at a time/);
  });

  it('runs A/A and A/B passes on real servers and reports rates, the added cost and the observed effect', async (t) => {
    const missing = await missingPostgres();
    if (skipIfMissing(t, missing)) return;
    const lines: string[] = [];
    const c = await runCalibration({
      scenario: 'post-detail',
      strategies: ['pg-join'],
      target: 'pg-join',
      effect: 3, // +300 %: big enough to show through the noise of a busy machine
      runs: 1,
      threshold: 0.1,
      figures: 2,
      processes: 2,
      profile: { ...PROFILES.quick, warmupSec: 0.3, trialSec: 0.4, trials: 3, maxTrials: 3, connections: [4], verifySamples: 5 },
      seed: 42,
      provider: localProvider(),
      log: (l) => lines.push(l),
    });
    assert.deepEqual(
      c.passes.map((p) => [p.kind, p.strategies.map((s) => s.strategy)]),
      [
        ['A/A', ['pg-join']],
        ['A/B', ['pg-join']],
      ],
      lines.join('\n'),
    );
    assert.ok(c.addedCpuMicros > 0);
    assert.equal(c.processes, 2);
    for (const p of c.passes)
      for (const side of ['base', 'head'] as const)
        assert.deepEqual(
          p.strategies[0]?.trials[side].map(([, , k]) => k),
          [1, 2, 1, 2, 1, 2],
          `${p.kind} ${side}: three rounds of two processes`,
        );
    for (const r of [c.falseRegressionRate, c.detectionRate]) assert.ok(r >= 0 && r <= 1);
    assert.ok(c.observedEffect < 0.9, `4× the CPU per request, yet req/s ×${c.observedEffect}`);
    // The processors' steadiness, over windows of the passes' trial length, in the log and the printed summary.
    assert.equal(c.cpuSteadiness?.windowSec, 0.4, JSON.stringify(c.cpuSteadiness));
    assert.ok(
      lines.some((l) => l.startsWith('machine: CPU speed over 0.4 s windows')),
      lines.join('\n'),
    );
    assert.match(renderCalibration(c), /^ {2}processors: CPU speed over 0\.4 s windows of fixed work varied by /m);
    await assert.rejects(
      runCalibration({
        ...{ scenario: 'post-detail', strategies: ['pg-join'], target: 'pg-naive' },
        effect: 0.1,
        runs: 1,
        threshold: 0.1,
        figures: 2,
        profile: PROFILES.quick,
        seed: 1,
        provider: localProvider(),
      }),
      /--target pg-naive is not among/,
    );
  });
});
