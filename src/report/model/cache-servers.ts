// Redis against Memcached: the same cache-aside (scenarios/shared/cache-aside.ts) in front of the same statement,
// pg-cached-redis and pg-cached-memcached, compared where a scenario ranked both. Pure functions over the result:
// throughput with its interval, the wait for one cache round trip as the strategy server timed it, round trips per
// request, the cache server's CPU, and under a mixed load the write (invalidation) latency and stale reads.
import { formatRatio, formatUs } from '../format.ts';
import { mixedFigures, type MixedFigures } from './mixed.ts';
import { median, speedRatio, type RankedRow, type RatioInterval, type ScenarioView } from './scenario.ts';

export const CACHE_PAIR = { redis: 'pg-cached-redis', memcached: 'pg-cached-memcached' } as const;
export type CacheServer = keyof typeof CACHE_PAIR;

export interface CacheServerFigures {
  server: CacheServer;
  strategy: string;
  row: RankedRow;
  /** The wait for one round trip of a hit with no other load (verification's repeated reads, one at a time), µs. */
  idleRoundTripUs: number | null;
  /**
   * Median across trials of the mean wait for one cache round trip under the load, µs (timed in the strategy server:
   * it includes the server's own event-loop queueing, which grows with load, not only the cache's answer).
   */
  roundTripUs: number | null;
  /** The lowest and highest trial's figure, to show how much it moved. */
  roundTripRangeUs: [number, number] | null;
  roundTripsPerRequest: number | null;
  hitRatio: number | null;
  /** CPU of the cache server per request, µs; null where the provider cannot see it. */
  cacheCpuUs: number | null;
  mixed: MixedFigures | null;
}

export interface CacheComparison {
  redis: CacheServerFigures;
  memcached: CacheServerFigures;
  /** How many times Memcached's req/s is Redis's (conservative interval, as every verdict's). */
  ratio: RatioInterval;
  verdict: string;
}

function figures(server: CacheServer, row: RankedRow): CacheServerFigures {
  const trials = row.level.trials.flatMap((t) => (t.server ? [t.server] : []));
  const trips = trials.flatMap((s) => (typeof s.cacheMicrosPerRoundTrip === 'number' ? [s.cacheMicrosPerRoundTrip] : []));
  const pick = (f: (s: (typeof trials)[number]) => number | null | undefined): number | null =>
    median(trials.flatMap((s) => (typeof f(s) === 'number' ? [f(s) as number] : [])));
  return {
    server,
    strategy: row.strategy.strategy,
    row,
    idleRoundTripUs: row.strategy.verify.cacheRoundTripUs ?? null,
    roundTripUs: median(trips),
    roundTripRangeUs: trips.length > 0 ? [Math.min(...trips), Math.max(...trips)] : null,
    roundTripsPerRequest: pick((s) => s.cacheRoundTripsPerRequest),
    hitRatio: pick((s) => s.cacheHitRatio),
    cacheCpuUs: row.cpu.cache,
    mixed: mixedFigures(row),
  };
}

/** The comparison, or null unless the scenario ranked both pg-cached-redis and pg-cached-memcached. */
export function cacheComparison(view: ScenarioView): CacheComparison | null {
  const find = (s: CacheServer) => view.ranked.find((r) => r.strategy.strategy === CACHE_PAIR[s]);
  const r = find('redis');
  const m = find('memcached');
  if (!r || !m) return null;
  const redis = figures('redis', r);
  const memcached = figures('memcached', m);
  const ratio = speedRatio(m.level, r.level);
  return { redis, memcached, ratio, verdict: cacheVerdict(view, redis, memcached, ratio) };
}

/** What one round trip waited on each server, unloaded and under the load, as far as both were measured. */
function tripsClause(redis: CacheServerFigures, memcached: CacheServerFigures): string {
  const both = (k: 'idleRoundTripUs' | 'roundTripUs'): [string, string] | null => {
    const m = memcached[k];
    const r = redis[k];
    return m === null || r === null ? null : [formatUs(m), formatUs(r)];
  };
  const idle = both('idleRoundTripUs');
  const load = both('roundTripUs');
  if (idle && load)
    return `; a hit's round trip took ${idle[0]} on Memcached and ${idle[1]} on Redis unloaded, ${load[0]} and ${load[1]} under the load`;
  if (idle) return `; a hit's round trip took ${idle[0]} on Memcached and ${idle[1]} on Redis unloaded`;
  if (load) return `; a cache round trip waited ${load[0]} on Memcached and ${load[1]} on Redis under the load`;
  return '';
}

/** One sentence: which cache serves the scenario faster, with the CI, and what one round trip waits for each. */
export function cacheVerdict(view: ScenarioView, redis: CacheServerFigures, memcached: CacheServerFigures, ratio: RatioInterval): string {
  const name = view.scenario.name;
  const ci = `CI ${formatRatio(ratio.low).replace('×', '')}–${formatRatio(ratio.high)}`;
  const trips = tripsClause(redis, memcached);
  const at = `At ${redis.row.level.connections} connections, `;
  if (ratio.low <= 1 && ratio.high >= 1) {
    return `${at}Memcached and Redis serve ${name} at rates the data cannot tell apart (Memcached/Redis ${formatRatio(ratio.estimate)}, ${ci})${trips}.`;
  }
  const [fast, slow, r] =
    ratio.low > 1
      ? (['Memcached', 'Redis', ratio] as const)
      : (['Redis', 'Memcached', { estimate: 1 / ratio.estimate, low: 1 / ratio.high, high: 1 / ratio.low }] as const);
  const ci2 = `CI ${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}`;
  return `${at}${fast} serves ${name} ${formatRatio(r.estimate)} faster than ${slow} (${ci2}) with the same cache-aside${trips}.`;
}
