// The application side of a scenario: a strategy paired with the one issuing the same queries (`parity.sameQueriesAs`:
// pg-naive-parallel with pg-naive, graphql-lookahead with pg-join), so what differs is the application's own work:
// timing (parallel awaits) or GraphQL execution. Pure functions over the scenario view; the page and charts render them.
import type { Interval, LoadLevel } from '../../results/schema.ts';
import { medianCi } from '../../stats/median-ci.ts';
import { formatQueries, formatRatio, formatUs } from '../format.ts';
import { speedRatio, type RankedRow, type RatioInterval, type ScenarioView } from './scenario.ts';

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
  verdict: string;
}

export function appCpu(level: LoadLevel): Interval | null {
  const xs = level.trials.flatMap((t) => (t.server && Number.isFinite(t.server.cpuMicrosPerRequest) ? [t.server.cpuMicrosPerRequest] : []));
  return xs.length > 0 ? medianCi(xs) : null;
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
    return (
      `${at}, ${a} ${speed}, p50 ${formatUs(la)} against ${formatUs(lb)} (${formatRatio(la / lb)})${sameQueries(p)}: ` +
      `the difference is timing only.`
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
    };
    out.push({ ...base, verdict: verdictOf(base) });
  }
  return out;
}
