// Indexes and constraints are built after the bulk load, not maintained row by row during it: one sort per index
// instead of a B-tree insert per row, and one anti-join per foreign key instead of a trigger per row. The SQL files
// stay the single source of the schema: their indexes and constraints are read back from the catalog after the files
// are applied, dropped, and recreated from the catalog's own definitions (same names, same definitions), so the
// final schema is exactly what the files declare (src/seed/schema.test.ts compares the two).
import pg from 'pg';

export interface Deferred {
  /** The table, as regclass text (quoted where needed). */
  table: string;
  /** 'f' foreign key, 'p'/'u' primary key / unique constraint, 'i' plain index. */
  kind: 'f' | 'p' | 'u' | 'i';
  drop: string;
  create: string;
}

/** Every index and key/foreign-key constraint of the tables in the public schema. */
export async function readDeferrable(c: pg.ClientBase): Promise<Deferred[]> {
  const cons = await c.query<{ tbl: string; name: string; kind: 'f' | 'p' | 'u'; def: string }>(
    `SELECT k.conrelid::regclass::text AS tbl, quote_ident(k.conname) AS name, k.contype AS kind,
            pg_get_constraintdef(k.oid) AS def
     FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid
     WHERE r.relnamespace = 'public'::regnamespace AND k.contype IN ('p', 'u', 'f')
     ORDER BY k.conname`,
  );
  // Indexes that back a key constraint come and go with it; a foreign key also points at an index (the referenced
  // key's), which is why the match is on the owning table and the constraint kind.
  const idx = await c.query<{ tbl: string; name: string; def: string }>(
    `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid
     WHERE r.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                       WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
     ORDER BY 2`,
  );
  return [
    ...cons.rows.map((r) => ({
      table: r.tbl,
      kind: r.kind,
      drop: `ALTER TABLE ${r.tbl} DROP CONSTRAINT ${r.name}`,
      create: `ALTER TABLE ${r.tbl} ADD CONSTRAINT ${r.name} ${r.def}`,
    })),
    ...idx.rows.map((r) => ({ table: r.tbl, kind: 'i' as const, drop: `DROP INDEX ${r.name}`, create: r.def })),
  ];
}

/** Foreign keys first (they depend on the referenced keys), then keys and indexes. */
export async function dropDeferred(c: pg.ClientBase, items: Deferred[]): Promise<void> {
  for (const d of items.filter((x) => x.kind === 'f')) await c.query(d.drop);
  for (const d of items.filter((x) => x.kind !== 'f')) await c.query(d.drop);
}

/**
 * Recreates `items` over the given connections: keys and indexes spread across them (each build is one sort, so two
 * run side by side on two cores), then foreign keys one at a time (validating one locks both tables against the
 * other validations).
 */
export async function restoreDeferred(clients: pg.ClientBase[], items: Deferred[]): Promise<void> {
  const queue = items.filter((x) => x.kind !== 'f');
  await Promise.all(
    clients.map(async (c) => {
      for (let d = queue.shift(); d; d = queue.shift()) await c.query(d.create);
    }),
  );
  const first = clients[0];
  if (!first) throw new Error('restoreDeferred needs a connection');
  for (const d of items.filter((x) => x.kind === 'f')) await first.query(d.create);
}
