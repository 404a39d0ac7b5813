// Exact costs of a strategy, from verification: a fixed sample of params read one at a time, so for a fixed seed
// the queries, rows and bytes per request are the same on every run and every machine. Unlike req/s and p99 they
// need no statistics: any change is a change in the code. Statements are fingerprinted with their literals replaced,
// so that "which statements a request issues" can be compared across commits (an N+1 shows up as a new statement
// issued many times per request).
import { createHash } from 'node:crypto';
import type { Cost } from '../results/schema.ts';

/**
 * SQL text with literals replaced: strings, numbers and lists of placeholders (Prisma's IN ($1,$2,…), whose length
 * depends on the data), the placeholders after such a list renumbered.
 */
export function normalizeSql(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."])-?\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\bIN\s*\(\s*\$\d+(?:\s*,\s*\$\d+)*\s*\)/gi, 'IN ($…)')
    .replace(/\$\d+|\(\$…\)/g, renumber());
}

/** Placeholders renumbered in order, a collapsed list counting as one: "IN ($…) OFFSET $101" → "IN ($…) OFFSET $2". */
function renumber(): (token: string) => string {
  let n = 0;
  return (token) => ((n += 1), token === '($…)' ? token : `$${n}`);
}

// Keys whose values are part of a MongoDB command's shape, not literals (directions, projections, names).
const SHAPE_KEYS = new Set(['sort', '$sort', 'projection', '$project', 'from', 'localField', 'foreignField', 'as']);

function shape(value: unknown, keep: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => shape(v, keep));
    // A list of literals ($in: [1, 2, 3]) is one literal: its length depends on the data, not on the code.
    return items.every((v) => v === '?') && items.length > 0 ? ['?'] : items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = shape(v, keep || SHAPE_KEYS.has(k));
    return out;
  }
  if (keep) return value;
  // Field paths ("$author") and operators are code; other scalars are literals.
  if (typeof value === 'string' && value.startsWith('$')) return value;
  return '?';
}

/**
 * A MongoDB command (as instrument.ts records it: JSON) with literals replaced. The command's first key names the
 * collection, which is kept; so are sort and projection specs and $lookup's names.
 */
export function normalizeMongo(json: string): string {
  let cmd: unknown;
  try {
    cmd = JSON.parse(json);
  } catch {
    return normalizeSql(json);
  }
  if (!cmd || typeof cmd !== 'object' || Array.isArray(cmd)) return normalizeSql(json);
  const entries = Object.entries(cmd as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [i, [k, v]] of entries.entries()) out[k] = i === 0 ? v : shape(v, SHAPE_KEYS.has(k));
  return JSON.stringify(out);
}

export function normalizeStatement(text: string): string {
  return text.trimStart().startsWith('{') ? normalizeMongo(text) : normalizeSql(text);
}

export const fingerprint = (normalized: string): string => createHash('sha256').update(normalized).digest('hex').slice(0, 12);

/** One request as verification saw it. */
export interface CostSample {
  queries: number;
  rows: number;
  bytes: number;
  statements: string[];
  /** Cache round trips (absent from servers of older commits). */
  cacheRoundTrips?: number;
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

/**
 * `reads`: the first read of each sample (cold path); `repeats`: the second read of each (warm: a cache hit may
 * issue nothing); `writes`: verified writes, when the scenario has them.
 */
export function summarizeCost(
  reads: CostSample[],
  repeats: CostSample[],
  writes: Array<{ queries: number; rowsWritten: number; cacheRoundTrips?: number }> | null,
): Cost {
  const statements = new Map<string, { id: string; text: string; count: number }>();
  for (const r of reads) {
    for (const s of r.statements) {
      const text = normalizeStatement(s);
      const id = fingerprint(text);
      const seen = statements.get(id);
      if (seen) seen.count++;
      else statements.set(id, { id, text, count: 1 });
    }
  }
  return {
    samples: reads.length,
    queriesPerRequest: mean(reads.map((r) => r.queries)),
    queriesPerRepeat: mean(repeats.map((r) => r.queries)),
    rowsPerRequest: mean(reads.map((r) => r.rows)),
    bytesPerResponse: mean(reads.map((r) => r.bytes)),
    writes:
      writes && writes.length > 0
        ? {
            samples: writes.length,
            queriesPerWrite: mean(writes.map((w) => w.queries)),
            rowsWrittenPerWrite: mean(writes.map((w) => w.rowsWritten)),
          }
        : null,
    statements: [...statements.values()],
    ...cacheRoundTrips(reads, repeats, writes ?? []),
  };
}

/** Cache round trips per first read, repeated read and write: only for strategies that sent any. */
function cacheRoundTrips(
  reads: CostSample[],
  repeats: CostSample[],
  writes: Array<{ cacheRoundTrips?: number }>,
): Pick<Cost, 'cacheRoundTripsPerRequest' | 'cacheRoundTripsPerRepeat' | 'cacheRoundTripsPerWrite'> {
  const trips = (xs: Array<{ cacheRoundTrips?: number }>): number[] => xs.map((x) => x.cacheRoundTrips ?? 0);
  if (![...reads, ...repeats, ...writes].some((x) => (x.cacheRoundTrips ?? 0) > 0)) return {};
  return {
    cacheRoundTripsPerRequest: mean(trips(reads)),
    cacheRoundTripsPerRepeat: mean(trips(repeats)),
    ...(writes.length > 0 ? { cacheRoundTripsPerWrite: mean(trips(writes)) } : {}),
  };
}
