// Two result files → per scenario × strategy × load level: the head/base ratio of median req/s and of median p99
// latency, each with a bootstrap 95 % CI over the trials, and a verdict. Only completed, non-degraded strategies on
// both sides are compared; everything else is listed with the reason, never turned into a number.
import { ConfigError } from '../core/errors.ts';
import type { Interval, LoadLevel, Result, StrategyResult } from '../results/schema.ts';
import { bootstrapCi, ratioOfMediansCi, verdict, type Verdict } from '../stats/bootstrap.ts';
import { pairedRatioCi } from '../stats/paired-ratio.ts';
import { normalQuantile } from '../stats/normal.ts';
import { median } from '../stats/summary.ts';
import { caveats, incompatibilities } from './compatibility.ts';
import { compareCost, type CostComparison, type CostGap } from './cost.ts';
import { gateSpread, processesOf } from './process-spread.ts';

export interface CompareOptions {
  /** Relative worsening beyond which a significant slowdown is a regression: 0.10 = 10 %. */
  threshold: number;
  /** Compare files that measured different data, profiles or database products anyway. */
  force?: boolean;
  /** Queries per request that grew do not fail the comparison (they are still shown). */
  allowQueryGrowth?: boolean;
  /** σ of the log-ratio between two server processes of the same code (default PROCESS_SPREAD; 0 turns it off). */
  processSpread?: number;
}

export type MetricName = 'rps' | 'p99';

export interface MetricComparison {
  metric: MetricName;
  unit: 'req/s' | 'ms';
  higherIsBetter: boolean;
  /** Median across trials with its bootstrap 95 % CI, in `unit`. */
  base: Interval;
  head: Interval;
  /** median(head) / median(base) with its bootstrap 95 % CI: 1.25 = 25 % higher in head. */
  ratio: Interval;
  verdict: Verdict;
  /** Significant and worse than the threshold: what fails CI. */
  regression: boolean;
}

export interface LevelComparison {
  connections: number;
  trials: { base: number; head: number };
  /** Either side's req/s varied more than the runner's noise bound across trials. */
  noisy: boolean;
  rps: MetricComparison;
  p99: MetricComparison;
  /** Median CPU per request (µs) of the strategy server, the database and the cache, each side; null: not measured. */
  cpu: { base: CpuSplit; head: CpuSplit };
}

export interface CpuSplit {
  app: number | null;
  db: number | null;
  cache: number | null;
}

function cpuSplit(l: LoadLevel): CpuSplit {
  const med = (pick: (s: NonNullable<LoadLevel['trials'][number]['server']>) => number | null | undefined): number | null => {
    const xs = l.trials.flatMap((t) => (t.server ? [pick(t.server)] : [])).filter((x): x is number => typeof x === 'number');
    return xs.length ? median(xs) : null;
  };
  return { app: med((s) => s.cpuMicrosPerRequest), db: med((s) => s.dbCpuMicrosPerRequest), cache: med((s) => s.cacheCpuMicrosPerRequest) };
}

/** A head-only strategy's figures: nothing to compare them with, but trackers (Bencher, charts) still want them. */
export interface HeadOnlyLevel {
  connections: number;
  rps: Interval;
  /** p99 latency, ms. */
  p99: Interval;
}

interface Named {
  scenario: string;
  strategy: string;
}

export type Entry =
  | (Named & { kind: 'compared'; levels: LevelComparison[]; notes: string[] })
  /** Present in head only (a new strategy), with head's status and, when it completed, its figures. */
  | (Named & { kind: 'added'; status: StrategyResult['status']; reason: string | null; levels: HeadOnlyLevel[] })
  /** Present in base only (a strategy that head no longer has). */
  | (Named & { kind: 'removed'; status: StrategyResult['status']; reason: string | null })
  /** On both sides, but at least one side has no figures to compare (failed, skipped, degraded). */
  | (Named & { kind: 'not-compared'; reasons: string[] });

export interface RunSide {
  runId: string;
  sha: string;
  branch: string;
  dirty: boolean;
  subject: string | null;
  startedAt: string;
  machine: Result['machine'];
  node: string;
  provider: string;
  servers: Array<{ need: string; server: string | null; reason: string | null }>;
  profile: Result['profile'];
  dataset: { preset: string; seed: number };
}

export interface Regression extends Named {
  connections: number;
  metrics: MetricComparison[];
}

