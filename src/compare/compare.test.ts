import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.ts';
import {
  compareLevel,
  compareResults,
  eachConfidence,
  PROCESS_SPREAD,
  withProcessSpread,
  type Entry,
  type LevelComparison,
} from './compare.ts';
import { serverKind } from './compatibility.ts';
import { headline } from './format.ts';
import { parseThreshold } from './threshold.ts';
import { baseFixture, editStrategy, headFixture, strategyOf, withTrials } from '../testing/compare-fixtures.ts';

const base = baseFixture();
const levels = (entries: Entry[]): LevelComparison[] => entries.flatMap((e) => (e.kind === 'compared' ? e.levels : []));
const entry = (entries: Entry[], scenario: string, strategy: string): Entry => {
  const e = entries.find((x) => x.scenario === scenario && x.strategy === strategy);
  assert.ok(e, `${scenario}/${strategy} listed`);
  return e;
};

/** pg-join at 16 connections with one trial per round: base 1000 req/s each round, head 1000·e^d; p99 unchanged. */
function pairedRounds(d: number[]): [typeof base, typeof base] {
  const p99 = d.map(() => 2000);
  const rps = (f: (x: number) => number): number[] => d.map(f);
  return [
    withTrials(
      base,
      'post-detail',
      'pg-join',
      16,
      rps(() => 1000),
      p99,
    ),
    withTrials(
      base,
      'post-detail',
      'pg-join',
      16,
      rps((x) => 1000 * Math.exp(x)),
      p99,
    ),
  ];
}

describe('compareResults', () => {
  it('a file compared with itself: every verdict is "no significant change", nothing regressed', () => {
    const c = compareResults(base, base, { threshold: 0.1 });
    const ls = levels(c.entries);
    assert.equal(ls.length, 9, 'six post-detail levels (3 strategies × 16/64) and three feed levels');
    for (const l of ls) {
      for (const m of [l.rps, l.p99]) {
        assert.equal(m.verdict, 'no-change');
        assert.equal(m.regression, false);
        assert.equal(m.ratio.estimate, 1);
      }
    }
    assert.deepEqual(c.regressions, []);
    assert.equal(headline(c), 'No significant change');
    assert.match(
      (entry(c.entries, 'post-detail', 'pg-replica') as { reasons: string[] }).reasons.join(),
      /base skipped: needs replica.*head skipped/,
    );
    assert.equal(entry(c.entries, 'feed', 'mongoose-naive').kind, 'not-compared');
  });

  it('head with every req/s 20 % lower (latencies 25 % higher): every level slower, a regression beyond 10 %', () => {
    const c = compareResults(base, headFixture(0.8), { threshold: 0.1, processSpread: 0 });
    for (const l of levels(c.entries)) {
      assert.ok(Math.abs(l.rps.ratio.estimate - 0.8) < 1e-9, `req/s ratio ${l.rps.ratio.estimate}`);
      assert.ok(Math.abs(l.p99.ratio.estimate - 1.25) < 1e-9, `p99 ratio ${l.p99.ratio.estimate}`);
      assert.ok(l.rps.ratio.high < 1 && l.p99.ratio.low > 1, 'intervals exclude no change');
      assert.equal(l.rps.verdict, 'slower');
      assert.equal(l.p99.verdict, 'slower');
      assert.ok(l.rps.regression && l.p99.regression);
    }
    assert.equal(c.regressions.length, 9);
    assert.equal(headline(c), '9 regressions beyond 10 %');
  });

  it('the same slowdown within a 30 % threshold is reported slower, not a regression; a faster head is faster', () => {
    const within = compareResults(base, headFixture(0.8), { threshold: 0.3, processSpread: 0 });
    assert.deepEqual(within.regressions, []);
    assert.ok(levels(within.entries).every((l) => l.rps.verdict === 'slower' && !l.rps.regression));
    assert.equal(headline(within), 'No regression beyond 30 % (9 slower within the threshold)');
    const faster = compareResults(base, headFixture(1.25), { threshold: 0.1, processSpread: 0 });
    assert.ok(levels(faster.entries).every((l) => l.rps.verdict === 'faster' && l.p99.verdict === 'faster'));
    assert.deepEqual(faster.regressions, []);
  });
});

