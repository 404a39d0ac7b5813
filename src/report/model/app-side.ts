// The application side of a scenario: a strategy paired with the one issuing the same queries (`parity.sameQueriesAs`:
// pg-naive-parallel with pg-naive, graphql-lookahead with pg-join), so what differs is the application's own work:
// timing (parallel awaits) or GraphQL execution. Pure functions over the scenario view; the page and charts render them.
import type { Interval, LoadLevel } from '../../results/schema.ts';
import { medianCi } from '../../stats/median-ci.ts';
import { formatQueries, formatRatio, formatUs } from '../format.ts';
import { levelAt, speedRatio, type RankedRow, type RatioInterval, type ScenarioView } from './scenario.ts';

export interface AppSidePair {
  strategy: RankedRow;
  /** The strategy issuing the same queries. */
  twin: RankedRow;
  kind: 'parallel' | 'graphql';
  /** req/s of `strategy` over `twin`'s. */
  speed: RatioInterval;
  /** App CPU per request (µs), median over trials with its distribution-free interval; null when not measured. */
  cpu: Interval | null;
  twinCpu: Interval | null;
  /** CPU per request of `strategy` over `twin`'s: conservative, from the ends of the two intervals. */
  cpuRatio: RatioInterval | null;
  /** Median over trials of the time per request spent waiting for a pooled connection (µs); null when not recorded. */
  poolWait: number | null;
  twinPoolWait: number | null;
  verdict: string;
}

export function appCpu(level: LoadLevel): Interval | null {
  const xs = level.trials.flatMap((t) => (t.server && Number.isFinite(t.server.cpuMicrosPerRequest) ? [t.server.cpuMicrosPerRequest] : []));
  return xs.length > 0 ? medianCi(xs) : null;
}

export function poolWait(level: LoadLevel): number | null {
  const xs = level.trials.flatMap((t) =>
    typeof t.server?.poolWaitMicrosPerRequest === 'number' ? [t.server.poolWaitMicrosPerRequest] : [],
  );
  return xs.length > 0 ? medianCi(xs).estimate : null;
}

const ci = (r: RatioInterval): string => `CI ${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}`;

function ratioOf(a: Interval, b: Interval): RatioInterval {
  return {
    estimate: a.estimate / b.estimate,
    low: b.high > 0 ? a.low / b.high : 0,
    high: b.low > 0 ? a.high / b.low : Number.POSITIVE_INFINITY,
  };
}

/** Queries per request from verification's exact costs (the same sample for both), else the load's median. */
const queriesOf = (r: RankedRow): number | null => r.strategy.cost?.queriesPerRequest ?? r.queries;

function sameQueries(p: { strategy: RankedRow; twin: RankedRow }): string {
  const a = queriesOf(p.strategy);
  const b = queriesOf(p.twin);
  if (a === null || b === null) return '';
  return Math.abs(a - b) < 1e-9
    ? `, both issuing ${formatQueries(b)} ${b === 1 ? 'query' : 'queries'} per verified request`
    : `, issuing ${formatQueries(a)} queries per verified request against ${formatQueries(b)}`;
}

function speedWords(twin: string, r: RatioInterval): string {
  if (r.low <= 1 && r.high >= 1)
    return `serves as many req/s as ${twin} within the data's precision (${formatRatio(r.estimate)}, ${ci(r)})`;
  return `serves ${formatRatio(r.estimate)} ${twin}'s req/s (${ci(r)})`;
}