export interface Comparison {
  threshold: number;
  allowQueryGrowth: boolean;
  base: RunSide;
  head: RunSide;
  /**
   * The timed figures are judged together: `figures` intervals (req/s and p99 of every level compared), each at
   * `each` confidence, so that all of them hold at once with `confidence` (Bonferroni). A gate that asks 26 questions
   * at 95 % each answers one of them wrongly in most runs on identical code; this one in at most 5 % of them.
   */
  family: {
    figures: number;
    confidence: number;
    each: number;
    /** σₚ the intervals carried: the larger of the one assumed and the one this run measured. */
    processSpread: number;
    /** σₚ measured between processes of the same code in this run, and from how many pairs of them (null: not measured). */
    measuredProcessSpread: { spread: number; samples: number } | null;
    /** Server processes a side per strategy (the least over compared levels): the process term is σₚ / √processes. */
    processes: number;
  };
  /** Incompatibilities that would have refused the comparison, overridden by `force`. */
  forced: string[];
  caveats: string[];
  entries: Entry[];
  regressions: Regression[];
  /** Exact costs (from verification) of every strategy present on both sides, base against head. */
  costs: CostComparison[];
  costGaps: CostGap[];
  /** Strategies whose queries per request grew: fail the comparison unless allowQueryGrowth. */
  costRegressions: CostComparison[];
}

function side(r: Result): RunSide {
  return {
    runId: r.runId,
    sha: r.git.sha,
    branch: r.git.branch,
    dirty: r.git.dirty,
    subject: r.git.subject,
    startedAt: r.startedAt,
    machine: r.machine,
    node: r.versions.node ?? 'unknown',
    provider: r.infra.provider,
    servers: r.infra.backends.map((b) => ({ need: b.need, server: b.server, reason: b.reason })),
    profile: r.profile,
    dataset: { preset: r.dataset.preset, seed: r.dataset.seed },
  };
}

/** All the intervals of one comparison hold together with this confidence (see Comparison.family). */
export const FAMILY_CONFIDENCE = 0.95;

/** Each interval's confidence for `figures` intervals that must hold together (Bonferroni: never below 95 %). */
export function eachConfidence(figures: number): number {
  return 1 - (1 - FAMILY_CONFIDENCE) / Math.max(1, figures);
}

/**
 * σ of log(head / base) between two server processes of the same code, measured on the reference machine
 * (docs/measurement.md, "Two processes of the same code"): each process keeps a speed of its own for its lifetime
 * (code layout, JIT decisions, heap sizing), so rounds within one run, however many, cannot tell it from a change
 * in the code. `calibrate` measures it on another machine; `--process-spread` sets it.
 */
export const PROCESS_SPREAD = 0.03;

/**
 * The interval of a head/base ratio widened by the between-process spread: in logs, each side's half-width and
 * z·spread add in quadrature (z for the interval's own confidence), as the two variances add.
 */
export function withProcessSpread(ratio: Interval, spread: number, confidence: number): Interval {
  if (!(spread > 0)) return ratio;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const e = Math.log(ratio.estimate);
  return {
    ...ratio,
    low: Math.exp(e - Math.hypot(e - Math.log(ratio.low), z * spread)),
    high: Math.exp(e + Math.hypot(Math.log(ratio.high) - e, z * spread)),
  };
}

/** Enough resamples that the interval's tails (each (1 − confidence) / 2) hold at least 10 of them. */
const bootstrapIterations = (confidence: number): number => Math.max(5000, Math.ceil(20 / (1 - confidence)));

const unusable = (xs: number[]): boolean => xs.length === 0 || xs.some((x) => !(x > 0 && Number.isFinite(x)));

/**
 * Base and head measured in one `ab` run ran their i-th trials back to back in the same round, so each pair of trials
 * saw the same state of the machine: the per-round ratios remove the drift between rounds that unpaired resampling has
 * to carry as noise, and their Hodges–Lehmann centre with its exact signed-rank interval (src/stats/paired-ratio.ts)
 * is what is compared.
 */
function metric(
  name: MetricName,
  base: number[],
  head: number[],
  threshold: number,
  paired: boolean,
  confidence: number,
  spread: number,
  processes: number,
): MetricComparison {
  const higherIsBetter = name === 'rps';
  const within =
    paired && base.length === head.length && base.length > 1
      ? pairedRatioCi(base, head, confidence)
      : ratioOfMediansCi(base, head, { confidence, iterations: bootstrapIterations(confidence) });
  // The estimate averages over `processes` pairs of server processes: each one's own speed weighs 1/processes.
  const ratio = withProcessSpread(within, spread / Math.sqrt(processes), confidence);
  const v = verdict(ratio, { threshold, higherIsBetter });
  return {
    metric: name,
    unit: higherIsBetter ? 'req/s' : 'ms',
    higherIsBetter,
    base: bootstrapCi(base),
    head: bootstrapCi(head),
    ratio,
    ...v,
  };
}

