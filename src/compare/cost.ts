// The exact half of a comparison: each strategy's costs from verification (queries, rows and bytes per request,
// the statements it issues), base against head. These are exact for a fixed seed, so any difference is the code's,
// shown as it is ("queries/request 1.00 → 13.42", "new statement: …") with no interval. Queries per request that
// grow fail the gate unless the caller allows it: an N+1 slipped into a PR is the regression this exists to catch,
// and timing noise can hide it but cannot fake it.
import type { Cost, StrategyResult } from '../results/schema.ts';

export type CostMetric =
  'queriesPerRequest' | 'queriesPerRepeat' | 'rowsPerRequest' | 'bytesPerResponse' | 'queriesPerWrite' | 'rowsWrittenPerWrite';

export const COST_LABELS: Record<CostMetric, string> = {
  queriesPerRequest: 'queries/request',
  queriesPerRepeat: 'queries/repeated request',
  rowsPerRequest: 'rows/request',
  bytesPerResponse: 'bytes/response',
  queriesPerWrite: 'queries/write',
  rowsWrittenPerWrite: 'rows written/write',
};

/** The metrics whose growth fails the gate. */
const QUERY_METRICS: CostMetric[] = ['queriesPerRequest', 'queriesPerRepeat', 'queriesPerWrite'];

export interface CostChange {
  metric: CostMetric;
  base: number;
  head: number;
}

export interface StatementChange {
  id: string;
  text: string;
  /** Times issued per request (over the sample), base and head; 0 on the side that does not issue it. */
  base: number;
  head: number;
}

export interface CostComparison {
  scenario: string;
  strategy: string;
  /** Base and head figures of every metric both sides have. */
  figures: CostChange[];
  /** The figures that differ. */
  changes: CostChange[];
  added: StatementChange[];
  removed: StatementChange[];
  /** Issued on both sides, a different number of times per request. */
  recounted: StatementChange[];
  /** Queries per request (cold, repeated or per write) grew. */
  queryGrowth: boolean;
}

/** Exact costs could not be compared for these, with the reason (an older result file, different samples). */
export interface CostGap {
  scenario: string;
  strategy: string;
  reason: string;
}

const EPSILON = 1e-9;

function figures(c: Cost): Partial<Record<CostMetric, number>> {
  return {
    queriesPerRequest: c.queriesPerRequest,
    queriesPerRepeat: c.queriesPerRepeat,
    rowsPerRequest: c.rowsPerRequest,
    bytesPerResponse: c.bytesPerResponse,
    ...(c.writes ? { queriesPerWrite: c.writes.queriesPerWrite, rowsWrittenPerWrite: c.writes.rowsWrittenPerWrite } : {}),
  };
}

/**
 * Base against head for one strategy present on both sides; a string says why it cannot be compared, null when a side
 * was skipped before verification (the timed comparison lists it already).
 */
export function compareCost(b: StrategyResult, h: StrategyResult): CostComparison | string | null {
  // A strategy skipped after verification (not timed) still has its exact costs.
  if ((b.status === 'skipped' && !b.cost) || (h.status === 'skipped' && !h.cost)) return null;
  const bc = b.cost;
  const hc = h.cost;
  if (!bc || !hc) {
    const missing = [!bc && 'base', !hc && 'head'].filter(Boolean).join(' and ');
    return `not recorded in ${missing} (a result file from before they were recorded, or verification did not complete)`;
  }
  if (bc.samples !== hc.samples) return `verified on ${bc.samples} (base) and ${hc.samples} (head) samples: not the same requests`;
  const bf = figures(bc);
  const hf = figures(hc);
  const all: CostChange[] = [];
  for (const metric of Object.keys(COST_LABELS) as CostMetric[]) {
    const base = bf[metric];
    const head = hf[metric];
    if (base !== undefined && head !== undefined) all.push({ metric, base, head });
  }
  const changes = all.filter((c) => Math.abs(c.head - c.base) > EPSILON);
  const per = (count: number, cost: Cost): number => (cost.samples > 0 ? count / cost.samples : 0);
  const baseById = new Map(bc.statements.map((s) => [s.id, s]));
  const headById = new Map(hc.statements.map((s) => [s.id, s]));
  const added = hc.statements.filter((s) => !baseById.has(s.id)).map((s) => ({ id: s.id, text: s.text, base: 0, head: per(s.count, hc) }));
  const removed = bc.statements
    .filter((s) => !headById.has(s.id))
    .map((s) => ({ id: s.id, text: s.text, base: per(s.count, bc), head: 0 }));
  const recounted = hc.statements.flatMap((s) => {
    const was = baseById.get(s.id);
    return was && was.count !== s.count ? [{ id: s.id, text: s.text, base: per(was.count, bc), head: per(s.count, hc) }] : [];
  });
  const queryGrowth = changes.some((c) => QUERY_METRICS.includes(c.metric) && c.head > c.base);
  return { scenario: h.scenario, strategy: h.strategy, figures: all, changes, added, removed, recounted, queryGrowth };
}

/** "1.00 → 13.42"-style figure: integers stay integers, means keep two decimals. */
export function costValue(metric: CostMetric, x: number): string {
  if (metric === 'bytesPerResponse') return Math.round(x).toLocaleString('en-US');
  return x.toFixed(2);
}

export const costUnchanged = (c: CostComparison): boolean =>
  c.changes.length + c.added.length + c.removed.length + c.recounted.length === 0;

/** One line per difference, shared by the terminal and markdown renderings. */
export function costLines(c: CostComparison, quote: (sql: string) => string = (s) => s): string[] {
  const out = c.changes.map((ch) => `${COST_LABELS[ch.metric]} ${costValue(ch.metric, ch.base)} → ${costValue(ch.metric, ch.head)}`);
  const times = (n: number): string => `${n.toFixed(2)}×/request`;
  for (const s of c.added) out.push(`new statement (${times(s.head)}): ${quote(s.text)}`);
  for (const s of c.removed) out.push(`statement removed (was ${times(s.base)}): ${quote(s.text)}`);
  for (const s of c.recounted) out.push(`statement issued ${times(s.base)} → ${times(s.head)}: ${quote(s.text)}`);
  return out;
}
