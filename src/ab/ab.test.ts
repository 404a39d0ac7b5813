// `accessbench ab` end to end, with this checkout's own HEAD as the base: a git worktree of it, its dependencies
// linked, both sides verified by their own code and timed in one round-robin, two results and their comparison, and
// the worktree gone afterwards. The base runs every strategy it has (no --strategy filter); those head did not
// select are listed, not timed. A cached strategy on both sides shares the cache server and its keys: each side's
// verification starts from an empty cache.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../core/registry.ts';
import { localProvider } from '../infra/local/index.ts';
import { findRedisServer } from '../infra/local/redis.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { Result } from '../results/schema.ts';
import { tinyProfile } from '../testing/profile.ts';
import { runAb, type AbOptions, type AbOutcome } from './index.ts';
import { resolveRef } from './worktree.ts';

const PROFILE = tinyProfile({ trialSec: 0.5, trials: 3, maxTrials: 3, connections: [4], coldRequests: 0, micro: 'off', ceiling: true });
const missing = (await missingPostgres()) ?? (findRedisServer() ? null : 'redis-server not found on PATH');
const HEAD_STRATEGIES = ['pg-join', 'pg-cached-redis'];
const worktrees = (): string =>
  spawnSync('git', ['worktree', 'list', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((l) => l.includes('accessbench-ab-'))
    .join('\n');

/** `ab` of post-detail against HEAD on real servers: head's strategies, the filter, the profile and the rest. */
const abOfHead = (strategies: string[], more: Partial<AbOptions>, lines: string[]): Promise<AbOutcome> =>
  runAb({
    baseRef: 'HEAD',
    selection: [{ scenario: 'post-detail', strategies }],
    strategyFilter: [],
    profile: PROFILE,
    seed: 42,
    provider: localProvider(),
    threshold: 0.1,
    log: (l) => lines.push(l),
    ...more,
  });

describe('ab against HEAD', () => {
  let out: AbOutcome | null = null;
  const lines: string[] = [];
  before(async () => {
    if (!missing) out = await abOfHead(HEAD_STRATEGIES, { processes: 2 }, lines);
  });
  after(() => assert.equal(worktrees(), '', 'the base worktree is removed'));

  it('measures the selected strategies on both sides, paired, from one seeded dataset', async (t) => {
    if (skipIfMissing(t, missing) || !out) return;
    const { base, head } = out;
    for (const r of [base, head]) Result.parse(JSON.parse(JSON.stringify(r)));
    assert.equal(base.git.sha, await resolveRef('HEAD'));
    assert.equal(base.git.branch, 'HEAD');
    assert.deepEqual(base.dataset, head.dataset, 'one dataset, seeded once');
    assert.deepEqual(
      head.scenarios[0]?.strategies.map((s) => [s.strategy, s.status, 'reason' in s ? s.reason : '']),
      HEAD_STRATEGIES.map((s) => [s, 'completed', '']),
    );
    // The base verified its pg-cached-redis first; head's still found the cache empty (a first read is a miss).
    const cached = base.scenarios[0]?.strategies.find((s) => s.strategy === 'pg-cached-redis');
    assert.equal(cached?.status, 'completed', cached && 'reason' in cached ? cached.reason : '');
    const b = base.scenarios[0]?.strategies.find((s) => s.strategy === 'pg-join');
    const h = head.scenarios[0]?.strategies[0];
    assert.ok(b?.status === 'completed' && h?.status === 'completed');
    assert.equal(b.source.path, h.source.path);
    assert.deepEqual(b.cost?.queriesPerRequest, h.cost?.queriesPerRequest);
    assert.equal(b.levels[0]?.trials.length, h.levels[0]?.trials.length, 'base and head leave the rounds together');
    // Two server processes a side, their trials merged round by round: 1, 2, 1, 2, …
    for (const l of [b.levels[0], h.levels[0]]) {
      assert.deepEqual(
        l?.trials.map((t) => t.process),
        l?.trials.map((_, i) => (i % 2) + 1),
      );
      assert.ok((l?.trials.length ?? 0) >= 6, 'three rounds a process');
    }
    assert.equal(out.comparison.family.processes, 2);
    assert.ok(out.comparison.family.measuredProcessSpread, 'two strategies × two sides: the spread between processes is measured');
    assert.ok(
      lines.some((l) => /post-detail: 2 server processes a side/.test(l)),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((l) => /post-detail\/pg-join@base#2: trial 1/.test(l)),
      'the second base process is timed',
    );
    assert.ok(
      lines.some((l) => /post-detail\/pg-join@base: verify ok/.test(l)),
      lines.join('\n'),
    );
    assert.ok(/identical package-lock/.test(out.deps), out.deps);
  });

  it("lists the base's other strategies as not timed, and compares the pair", (t) => {
    if (skipIfMissing(t, missing) || !out) return;
    const others = out.base.scenarios[0]?.strategies.filter((s) => !HEAD_STRATEGIES.includes(s.strategy)) ?? [];
    assert.ok(others.length > 3);
    for (const s of others) assert.deepEqual(s.status === 'skipped' && s.reason, 'not in head: ab times only strategies head has');
    for (const name of HEAD_STRATEGIES) assert.equal(out.comparison.entries.find((e) => e.strategy === name)?.kind, 'compared', name);
    assert.equal(
      out.comparison.entries.filter((e) => e.kind === 'removed').length,
      others.length,
      'what head did not run is listed as removed',
    );
  });
});

// slowRequestSec (the quick profile's limit) in `ab`: a pair too slow on either side is verified on both, with its
// exact costs, which the comparison still gates on, and timed on neither. The limit is 0 so that every verified
// read is over it, whatever this machine's speed.
describe('ab with a strategy too slow for the profile', () => {
  let out: AbOutcome | null = null;
  const lines: string[] = [];
  before(async () => {
    if (!missing)
      out = await abOfHead(['pg-join'], { strategyFilter: ['pg-join'], profile: { ...PROFILE, slowRequestSec: 0, ceiling: false } }, lines);
  });

  it('records both sides verified, not timed, and compares their exact costs only', (t) => {
    if (skipIfMissing(t, missing) || !out) return;
    for (const r of [out.base, out.head]) {
      const s = r.scenarios[0]?.strategies.find((x) => x.strategy === 'pg-join');
      assert.equal(s?.status, 'skipped', JSON.stringify(s));
      if (s?.status !== 'skipped') continue;
      assert.match(s.reason, /^verified, not timed: one request alone took [\d.]+ s on average in verification \(over 0 s/);
      assert.ok(s.cost && s.cost.queriesPerRequest > 0, 'its exact costs are kept');
    }
    assert.equal(out.comparison.entries.find((e) => e.strategy === 'pg-join')?.kind, 'not-compared');
    assert.deepEqual(
      out.comparison.costs.map((c) => c.strategy),
      ['pg-join'],
    );
    assert.ok(!lines.some((l) => /pg-join(@base)?(#2)?: trial 1/.test(l)), 'no trial of either side');
  });
});