/** A level's req/s and p99 (ms) per trial, base then head; or why they cannot be compared. */
type Figures = { rps: readonly [number[], number[]]; p99: readonly [number[], number[]] };

function figuresOf(b: LoadLevel, h: LoadLevel): Figures | string {
  const rps = [b.trials.map((t) => t.rps), h.trials.map((t) => t.rps)] as const;
  const p99 = [b.trials.map((t) => t.latencyUs.p99 / 1000), h.trials.map((t) => t.latencyUs.p99 / 1000)] as const;
  for (const [i, label] of [[0, 'base'] as const, [1, 'head'] as const]) {
    if (unusable(rps[i]) || unusable(p99[i])) return `${label} at ${b.connections} connections has a trial without successful requests`;
  }
  return { rps, p99 };
}

function judgeLevel(
  b: LoadLevel,
  h: LoadLevel,
  f: Figures,
  threshold: number,
  paired: boolean,
  confidence: number,
  spread: number,
): LevelComparison {
  const processes = Math.min(processesOf(b), processesOf(h));
  return {
    connections: b.connections,
    trials: { base: b.trials.length, head: h.trials.length },
    noisy: b.summary.noisy || h.summary.noisy,
    rps: metric('rps', [...f.rps[0]], [...f.rps[1]], threshold, paired, confidence, spread, processes),
    p99: metric('p99', [...f.p99[0]], [...f.p99[1]], threshold, paired, confidence, spread, processes),
    cpu: { base: cpuSplit(b), head: cpuSplit(h) },
  };
}

/** One load level, or the reason it cannot be compared (`paired`: the trials of both sides ran round by round). */
export function compareLevel(
  b: LoadLevel,
  h: LoadLevel,
  threshold: number,
  paired: boolean,
  confidence = FAMILY_CONFIDENCE,
  spread = PROCESS_SPREAD,
): LevelComparison | string {
  const f = figuresOf(b, h);
  return typeof f === 'string' ? f : judgeLevel(b, h, f, threshold, paired, confidence, spread);
}

const named = (s: StrategyResult): Named => ({ scenario: s.scenario, strategy: s.strategy });

function headOnly(s: StrategyResult): HeadOnlyLevel[] {
  if (s.status !== 'completed' || s.degraded) return [];
  return s.levels.flatMap((l) => {
    const rps = l.trials.map((t) => t.rps);
    const p99 = l.trials.map((t) => t.latencyUs.p99 / 1000);
    return unusable(rps) || unusable(p99) ? [] : [{ connections: l.connections, rps: bootstrapCi(rps), p99: bootstrapCi(p99) }];
  });
}

const why = (label: string, s: StrategyResult): string | null =>
  s.status === 'completed' ? (s.degraded ? `${label} degraded during load: ${s.degraded}` : null) : `${label} ${s.status}: ${s.reason}`;

/** The levels of one strategy that both sides measured with usable trials, or why none can be compared. */
type Matched =
  | { kind: 'not-compared'; reasons: string[] }
  | { kind: 'matched'; levels: Array<{ b: LoadLevel; h: LoadLevel; f: Figures }>; notes: string[] };

function matchLevels(b: StrategyResult, h: StrategyResult): Matched {
  const reasons = [why('base', b), why('head', h)].filter((r): r is string => r !== null);
  if (reasons.length > 0 || b.status !== 'completed' || h.status !== 'completed') return { kind: 'not-compared', reasons };
  const levels: Array<{ b: LoadLevel; h: LoadLevel; f: Figures }> = [];
  const notes: string[] = [];
  for (const hl of h.levels) {
    const bl = b.levels.find((l) => l.connections === hl.connections);
    if (!bl) {
      notes.push(`${hl.connections} connections measured in head only`);
      continue;
    }
    const f = figuresOf(bl, hl);
    if (typeof f === 'string') notes.push(f);
    else levels.push({ b: bl, h: hl, f });
  }
  for (const bl of b.levels)
    if (!h.levels.some((l) => l.connections === bl.connections)) notes.push(`${bl.connections} connections measured in base only`);
  if (levels.length === 0) return { kind: 'not-compared', reasons: notes.length ? notes : ['no load level measured on both sides'] };
  return { kind: 'matched', levels, notes };
}

function compareStrategy(m: Matched, id: Named, threshold: number, paired: boolean, confidence: number, spread: number): Entry {
  if (m.kind === 'not-compared') return { ...id, ...m };
  const levels = m.levels.map((l) => judgeLevel(l.b, l.h, l.f, threshold, paired, confidence, spread));
  return { ...id, kind: 'compared', levels, notes: m.notes };
}

