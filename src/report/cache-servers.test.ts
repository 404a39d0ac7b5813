// Redis against Memcached through the real pipeline: a quick run of the mixed load with pg-cached-redis and
// pg-cached-memcached carries the new figures (round trips per request, the wait for one, the cache server's CPU,
// exact round trips per read, repeat and write), and the report renders the comparison with its verdict and chart.
// The verdict's wording is checked on fixed figures.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { localProvider } from '../infra/local/index.ts';
import type { LoadLevel, Result } from '../results/schema.ts';
import { runBenchmark } from '../runner/run.ts';
import { runCleanups } from '../core/lifecycle.ts';
import { findMemcached } from '../infra/local/memcached.ts';
import { findRedisServer } from '../infra/local/redis.ts';
import { missingPostgres, skipIfMissing } from '../testing/backends.ts';
import { tinyProfile } from '../testing/profile.ts';
import { cacheComparison, cacheVerdict, type CacheServerFigures } from './model/cache-servers.ts';
import { buildScenarioView, type ScenarioView } from './model/scenario.ts';
import { renderReport } from './render.ts';

const PAIR = ['pg-cached-redis', 'pg-cached-memcached'];
const missing =
  (await missingPostgres()) ??
  (findRedisServer() ? null : 'redis-server not found on PATH') ??
  (findMemcached() ? null : 'memcached not found on PATH (install: apt-get install memcached)');

describe('Redis vs Memcached: a quick run of the mixed load', () => {
  let result: Result | null = null;
  before(async () => {
    if (missing) return;
    result = await runBenchmark({
      selection: [{ scenario: 'mixed', strategies: PAIR }],
      profile: tinyProfile({ trials: 3, maxTrials: 3, trialSec: 0.5, micro: 'off' }),
      seed: 42,
      provider: localProvider(),
    });
  });
  after(() => runCleanups());

  const strategy = (name: string) => {
    const s = result?.scenarios[0]?.strategies.find((x) => x.strategy === name);
    assert.ok(s?.status === 'completed', JSON.stringify(s));
    return s;
  };

  it('records round trips per request, the wait for one and the cache CPU in every trial of both', (t) => {
    if (skipIfMissing(t, missing)) return;
    for (const name of PAIR) {
      const trials = (strategy(name).levels[0] as LoadLevel).trials;
      assert.ok(trials.length >= 3);
      for (const tr of trials) {
        const s = tr.server;
        assert.ok(s, `${name}: server metrics`);
        // Reads are 1 (hit) or 2 (miss) round trips, writes 1: the mean lies between.
        assert.ok(
          (s.cacheRoundTripsPerRequest ?? 0) >= 1 && (s.cacheRoundTripsPerRequest ?? 0) <= 2,
          `${name}: ${s.cacheRoundTripsPerRequest}`,
        );
        assert.ok((s.cacheMicrosPerRoundTrip ?? 0) > 0, `${name}: round trips timed`);
        // Read from the cache server's process (clock ticks: a short trial may see none, but never "not measurable").
        assert.equal(typeof s.cacheCpuMicrosPerRequest, 'number', `${name}: the cache server's CPU read`);
        assert.ok(tr.mixed && tr.mixed.writes > 0, `${name}: writes in the mix`);
      }
    }
  });

  it('records the exact round trips of verification (2 per first read, 1 per repeat, 1 per write) and a hit unloaded', (t) => {
    if (skipIfMissing(t, missing)) return;
    for (const name of PAIR) {
      assert.ok((strategy(name).verify.cacheRoundTripUs ?? 0) > 0, `${name}: a hit's round trip timed`);
      const c = strategy(name).cost;
      assert.deepEqual([c?.cacheRoundTripsPerRequest, c?.cacheRoundTripsPerRepeat, c?.cacheRoundTripsPerWrite], [2, 1, 1], name);
    }
  });

  it('the report has the comparison: verdict with an interval, the table and the chart', async (t) => {
    if (skipIfMissing(t, missing) || !result) return;
    const scenario = result.scenarios[0];
    assert.ok(scenario);
    const view = buildScenarioView(result, scenario, new Set());
    const c = cacheComparison(view);
    assert.ok(c, 'both ranked');
    assert.match(
      c.verdict,
      /^At 2 connections, (Memcached|Redis) .* \(.*CI \d+\.\d+–\d+\.\d+×\).*a hit's round trip took .* on Memcached and .* on Redis unloaded, .* and .* under the load\.$/,
    );
    const page = await renderReport([result]);
    assert.ok(page.includes('<h3>Redis vs Memcached</h3>'));
    assert.ok(page.includes('mixed-cache-servers'), 'the chart');
    assert.ok(page.includes('stale reads'));
  });
});

describe('cacheVerdict', () => {
  const level = (rps: [number, number, number]): LoadLevel =>
    ({
      connections: 16,
      trials: [],
      summary: { rps: { estimate: rps[0], low: rps[1], high: rps[2] } },
    }) as unknown as LoadLevel;
  const fig = (server: 'redis' | 'memcached', rps: [number, number, number], us: number): CacheServerFigures =>
    ({ server, roundTripUs: us * 10, idleRoundTripUs: us, row: { level: level(rps) } }) as unknown as CacheServerFigures;
  const view = { scenario: { name: 'post-detail' } } as unknown as ScenarioView;
  const say = (m: [number, number, number], r: [number, number, number]) => {
    const ratio = { estimate: m[0] / r[0], low: m[1] / r[2], high: m[2] / r[1] };
    return cacheVerdict(view, fig('redis', r, 120), fig('memcached', m, 95), ratio);
  };

  it('names the faster server with a conservative interval and both round trips', () => {
    assert.equal(
      say([2200, 2100, 2300], [2000, 1900, 2050]),
      'At 16 connections, Memcached serves post-detail 1.10× faster than Redis (CI 1.02–1.21×) with the same cache-aside; ' +
        "a hit's round trip took 95 µs on Memcached and 120 µs on Redis unloaded, 950 µs and 1.20 ms under the load.",
    );
    assert.match(
      say([1800, 1700, 1850], [2000, 1900, 2050]),
      /^At 16 connections, Redis serves post-detail 1\.11× faster than Memcached \(CI 1\.03–1\.21×\)/,
    );
  });

  it('says when the data cannot tell them apart', () => {
    assert.match(
      say([2000, 1900, 2100], [2010, 1950, 2080]),
      /rates the data cannot tell apart \(Memcached\/Redis 1\.00×, CI 0\.91–1\.08×\)/,
    );
  });
});
