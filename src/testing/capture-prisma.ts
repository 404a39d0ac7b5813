// Captures what @prisma/adapter-pg returns to the Prisma client for prisma-include's post-detail read, from a real
// PostgreSQL seeded with the tiny preset (seed 42), into src/micro/fixtures/prisma-include.json. The row-mapping
// micro-benchmark replays it (src/micro/prisma-replay.ts); src/micro/micro.test.ts captures again and fails when the
// fixture no longer matches, e.g. after a change to the generator, the schema or the Prisma version.
// Regenerate: npx tsx src/testing/capture-prisma.ts
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapterFactory, SqlQuery } from '@prisma/driver-adapter-utils';
import prismaInclude from '../../scenarios/post-detail/postgres/prisma-include.ts';
import { FIXTURE_URL, prismaOnlyCtx, prismaOver, type CapturedQuery, type PrismaFixture } from '../micro/prisma-replay.ts';
import { FIXTURE_POSTS, MICRO_PRESET, MICRO_SEED } from '../micro/inputs.ts';

/** Wraps a real adapter factory and records every queryRaw (deep-copied before Prisma sees the result). */
function recordingAdapter(inner: SqlDriverAdapterFactory, log: CapturedQuery[]): SqlDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const real = await inner.connect();
      return new Proxy(real, {
        get(target, key) {
          if (key === 'queryRaw') {
            return async (q: SqlQuery) => {
              const result = await target.queryRaw(q);
              log.push({ sql: q.sql, args: structuredClone(q.args), result: structuredClone(result) });
              return result;
            };
          }
          const v: unknown = Reflect.get(target, key, target);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
  };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Runs prisma-include's read for each post over a recording adapter and returns what the adapter answered. */
export async function capturePrismaFixture(postgresUrl: string, postIds: readonly number[] = FIXTURE_POSTS): Promise<PrismaFixture> {
  const log: CapturedQuery[] = [];
  const prisma = prismaOver(recordingAdapter(new PrismaPg({ connectionString: postgresUrl }), log));
  const posts: PrismaFixture['posts'] = {};
  try {
    for (const id of postIds) {
      log.length = 0;
      const payload = await prismaInclude.read({ id }, prismaOnlyCtx(prisma));
      if (payload === null) throw new Error(`post ${id} does not exist in the seeded database`);
      // Prisma runs sibling relation queries concurrently, so the order they complete in varies: store them sorted.
      posts[String(id)] = [...log].sort((a, b) => byText(a.sql + JSON.stringify(a.args), b.sql + JSON.stringify(b.args)));
    }
  } finally {
    await prisma.$disconnect();
  }
  const version = (name: string): string =>
    (JSON.parse(readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  return {
    source: {
      preset: MICRO_PRESET,
      seed: MICRO_SEED,
      prisma: version('@prisma/client'),
      adapter: `@prisma/adapter-pg ${version('@prisma/adapter-pg')}`,
      strategy: 'scenarios/post-detail/postgres/prisma-include.ts',
    },
    posts,
  };
}

/** The fixture as the repository stores it (prettier-formatted, so `npm run lint` accepts it). */
export async function fixtureText(f: PrismaFixture): Promise<string> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(fileURLToPath(FIXTURE_URL))) ?? {};
  return prettier.format(JSON.stringify(f), { ...options, parser: 'json' });
}

async function main(): Promise<void> {
  const { startTestEnv } = await import('./env.ts');
  const env = await startTestEnv(['postgres'], MICRO_PRESET, MICRO_SEED);
  try {
    const pg = env.infra.endpoints.postgres;
    if (!pg) throw new Error(`PostgreSQL did not start: ${env.missing(['postgres'])}`);
    const fixture = await capturePrismaFixture(pg.url);
    await writeFile(FIXTURE_URL, await fixtureText(fixture));
    console.log(`wrote ${fileURLToPath(FIXTURE_URL)}`);
  } finally {
    await env.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
