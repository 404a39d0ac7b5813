// The report's view of a scenario: which level ranks it, which strategies are ranked, the verdict sentence, the
// ceilings at the ranking level. Pure functions over `Result`, so the numbers can be unit-tested without HTML.
import type { Interval, LoadLevel, Result, StrategyResult } from '../../results/schema.ts';
import { formatQueries, formatRatio, formatUs, plural } from '../format.ts';
import { slugify } from '../html.ts';

export type ScenarioResult = Result['scenarios'][number];
export type DbCeilingRecord = Result['dbCeiling'][number];
export type CompletedStrategy = Extract<StrategyResult, { status: 'completed' }>;

/** A completed strategy with the figures at the scenario's ranking level. */
export interface RankedRow {
  strategy: CompletedStrategy;
  level: LoadLevel;
  /** Median over trials of the server-side figures; null when the server did not report them. */
  queries: number | null;
  bytes: number | null;
  /** CPU per request, µs: the strategy server, the database servers, the cache server, the load generator. */
  cpu: { app: number | null; db: number | null; cache: number | null; load: number | null };
}

/** A strategy shown but not ranked, with the reason in words. */
export interface UnrankedRow {
  strategy: StrategyResult;
  reason: string;
}

export interface ScenarioView {
  scenario: ScenarioResult;
  slug: string;
  /** Concurrency the ranking is taken at: the profile's first level (the lightest load). */
  connections: number | null;
  /** Completed, non-degraded strategies, fastest first. */
  ranked: RankedRow[];
  unranked: UnrankedRow[];
  verdict: string;
  /** Further verdicts of the scenario's own trade-off (keyset vs OFFSET paging: model/paging.ts), one sentence each. */
  verdicts?: string[];
  /** The id of each strategy's details block, unique in the page. */
  anchors: Map<StrategyResult, string>;
  /** req/s of the scenario's no-op endpoint at the ranking level: above ~80 % of it, the harness is the bottleneck. */
  ceiling: Interval | null;
  /** The reference statement driven directly at the ranking level: what the database alone does. */
  dbCeiling: DbCeilingRecord | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] as number;
  return s.length % 2 === 1 ? hi : ((s[mid - 1] as number) + hi) / 2;
}

function serverMedian(level: LoadLevel, pick: (s: NonNullable<LoadLevel['trials'][number]['server']>) => number | null | undefined) {
  return median(level.trials.flatMap((t) => (t.server ? [pick(t.server)] : [])).filter((x): x is number => typeof x === 'number'));
}

/** The level at `connections`, else the strategy's first level: a run measures every strategy at the same levels. */
export function levelAt(strategy: CompletedStrategy, connections: number | null): LoadLevel | undefined {
  return strategy.levels.find((l) => l.connections === connections) ?? strategy.levels[0];
}

function rowFor(strategy: CompletedStrategy, level: LoadLevel): RankedRow {
  return {
    strategy,
    level,
    queries: serverMedian(level, (s) => s.queriesPerRequest),
    bytes: serverMedian(level, (s) => s.bytesPerResponse),
    cpu: {
      app: serverMedian(level, (s) => s.cpuMicrosPerRequest),
      db: serverMedian(level, (s) => s.dbCpuMicrosPerRequest),
      cache: serverMedian(level, (s) => s.cacheCpuMicrosPerRequest),
      load: serverMedian(level, (s) => s.loadCpuMicrosPerRequest),
    },
  };
}

export function buildScenarioView(result: Result, scenario: ScenarioResult, taken: Set<string>): ScenarioView {
  const connections = scenario.connections ?? result.profile.connections[0] ?? null;
  const ranked: RankedRow[] = [];
  const unranked: UnrankedRow[] = [];
  for (const s of scenario.strategies) {
    if (s.status !== 'completed') {
      unranked.push({ strategy: s, reason: s.reason });
      continue;
    }
    const level = levelAt(s, connections);
    if (!level) unranked.push({ strategy: s, reason: 'completed, but no load level was measured' });
    // Degraded figures were taken while something failed (e.g. a backend died): ranking them would mislead.
    else if (s.degraded !== null) unranked.push({ strategy: s, reason: `degraded: ${s.degraded}` });
    else ranked.push(rowFor(s, level));
  }
  ranked.sort((a, b) => b.level.summary.rps.estimate - a.level.summary.rps.estimate);
  const slug = slugify(scenario.name, taken);
  const anchors = new Map(scenario.strategies.map((s) => [s, slugify(`strategy-${slug}-${s.strategy}`, taken)] as const));
  const ceiling = result.ceiling.find((c) => c.scenario === scenario.name && c.connections === connections)?.rps ?? null;
  const dbCeiling = result.dbCeiling.find((c) => c.scenario === scenario.name && c.connections === connections) ?? null;
  return { scenario, slug, connections, ranked, unranked, verdict: verdict(scenario.name, ranked), anchors, ceiling, dbCeiling };
}

export interface RatioInterval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * How many times faster `a` is than `b`, with an interval. Conservative on purpose: it combines the extremes of the
 * two independent 95 % CIs (a.low / b.high … a.high / b.low), so it is wider than a proper CI of the ratio would be.
 * A reader who sees "CI 7.2–8.6×" can trust at least that much; we never claim more certainty than the data has.
 */
export function speedRatio(a: LoadLevel, b: LoadLevel): RatioInterval {
  const ra = a.summary.rps;
  const rb = b.summary.rps;
  return {
    estimate: ra.estimate / rb.estimate,
    low: ra.low / rb.high,
    high: rb.low > 0 ? ra.high / rb.low : Number.POSITIVE_INFINITY,
  };
}

function queryClause(fast: RankedRow, slow: RankedRow): string {
  if (fast.queries === null || slow.queries === null) return '';
  if (fast.queries === slow.queries) return `, both issuing ${plural(fast.queries, 'query', 'queries')} per request`;
  return `, issuing ${plural(fast.queries, 'query', 'queries')} per request instead of ${formatQueries(slow.queries)}`;
}

/** One sentence a reader can repeat in a design review: fastest vs slowest, with the CI and the query counts. */
export function verdict(scenario: string, ranked: readonly RankedRow[]): string {
  const fast = ranked[0];
  const slow = ranked[ranked.length - 1];
  if (!fast || !slow) return `No strategy completed ${scenario}, so nothing is ranked.`;
  if (fast === slow) return `Only ${fast.strategy.strategy} completed ${scenario}, so there is nothing to compare it with.`;
  const r = speedRatio(fast.level, slow.level);
  const ci = `CI ${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}`;
  const at = `At ${fast.level.connections} connections, `;
  const p99 = ` (p99 ${formatUs(fast.level.summary.latencyUs.p99)} vs ${formatUs(slow.level.summary.latencyUs.p99)})`;
  if (r.low <= 1) {
    return (
      `${at}${fast.strategy.strategy} and ${slow.strategy.strategy} serve ${scenario} at rates the data cannot tell ` +
      `apart (${formatRatio(r.estimate)}, ${ci})${queryClause(fast, slow)}.`
    );
  }
  return (
    `${at}${fast.strategy.strategy} serves ${scenario} ${formatRatio(r.estimate)} faster than ` +
    `${slow.strategy.strategy} (${ci})${queryClause(fast, slow)}${p99}.`
  );
}