describe('the gate judges every timed figure of a comparison together', () => {
  // Twelve paired rounds in which head lost in ten, by 2–8 %: the signed-rank statistic of the two it won (ranks 1
  // and 4) is 5, two-sided p = 20/4096 = 0.49 %. Significant for one question at 95 %; not among 18 questions asked
  // at once, where each must reach 1 − 5 %/18 = 99.72 %. Asked one at a time, one of the 18 figures of an unchanged
  // commit would look like that in more runs than not.
  const d = [0.012, -0.021, -0.026, 0.034, -0.037, -0.042, -0.048, -0.051, -0.055, -0.059, -0.063, -0.077];
  const [b, h] = pairedRounds(d);
  const level = (r: typeof base) => strategyOf(r, 'post-detail', 'pg-join') as { levels: Array<{ connections: number }> };

  it('each interval holds at 1 − 5 % / figures, so that all of them hold together at 95 %', () => {
    assert.equal(eachConfidence(1), 0.95);
    assert.ok(Math.abs(eachConfidence(26) - (1 - 0.05 / 26)) < 1e-12);
    const c = compareResults(b, h, { threshold: 0 });
    assert.deepEqual([c.family.figures, c.family.confidence], [18, 0.95], 'nine levels compared, req/s and p99 each');
    assert.ok(Math.abs(c.family.each - (1 - 0.05 / 18)) < 1e-12);
  });

  it('a drop significant as one question at 95 % is not a regression among 18 figures judged together', () => {
    const bl = level(b).levels.find((l) => l.connections === 16) as Parameters<typeof compareLevel>[0];
    const hl = level(h).levels.find((l) => l.connections === 16) as Parameters<typeof compareLevel>[0];
    const alone = compareLevel(bl, hl, 0, true, 0.95, 0);
    assert.ok(typeof alone !== 'string');
    assert.deepEqual([alone.rps.verdict, alone.rps.regression], ['slower', true], 'alone, at 95 %');
    const c = compareResults(b, h, { threshold: 0, processSpread: 0 });
    const l = levels(c.entries.filter((e) => e.strategy === 'pg-join' && e.scenario === 'post-detail')).find((x) => x.connections === 16);
    assert.ok(l);
    assert.equal(l.rps.verdict, 'no-change', `interval [${l.rps.ratio.low}, ${l.rps.ratio.high}] at ${l.rps.ratio.confidence}`);
    assert.ok((l.rps.ratio.confidence ?? 0) >= c.family.each);
    assert.deepEqual(c.regressions, []);
  });
});

describe('the spread between two processes of the same code', () => {
  it('widens an interval in logs, in quadrature with its own half-width, and leaves the estimate', () => {
    const r = { estimate: 0.9, low: 0.9 * Math.exp(-0.1), high: 0.9 * Math.exp(0.2), confidence: 0.95 };
    const w = withProcessSpread(r, 0.05, 0.95);
    const z = 1.959964;
    assert.equal(w.estimate, 0.9);
    assert.ok(Math.abs(Math.log(0.9 / w.low) - Math.hypot(0.1, z * 0.05)) < 1e-6, `${w.low}`);
    assert.ok(Math.abs(Math.log(w.high / 0.9) - Math.hypot(0.2, z * 0.05)) < 1e-6, `${w.high}`);
    assert.deepEqual(withProcessSpread(r, 0, 0.95), r, 'no spread, no change');
  });

  it('turns a drop that one run cannot tell from two processes of the same code into no change', () => {
    // Twelve rounds, every one 9–13 % slower: within the run the interval is narrow and excludes no change; a 7 %
    // spread between processes, at 99.72 % for 18 figures, reaches past it.
    const d = [-0.09, -0.1, -0.11, -0.12, -0.13, -0.095, -0.105, -0.115, -0.125, -0.092, -0.108, -0.118];
    const [b, h] = pairedRounds(d);
    const at = (processSpread: number) => {
      const c = compareResults(b, h, { threshold: 0, processSpread });
      assert.equal(c.family.processSpread, processSpread);
      return levels(c.entries.filter((e) => e.strategy === 'pg-join' && e.scenario === 'post-detail')).find((l) => l.connections === 16);
    };
    assert.equal(at(0)?.rps.verdict, 'slower');
    assert.equal(at(0.07)?.rps.verdict, 'no-change');
    assert.equal(compareResults(b, h, { threshold: 0 }).family.processSpread, PROCESS_SPREAD, 'the default');
    assert.throws(() => compareResults(b, h, { threshold: 0, processSpread: 1.5 }), /process spread/);
  });
});

