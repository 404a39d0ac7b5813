// The result's record of a scenario's database variants (src/core/variants.ts): what each variant's SQL left on its
// database copy, and the plan the reference statement got there for one sample request. Additive to schema version 1:
// absent from results of scenarios without variants and from files written before variants existed.
import { z } from 'zod';

export const VariantIndex = z.object({
  table: z.string(),
  name: z.string(),
  /** pg_indexes.indexdef */
  definition: z.string(),
  /** pg_relation_size of the index after the variant's SQL, before the load. */
  bytes: z.number(),
});

export const VariantPlan = z.object({
  /** Whose statement it is, e.g. "pg-join's statement". */
  statement: z.string(),
  /** The sample request's params (URL form, JSON). */
  params: z.string(),
  /** EXPLAIN (ANALYZE, BUFFERS) output, as PostgreSQL printed it. */
  text: z.string(),
  planningMs: z.number().nullable(),
  executionMs: z.number().nullable(),
  /** The top node's buffers: pages found in shared buffers, and read from the OS. */
  sharedHit: z.number().nullable(),
  sharedRead: z.number().nullable(),
});

export const VariantRecord = z.object({
  name: z.string(),
  summary: z.string(),
  /** The statements that turned a copy of the seeded database into this variant. */
  sql: z.array(z.string()),
  /** The contender whose database copy was described (every contender of a variant gets the same SQL). */
  describedOn: z.string(),
  indexes: z.array(VariantIndex),
  /** Null when the scenario names no statement to explain or EXPLAIN failed (`planError` says why). */
  plan: VariantPlan.nullable(),
  planError: z.string().optional(),
});
export type VariantRecord = z.infer<typeof VariantRecord>;