function verdictOf(p: Omit<AppSidePair, 'verdict'>): string {
  const a = p.strategy.strategy.strategy;
  const b = p.twin.strategy.strategy;
  const at = `At ${p.strategy.level.connections} connections`;
  const speed = speedWords(b, p.speed);
  if (p.kind === 'parallel') {
    const la = p.strategy.level.summary.latencyUs.p50;
    const lb = p.twin.level.summary.latencyUs.p50;
    const waits =
      p.poolWait === null || p.twinPoolWait === null || p.poolWait + p.twinPoolWait === 0
        ? ''
        : `; its queries waited ${formatUs(p.poolWait)} per request in all for a pooled connection, against ${formatUs(p.twinPoolWait)}`;
    return (
      `${at}, ${a} ${speed}, p50 ${formatUs(la)} against ${formatUs(lb)} (${formatRatio(la / lb)})${sameQueries(p)}: ` +
      `the difference is timing only${waits}.`
    );
  }
  if (!p.cpu || !p.twinCpu || !p.cpuRatio) return `${at}, ${a} ${speed}${sameQueries(p)}; app CPU was not measured.`;
  const extra = p.cpu.estimate - p.twinCpu.estimate;
  if (p.cpuRatio.low <= 1 && p.cpuRatio.high >= 1) {
    return (
      `${at}, ${a} and ${b} spend app CPU per request the data cannot tell apart (${formatUs(p.cpu.estimate)} against ` +
      `${formatUs(p.twinCpu.estimate)}, ${formatRatio(p.cpuRatio.estimate)}, ${ci(p.cpuRatio)})${sameQueries(p)}; ${a} ${speed}.`
    );
  }
  return (
    `${at}, ${a} spends ${formatUs(p.cpu.estimate)} of app CPU per request against ${b}'s ${formatUs(p.twinCpu.estimate)} ` +
    `(${formatRatio(p.cpuRatio.estimate)}, ${ci(p.cpuRatio)}; ${extra >= 0 ? '+' : '−'}${formatUs(Math.abs(extra))} per request of GraphQL ` +
    `execution)${sameQueries(p)}, and ${speed}.`
  );
}

/** The pairs of a scenario, in ranking order of the paired strategy; strategies or twins not ranked are left out. */
export function appSidePairs(view: ScenarioView): AppSidePair[] {
  const byName = new Map(view.ranked.map((r) => [r.strategy.strategy, r]));
  const out: AppSidePair[] = [];
  for (const row of view.ranked) {
    const twinName = row.strategy.parity.sameQueriesAs;
    const twin = typeof twinName === 'string' ? byName.get(twinName) : undefined;
    if (!twin) continue;
    const cpu = appCpu(row.level);
    const twinCpu = appCpu(twin.level);
    const base = {
      strategy: row,
      twin,
      kind: row.strategy.technique === 'graphql' ? ('graphql' as const) : ('parallel' as const),
      speed: speedRatio(row.level, twin.level),
      cpu,
      twinCpu,
      cpuRatio: cpu && twinCpu && twinCpu.estimate > 0 ? ratioOf(cpu, twinCpu) : null,
      poolWait: poolWait(row.level),
      twinPoolWait: poolWait(twin.level),
    };
    out.push({ ...base, verdict: verdictOf(base) });
    // Parallel awaits where concurrency is highest, when the run swept it: where the pool, not waiting, decides.
    const top = Math.max(...row.strategy.levels.map((l) => l.connections));
    const high = levelAt(row.strategy, top);
    const twinHigh = levelAt(twin.strategy, top);
    if (base.kind === 'parallel' && top !== row.level.connections && high?.connections === top && twinHigh?.connections === top) {
      const s = { ...row, level: high };
      const t = { ...twin, level: twinHigh };
      const [c, tc] = [appCpu(high), appCpu(twinHigh)];
      const h = {
        ...base,
        strategy: s,
        twin: t,
        speed: speedRatio(high, twinHigh),
        cpu: c,
        twinCpu: tc,
        cpuRatio: c && tc && tc.estimate > 0 ? ratioOf(c, tc) : null,
        poolWait: poolWait(high),
        twinPoolWait: poolWait(twinHigh),
      };
      out.push({ ...h, verdict: verdictOf(h) });
    }
  }
  return out;
}

/**
 * Strategies compared with another that issues different queries (`parity.comparedWith`: graphql-dataloader with
 * graphql-naive, the N+1 it batches): one verdict each, req/s ratio with its interval and the queries of both.
 */
export function comparedVerdicts(view: ScenarioView): string[] {
  const byName = new Map(view.ranked.map((r) => [r.strategy.strategy, r]));
  return view.ranked.flatMap((row) => {
    const other = row.strategy.parity.comparedWith;
    const twin = typeof other === 'string' ? byName.get(other) : undefined;
    if (!twin) return [];
    const r = speedRatio(row.level, twin.level);
    const a = queriesOf(row);
    const b = queriesOf(twin);
    const q = a === null || b === null ? '' : `, issuing ${formatQueries(a)} queries per verified request instead of ${formatQueries(b)}`;
    return [`At ${row.level.connections} connections, ${row.strategy.strategy} ${speedWords(twin.strategy.strategy, r)}${q}.`];
  });
}