// The threshold's arithmetic and the family's confidence, without the between-process spread (its own tests above).
describe('threshold arithmetic', () => {
  const trialsBase = [1000, 1010, 990];
  const p99 = [2000, 2010, 1990];
  const b = withTrials(base, 'post-detail', 'pg-join', 16, trialsBase, p99);
  const pgJoin16 = (head: number[], threshold: number): LevelComparison => {
    const h = withTrials(base, 'post-detail', 'pg-join', 16, head, p99);
    const e = entry(compareResults(b, h, { threshold, processSpread: 0 }).entries, 'post-detail', 'pg-join');
    assert.equal(e.kind, 'compared');
    const l = e.kind === 'compared' ? e.levels.find((x) => x.connections === 16) : undefined;
    assert.ok(l);
    return l;
  };

  it('a 15 % drop in median req/s is a regression at 14 % and only "slower" at 16 %', () => {
    const at14 = pgJoin16([850, 860, 840], 0.14);
    assert.ok(Math.abs(at14.rps.ratio.estimate - 0.85) < 1e-3, `${at14.rps.ratio.estimate}`);
    assert.deepEqual([at14.rps.verdict, at14.rps.regression], ['slower', true]);
    const at16 = pgJoin16([850, 860, 840], 0.16);
    assert.deepEqual([at16.rps.verdict, at16.rps.regression], ['slower', false]);
    assert.equal(at16.p99.verdict, 'no-change', 'p99 trials are the same on both sides');
  });

  it('a significant 2 % drop is a regression only at threshold 0; overlapping trials are never one', () => {
    assert.equal(pgJoin16([980, 985, 975], 0).rps.regression, true);
    assert.equal(pgJoin16([980, 985, 975], 0.05).rps.regression, false);
    const overlap = pgJoin16([1020, 900, 980], 0);
    assert.equal(overlap.rps.verdict, 'no-change', 'a head trial beat a base trial: the CI spans no change');
    assert.equal(overlap.rps.regression, false);
  });

  it('parses "10%" and "0.1" alike and refuses what it would have to guess', () => {
    assert.equal(parseThreshold('10%'), 0.1);
    assert.equal(parseThreshold('10 %'), 0.1);
    assert.equal(parseThreshold('2.5%'), 0.025);
    assert.equal(parseThreshold('0.1'), 0.1);
    assert.equal(parseThreshold('.05'), 0.05);
    assert.equal(parseThreshold('0'), 0);
    assert.throws(
      () => parseThreshold('10'),
      (e: Error) => e instanceof ConfigError && /ambiguous.*"10%"/.test(e.message),
    );
    for (const bad of ['abc', '150%', '-5%', '100%', '']) assert.throws(() => parseThreshold(bad), ConfigError, bad);
  });
});

