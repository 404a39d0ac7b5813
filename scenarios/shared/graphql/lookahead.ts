// The look-ahead resolvers: the root field reads the whole selection below it from the resolve info (fields, inline
// fragments and named fragments) and builds ONE SQL statement that returns exactly that tree as JSON (json_build_object
// and json_agg, as pg-join does); the fields below it read properties. What a selection costs is fixed by its shape, not
// its fan-out. The SQL of a selection is built once per parsed document (documents are cached, so the same field node
// comes back) and sent as a named statement, prepared once per pooled connection. @skip/@include are not evaluated
// here: such fields are fetched, and graphql-js leaves them out of the reply as the directives say.
import { createHash } from 'node:crypto';
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Ctx } from '../../../src/core/context.ts';
import { sqlIsoMs } from '../../../src/core/params.ts';
import { feedPage, offsetOf, PAGE_SIZE, postId } from './args.ts';
import { schemaWith } from './server.ts';

type Fields = Map<string, FieldNode[]>;

/** The selected fields of a selection set by field name (aliases and fragments merged), without __typename. */
function fieldsOf(sets: ReadonlyArray<SelectionSetNode | undefined>, info: GraphQLResolveInfo, into: Fields = new Map()): Fields {
  for (const set of sets) {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === '__typename') continue;
        into.set(sel.name.value, [...(into.get(sel.name.value) ?? []), sel]);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) fieldsOf([sel.selectionSet], info, into);
      else fieldsOf([info.fragments[sel.name.value]?.selectionSet], info, into);
    }
  }
  return into;
}

const below = (nodes: readonly FieldNode[] | undefined, info: GraphQLResolveInfo): Fields =>
  fieldsOf(
    (nodes ?? []).map((n) => n.selectionSet),
    info,
  );

const object = (pairs: string[]): string => `json_build_object(${pairs.join(', ')})`;

const COLUMNS: Record<string, Record<string, (a: string) => string>> = {
  User: { id: (a) => `${a}.id`, username: (a) => `${a}.username`, displayName: (a) => `${a}.display_name` },
  Comment: { id: (a) => `${a}.id`, body: (a) => `${a}.body`, createdAt: (a) => sqlIsoMs(`${a}.created_at`) },
  Post: { id: (a) => `${a}.id`, title: (a) => `${a}.title`, body: (a) => `${a}.body`, createdAt: (a) => sqlIsoMs(`${a}.created_at`) },
};

function userSql(fields: Fields, id: string): string {
  const pairs = columns('User', fields, 'u');
  return `(SELECT ${object(pairs)} FROM users u WHERE u.id = ${id})`;
}

function columns(type: string, fields: Fields, alias: string): string[] {
  const cols = COLUMNS[type] as Record<string, (a: string) => string>;
  return [...fields.keys()].filter((f) => cols[f]).map((f) => `'${f}', ${(cols[f] as (a: string) => string)(alias)}`);
}

function postSql(fields: Fields, info: GraphQLResolveInfo): string {
  const pairs = columns('Post', fields, 'p');
  const author = fields.get('author');
  if (author) pairs.push(`'author', ${userSql(below(author, info), 'p.author_id')}`);
  const comments = fields.get('comments');
  if (comments) {
    const cf = below(comments, info);
    const c = columns('Comment', cf, 'c');
    const ca = cf.get('author');
    if (ca) c.push(`'author', ${userSql(below(ca, info), 'c.author_id')}`);
    pairs.push(
      `'comments', coalesce((SELECT json_agg(${object(c)} ORDER BY c.created_at, c.id) FROM comments c WHERE c.post_id = p.id), '[]')`,
    );
  }
  if (fields.has('commentCount')) pairs.push(`'commentCount', (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id)`);
  if (fields.has('tags')) {
    // Tag has one field, its name; byte order (COLLATE "C") as the REST contract sorts tags.
    pairs.push(
      `'tags', coalesce((SELECT json_agg(json_build_object('name', t.name) ORDER BY t.name COLLATE "C") ` +
        `FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '[]')`,
    );
  }
  return object(pairs);
}

interface Statement {
  name: string;
  text: string;
}

const named = (text: string): Statement => ({ name: `gql-la-${createHash('sha1').update(text).digest('hex').slice(0, 16)}`, text });

/** The statement of a root field's selection, built once per field node of a cached document. */
const built = new WeakMap<FieldNode, Statement | null>();
function statementFor(info: GraphQLResolveInfo, build: (fields: Fields) => Statement | null): Statement | null {
  const node = info.fieldNodes[0] as FieldNode;
  if (info.fieldNodes.length === 1 && built.has(node)) return built.get(node) ?? null;
  const s = build(below(info.fieldNodes, info));
  if (info.fieldNodes.length === 1) built.set(node, s);
  return s;
}

export const lookaheadSchema = schemaWith<Ctx>({
  Query: {
    post: async (_: unknown, a: { id: number }, ctx, info) => {
      const s = statementFor(info, (f) => named(`SELECT ${postSql(f, info)} AS post FROM posts p WHERE p.id = $1`)) as Statement;
      return (await ctx.pg.query<{ post: unknown }>({ ...s, values: [postId(a.id)] })).rows[0]?.post ?? null;
    },
    feed: async (_: unknown, a: { page: number }, ctx, info) => {
      const page = feedPage(a.page);
      const s = statementFor(info, (f) => {
        const posts = f.get('posts');
        if (!posts) return null;
        return named(
          `SELECT coalesce(json_agg(${postSql(below(posts, info), info)} ORDER BY p.created_at DESC, p.id DESC), '[]') AS posts ` +
            `FROM (SELECT * FROM posts ORDER BY created_at DESC, id DESC LIMIT ${PAGE_SIZE} OFFSET $1) p`,
        );
      });
      if (!s) return { page };
      return { page, posts: (await ctx.pg.query<{ posts: unknown }>({ ...s, values: [offsetOf(page)] })).rows[0]?.posts ?? [] };
    },
  },
});
