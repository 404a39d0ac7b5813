// What each database variant of a scenario (src/core/variants.ts) looks like once prepared, for the result and the
// report: the indexes on its copy (pg_indexes, with sizes) and the plan the reference statement gets there —
// EXPLAIN (ANALYZE, BUFFERS) for one sample request drawn like the load's reads. Read after verification, before
// timing, on the first contender of each variant (every contender of a variant got the same SQL).
import pg from 'pg';
import type { DatasetInfo } from '../core/dataset.ts';
import type { Endpoints } from '../core/infra.ts';
import { createRng } from '../core/rng.ts';
import type { Scenario, Strategy } from '../core/scenario.ts';
import { splitVariant } from '../core/variants.ts';
import type { VariantRecord } from '../results/variants-schema.ts';

/** The tables whose indexes a variant record lists: the seeded schema's (datasets/01-schema.sql). */
const TABLES = ['users', 'tags', 'posts', 'comments', 'post_tags'];

export interface DescribeVariantsOptions {
  scenario: Scenario;
  /** The contenders that passed verification, with the endpoints of their own database copies. */
  strategies: readonly Strategy[];
  endpointsFor: (s: Strategy) => Endpoints;
  info: DatasetInfo;
  seed: number;
  log: (line: string) => void;
}

type Plan = NonNullable<VariantRecord['plan']>;

const num = (m: RegExpMatchArray | null): number | null => (m?.[1] === undefined ? null : Number(m[1]));

/** The figures a reader looks at first, read from the text PostgreSQL printed. */
export function planFigures(text: string): Pick<Plan, 'planningMs' | 'executionMs' | 'sharedHit' | 'sharedRead'> {
  // The first "Buffers:" line belongs to the top node, whose counts include its children's.
  const buffers = text.split('\n').find((l) => /^\s*Buffers:/.test(l)) ?? '';
  return {
    planningMs: num(text.match(/Planning Time: ([\d.]+) ms/)),
    executionMs: num(text.match(/Execution Time: ([\d.]+) ms/)),
    sharedHit: num(buffers.match(/shared hit=(\d+)/)) ?? (buffers ? 0 : null),
    sharedRead: num(buffers.match(/read=(\d+)/)) ?? (buffers ? 0 : null),
  };
}

export async function describeVariants(opts: DescribeVariantsOptions): Promise<VariantRecord[]> {
  const { scenario } = opts;
  const declared = scenario.dbVariants;
  if (!declared) return [];
  const reference = declared.explain ? await declared.explain() : null;
  // One request drawn like the load's reads, the same on every variant.
  const params = scenario.params(createRng(opts.seed ^ 0xe9a1), opts.info);
  const out: VariantRecord[] = [];
  for (const [name, variant] of Object.entries(declared.variants)) {
    const on = opts.strategies.find((s) => splitVariant(s.name).variant === name && opts.endpointsFor(s).postgres);
    if (!on) continue;
    const client = new pg.Client({ connectionString: opts.endpointsFor(on).postgres?.url });
    client.on('error', () => {}); // a server stopped meanwhile fails the pending query instead
    await client.connect();
    try {
      const indexes = await client.query<{ table: string; name: string; definition: string; bytes: string }>(
        `SELECT tablename AS table, indexname AS name, indexdef AS definition,
                pg_relation_size(format('%I.%I', schemaname, indexname)::regclass)::text AS bytes
         FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1) ORDER BY tablename, indexname`,
        [TABLES],
      );
      const record: VariantRecord = {
        name,
        summary: variant.summary,
        sql: [...variant.sql],
        describedOn: on.name,
        indexes: indexes.rows.map((r) => ({ ...r, bytes: Number(r.bytes) })),
        plan: null,
      };
      if (reference) {
        try {
          const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${reference.sql}`, reference.args(params));
          const text = r.rows.map((row) => row['QUERY PLAN']).join('\n');
          record.plan = { statement: reference.label, params: JSON.stringify(params), text, ...planFigures(text) };
          opts.log(
            `${scenario.name}@${name}: plan of ${reference.label} for ${JSON.stringify(params)} — ` +
              `${record.plan.executionMs ?? '?'} ms, ${record.plan.sharedHit ?? '?'} buffers hit, ${record.plan.sharedRead ?? '?'} read`,
          );
        } catch (e) {
          record.planError = (e as Error).message;
          opts.log(`${scenario.name}@${name}: EXPLAIN failed — ${record.planError}`);
        }
      }
      out.push(record);
    } finally {
      await client.end();
    }
  }
  return out;
}