describe('compatibility', () => {
  const refuse = (head: ReturnType<typeof headFixture>, message: RegExp): void => {
    assert.throws(
      () => compareResults(base, head, { threshold: 0.1 }),
      (e: Error) => e instanceof ConfigError && message.test(e.message) && /--force/.test(e.message) && !e.message.includes('\n'),
    );
    const forced = compareResults(base, head, { threshold: 0.1, force: true });
    assert.equal(forced.forced.length, 1);
    assert.match(forced.forced[0] as string, message);
    assert.ok(levels(forced.entries).length > 0, 'forced files are compared');
  };

  it('refuses another dataset seed or preset, another profile, another database product — unless forced', () => {
    refuse(headFixture(1, { dataset: { ...base.dataset, seed: 2 } }), /different dataset seed \(base 1, head 2\)/);
    refuse(headFixture(1, { dataset: { ...base.dataset, preset: 'tiny' } }), /different dataset preset \(base small, head tiny\)/);
    refuse(headFixture(1, { profile: { ...base.profile, name: 'quick' } }), /different profile \(base default, head quick\)/);
    const mongo = {
      ...base.infra,
      backends: base.infra.backends.map((b) => (b.need === 'mongo' ? { ...b, server: 'MongoDB 7.0.14' } : b)),
    };
    refuse(headFixture(1, { infra: mongo }), /different mongo server \(base FerretDB 1\.24\.2 \(SQLite\), head MongoDB 7\.0\.14\)/);
  });

  it('accepts another server version or machine, with a caveat', () => {
    const pg = {
      ...base.infra,
      backends: base.infra.backends.map((b) => (b.need === 'postgres' ? { ...b, server: 'PostgreSQL 17.11' } : b)),
    };
    const c = compareResults(base, headFixture(1, { infra: pg, machine: { ...base.machine, hostname: 'bench-2' } }), { threshold: 0.1 });
    assert.deepEqual(c.forced, []);
    assert.ok(c.caveats.some((x) => /different postgres server version \(base PostgreSQL 17\.10, head PostgreSQL 17\.11\)/.test(x)));
    assert.ok(c.caveats.some((x) => /different machines/.test(x)));
  });

  it('a server kind is the product without its version', () => {
    assert.equal(serverKind('PostgreSQL 17.10'), 'PostgreSQL');
    assert.equal(serverKind('PostgreSQL 17.10 (streaming standby)'), 'PostgreSQL (streaming standby)');
    assert.equal(serverKind('FerretDB 1.24.2 (SQLite)'), 'FerretDB (SQLite)');
    assert.equal(serverKind('Redis 7.0.15'), 'Redis');
    assert.notEqual(serverKind('FerretDB 2.1.0 (PostgreSQL)'), serverKind('FerretDB 1.24.2 (SQLite)'));
  });
});

describe('what is not compared', () => {
  it('lists strategies on one side only as added / removed, degraded ones with the reason', () => {
    const pgJoin = strategyOf(base, 'post-detail', 'pg-join');
    let head = editStrategy(headFixture(), 'post-detail', 'prisma-naive', () => null);
    head = editStrategy(head, 'post-detail', 'pg-join', (s) => s);
    head.scenarios[0]?.strategies.push({ ...structuredClone(pgJoin), strategy: 'pg-new' });
    const degradedBase = editStrategy(base, 'post-detail', 'prisma-include', (s) =>
      s.status === 'completed' ? { ...s, degraded: '12 errors in trial 2' } : s,
    );
    const c = compareResults(degradedBase, head, { threshold: 0.1 });
    const added = entry(c.entries, 'post-detail', 'pg-new');
    assert.equal(added.kind, 'added');
    assert.equal(added.kind === 'added' ? added.levels.length : 0, 2, 'a new strategy keeps its own figures');
    assert.equal(entry(c.entries, 'post-detail', 'prisma-naive').kind, 'removed');
    const degraded = entry(c.entries, 'post-detail', 'prisma-include');
    assert.equal(degraded.kind, 'not-compared');
    assert.match(degraded.kind === 'not-compared' ? degraded.reasons.join() : '', /base degraded during load: 12 errors in trial 2/);
  });

  it('compares the load levels both sides measured and notes the others; a trial without successes is not compared', () => {
    const oneLevel = editStrategy(headFixture(), 'post-detail', 'pg-join', (s) =>
      s.status === 'completed' ? { ...s, levels: s.levels.filter((l) => l.connections === 16) } : s,
    );
    const e = entry(compareResults(base, oneLevel, { threshold: 0.1 }).entries, 'post-detail', 'pg-join');
    assert.equal(e.kind, 'compared');
    if (e.kind === 'compared') {
      assert.deepEqual(
        e.levels.map((l) => l.connections),
        [16],
      );
      assert.deepEqual(e.notes, ['64 connections measured in base only']);
    }
    const dead = withTrials(headFixture(), 'post-detail', 'pg-join', 16, [0, 4000, 4100], [9000, 9000, 9000]);
    const d = entry(compareResults(base, dead, { threshold: 0.1 }).entries, 'post-detail', 'pg-join');
    assert.equal(d.kind, 'compared');
    if (d.kind === 'compared') {
      assert.deepEqual(
        d.levels.map((l) => l.connections),
        [64],
      );
      assert.match(d.notes.join(), /head at 16 connections has a trial without successful requests/);
    }
  });
});
