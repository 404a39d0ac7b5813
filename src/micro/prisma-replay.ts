// Prisma without a database. Prisma 7 compiles each call to a query plan and interprets it in JS: it sends SQL
// through the driver adapter, maps the adapter's result sets (column names, types, row arrays) to objects and stitches
// the relations. That mapping is internal (not exported), so it is measured by running the real client over an
// adapter that replays result sets captured once from a real PostgreSQL through @prisma/adapter-pg
// (see src/testing/capture-prisma.ts). What this excludes: the network, PostgreSQL, pg's wire parsing and the PrismaPg
// adapter's own conversion of pg values — everything below the adapter boundary.
import { readFileSync } from 'node:fs';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlResultSet } from '@prisma/driver-adapter-utils';
import type { Ctx } from '../core/context.ts';
import { PrismaClient } from '../../datasets/prisma/generated/client.ts';

/** One adapter call as captured: the SQL Prisma sent, its arguments, and the result set the adapter returned. */
export interface CapturedQuery {
  sql: string;
  args: unknown[];
  result: SqlResultSet;
}

export interface PrismaFixture {
  /** How the fixture was made, for a reader who wants to reproduce it. */
  source: { preset: string; seed: number; prisma: string; adapter: string; strategy: string };
  /** Per post id: the queries prisma-include's read issued, sorted by SQL text (replay matches by text and args). */
  posts: Record<string, CapturedQuery[]>;
}

export const FIXTURE_URL = new URL('./fixtures/prisma-include.json', import.meta.url);

export function loadPrismaFixture(): PrismaFixture {
  return JSON.parse(readFileSync(FIXTURE_URL, 'utf8')) as PrismaFixture;
}

const keyOf = (sql: string, args: unknown[]): string => `${sql}\u0000${JSON.stringify(args)}`;

/** The member functions of an adapter that a read-only findUnique never calls: each fails loudly if it ever does. */
function unsupported(what: string): never {
  throw new Error(`the replay adapter does not support ${what}: micro-benchmarks only replay captured reads`);
}

/**
 * A driver adapter whose queryRaw answers from captured result sets, matched by SQL text and arguments. The same
 * result objects are returned on every call (no copying inside the timed path); the test freezes them to prove
 * Prisma never mutates what an adapter returns.
 */
export function replayAdapter(queries: readonly CapturedQuery[]): SqlDriverAdapterFactory {
  const answers = new Map<string, SqlResultSet>();
  for (const q of queries) answers.set(keyOf(q.sql, q.args), q.result);
  const queryRaw = async (q: SqlQuery): Promise<SqlResultSet> => {
    const r = answers.get(keyOf(q.sql, q.args));
    if (!r)
      throw new Error(`no captured result for ${q.sql} ${JSON.stringify(q.args)}: regenerate with npx tsx src/testing/capture-prisma.ts`);
    return r;
  };
  const adapter: SqlDriverAdapter = {
    provider: 'postgres',
    // The real adapter's name, so the client takes exactly the code path it takes in the strategy servers.
    adapterName: '@prisma/adapter-pg',
    queryRaw,
    executeRaw: () => unsupported('executeRaw'),
    executeScript: () => unsupported('executeScript'),
    startTransaction: () => unsupported('startTransaction'),
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };
  return { provider: 'postgres', adapterName: '@prisma/adapter-pg', connect: async () => adapter };
}

/** A PrismaClient of the project's generated schema over any adapter factory. */
export function prismaOver(adapter: SqlDriverAdapterFactory): PrismaClient {
  return new PrismaClient({ adapter });
}

/** A ctx holding only a Prisma client: prisma-include reads nothing else, and anything else fails loudly. */
export function prismaOnlyCtx(prisma: PrismaClient): Ctx {
  return new Proxy({} as Ctx, {
    get(_t, key) {
      if (key === 'prisma') return prisma;
      throw new Error(`micro-benchmarks give prisma-include a Prisma client only (asked for ctx.${String(key)})`);
    },
  });
}
