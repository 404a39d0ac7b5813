// row-mapping — what it costs in-process to turn database rows into the post-detail payload, with no database.
// pg side: row objects as pg hands them over (snake_case keys, Date values) mapped and stitched by hand, as pg-naive
// and any hand-written repository do; plus, apart, pg's own parsing of text-protocol values into such rows.
// Prisma side: prisma-include's real read through a real PrismaClient whose driver adapter replays result sets
// captured from PostgreSQL (prisma-replay.ts): argument validation and parameterization, the plan lookup (compiled
// once, then served from Prisma's default query plan cache, as in a warm server), plan interpretation, mapping and
// relation stitching — Prisma's whole in-process cost above the adapter. Both sides start from the same rows (the
// test checks it); neither includes the driver's wire parsing below the adapter, except the one pg benchmark.
import pg from 'pg';
import { isoMs } from '../core/params.ts';
import { canonicalJson } from '../verify/canonical.ts';
import type { PostDetail, UserRef } from '../../scenarios/post-detail/contract.ts';
import prismaInclude from '../../scenarios/post-detail/postgres/prisma-include.ts';
import type { MicroGroup } from './bench.ts';
import { indexed, pgPostDetailRows, POST_10, POST_100, type PgPostDetailRows, type PgUserRefRow } from './inputs.ts';
import { loadPrismaFixture, prismaOnlyCtx, prismaOver, replayAdapter, type CapturedQuery } from './prisma-replay.ts';

const ref = (u: PgUserRefRow): UserRef => ({ id: u.id, username: u.username, displayName: u.display_name });

/** The hand mapping: one Map of comment authors by id, then plain object literals. */
export function mapPgRows(r: PgPostDetailRows): PostDetail {
  const commenters = new Map<number, UserRef>();
  for (const u of r.commenters) commenters.set(u.id, ref(u));
  return {
    id: r.post.id,
    title: r.post.title,
    body: r.post.body,
    createdAt: isoMs(r.post.created_at),
    author: ref(r.author),
    tags: r.tags.map((t) => t.name),
    comments: r.comments.map((c) => {
      const author = commenters.get(c.author_id);
      if (!author) throw new Error(`comment ${c.id}: author ${c.author_id} not among the fetched users`);
      return { id: c.id, body: c.body, createdAt: isoMs(c.created_at), author };
    }),
  };
}

// --- pg's row parsing, from the values of DataRow messages (text format) to row objects. pg.Result's addFields and
// parseRow are what pg's Client calls per message; they are public on the class but not in @types/pg.
interface RowParser {
  addFields(fields: Array<{ name: string; dataTypeID: number; format: 'text' }>): void;
  parseRow(values: Array<string | null>): Record<string, unknown>;
}
const OID = { int4: 23, text: 25, timestamptz: 1184 } as const;
const COMMENT_FIELDS = [
  { name: 'id', dataTypeID: OID.int4 },
  { name: 'post_id', dataTypeID: OID.int4 },
  { name: 'author_id', dataTypeID: OID.int4 },
  { name: 'body', dataTypeID: OID.text },
  { name: 'created_at', dataTypeID: OID.timestamptz },
].map((f) => ({ ...f, format: 'text' as const }));

/** PostgreSQL's text output of a timestamptz (DateStyle ISO, TimeZone UTC): the fraction only when non-zero. */
export function pgTimestamptzText(d: Date): string {
  const iso = d.toISOString(); // 2024-01-01T00:29:31.321Z
  const ms = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${ms === '000' ? '' : `.${ms.replace(/0+$/, '')}`}+00`;
}

/** The comments as DataRow values, as PostgreSQL sends them for prisma-include's / pg-naive's comments query. */
export function commentWireValues(r: PgPostDetailRows): string[][] {
  return r.comments.map((c) => [String(c.id), String(c.post_id), String(c.author_id), c.body, pgTimestamptzText(c.created_at)]);
}

export function parseCommentRows(wire: readonly string[][]): Array<Record<string, unknown>> {
  const result = new pg.Result('object', pg.types) as unknown as RowParser;
  result.addFields(COMMENT_FIELDS);
  return wire.map((values) => result.parseRow(values));
}

// --- Prisma over the replay adapter.
export interface PrismaReplay {
  read: (id: number) => Promise<PostDetail | null>;
  close: () => Promise<void>;
}

export function prismaReplay(queries: readonly CapturedQuery[]): PrismaReplay {
  const prisma = prismaOver(replayAdapter(queries));
  const ctx = prismaOnlyCtx(prisma);
  return { read: (id) => prismaInclude.read({ id }, ctx), close: () => prisma.$disconnect() };
}

export function allCapturedQueries(): CapturedQuery[] {
  return Object.values(loadPrismaFixture().posts).flat();
}

export function rowMappingGroup(replay: PrismaReplay): MicroGroup {
  const ix = indexed();
  const rows10 = pgPostDetailRows(ix, POST_10);
  const rows100 = pgPostDetailRows(ix, POST_100);
  const wire100 = commentWireValues(rows100);
  return {
    group: 'row-mapping',
    benches: [
      { name: 'pg rows → post-detail, mapped by hand (10 comments)', fn: () => mapPgRows(rows10) },
      { name: 'pg rows → post-detail, mapped by hand (100 comments)', fn: () => mapPgRows(rows100) },
      { name: 'pg driver: 100 comment rows parsed from text protocol (pg.Result.parseRow)', fn: () => parseCommentRows(wire100) },
      { name: 'prisma-include read on replayed adapter rows (10 comments)', fn: () => replay.read(POST_10), async: true },
      { name: 'prisma-include read on replayed adapter rows (100 comments)', fn: () => replay.read(POST_100), async: true },
    ],
    check: async () => {
      for (const [id, rows] of [
        [POST_10, rows10],
        [POST_100, rows100],
      ] as const) {
        const hand = canonicalJson(mapPgRows(rows));
        const prisma = canonicalJson(await replay.read(id));
        if (hand !== prisma)
          throw new Error(`row-mapping: the hand mapping and Prisma disagree on post ${id}: is the Prisma fixture stale?`);
      }
    },
  };
}