/** See src/stats/bootstrap.ts: with fewer than 5 trials a side, "95 %" intervals are [min, max] of the trials. */
function fewTrials(entries: Entry[]): string[] {
  const counts = entries.flatMap((e) => (e.kind === 'compared' ? e.levels.flatMap((l) => [l.trials.base, l.trials.head]) : []));
  const n = counts.length ? Math.min(...counts) : Infinity;
  if (n >= 5) return [];
  return [
    `only ${n} trial${n === 1 ? '' : 's'} per side: the bootstrap interval of a median then spans the trials' range, so "significant" means ` +
      `every head trial beat (or lost to) every base trial — a screen, not a measurement; run more trials (--trials) when a verdict matters`,
  ];
}

/**
 * Compares head against base. Throws ConfigError (one line) when the files measured different things — dataset,
 * profile or database product — unless `force`; the overridden differences are then kept in `forced`.
 */
export function compareResults(base: Result, head: Result, opts: CompareOptions): Comparison {
  const { threshold } = opts;
  if (!(threshold >= 0 && threshold < 1)) throw new ConfigError(`threshold must be in [0, 1), got ${threshold}`);
  const problems = incompatibilities(base, head);
  if (problems.length > 0 && !opts.force)
    throw new ConfigError(`base and head are not comparable: ${problems.join('; ')} (pass --force to compare anyway)`);
  // Entries in order; a strategy on both sides is judged once the number of figures (its confidence) is known.
  const pending: Array<Entry | { matched: Matched; id: Named }> = [];
  // The two sides of one `ab` run share its id: their trials are paired round by round.
  const paired = base.runId === head.runId;
  const spread = opts.processSpread ?? PROCESS_SPREAD;
  if (!(spread >= 0 && spread < 1)) throw new ConfigError(`process spread must be in [0, 1), got ${spread}`);
  const key = (s: Named): string => `${s.scenario}\u0000${s.strategy}`;
  const baseByKey = new Map(base.scenarios.flatMap((sc) => sc.strategies.map((s) => [key(s), s] as const)));
  const seen = new Set<string>();
  const costs: CostComparison[] = [];
  const costGaps: CostGap[] = [];
  for (const sc of head.scenarios) {
    for (const h of sc.strategies) {
      const b = baseByKey.get(key(h));
      seen.add(key(h));
      if (b) {
        const cost = compareCost(b, h);
        if (typeof cost === 'string') costGaps.push({ ...named(h), reason: cost });
        else if (cost) costs.push(cost);
      }
      if (!b)
        pending.push({
          ...named(h),
          kind: 'added',
          status: h.status,
          reason: h.status === 'completed' ? null : h.reason,
          levels: headOnly(h),
        });
      else pending.push({ matched: matchLevels(b, h), id: named(h) });
    }
  }
  for (const sc of base.scenarios) {
    for (const b of sc.strategies) {
      if (!seen.has(key(b)))
        pending.push({ ...named(b), kind: 'removed', status: b.status, reason: b.status === 'completed' ? null : b.reason });
    }
  }
  const matched = pending.flatMap((p) => ('matched' in p && p.matched.kind === 'matched' ? p.matched.levels : []));
  const figures = 2 * matched.length;
  const confidence = eachConfidence(figures);
  // Where the run timed several processes a side, it measured σₚ itself (src/compare/process-spread.ts).
  const { used, measured } = gateSpread(
    matched.flatMap((l) => [l.b, l.h]),
    spread,
  );
  const processes = matched.length ? Math.min(...matched.map((l) => Math.min(processesOf(l.b), processesOf(l.h)))) : 1;
  const entries = pending.map((p) => ('matched' in p ? compareStrategy(p.matched, p.id, threshold, paired, confidence, used) : p));
  const regressions: Regression[] = [];
  for (const e of entries) {
    if (e.kind !== 'compared') continue;
    for (const l of e.levels) {
      const metrics = [l.rps, l.p99].filter((m) => m.regression);
      if (metrics.length > 0) regressions.push({ scenario: e.scenario, strategy: e.strategy, connections: l.connections, metrics });
    }
  }
  const allowQueryGrowth = !!opts.allowQueryGrowth;
  return {
    threshold,
    allowQueryGrowth,
    base: side(base),
    head: side(head),
    family: { figures, confidence: FAMILY_CONFIDENCE, each: confidence, processSpread: used, measuredProcessSpread: measured, processes },
    forced: problems,
    caveats: [...caveats(base, head), ...fewTrials(entries)],
    entries,
    regressions,
    costs,
    costGaps,
    costRegressions: allowQueryGrowth ? [] : costs.filter((c) => c.queryGrowth),
  };
}
