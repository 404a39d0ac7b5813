// The seeded-database cache against real PostgreSQL: a hit holds exactly the rows a fresh seed holds, any change of
// the key misses, a write that was killed half-way is never used, and `clean --all` removes the cache.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pg from 'pg';
import type { PostgresSeedPlan, StartedInfra } from '../../core/infra.ts';
import { runCleanups } from '../../core/lifecycle.ts';
import { sleep } from '../../core/net.ts';
import { generateDataset } from '../../../datasets/generator.ts';
import { datasetFacts, postgresSeedPlan } from '../../seed/index.ts';
import { keyFiles, seedKey } from '../../seed/key.ts';
import { databaseRowsHash, datasetHash } from '../../testing/rows.ts';
import { clean } from '../../cli/clean.ts';
import { localProvider } from './index.ts';
import { runAs } from './postgres.ts';
import { lookupEntry } from './seed-cache.ts';
import { missingPostgres, skipIfMissing } from '../../testing/backends.ts';

const rowsHashAt = async (url: string): Promise<string> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await databaseRowsHash(c);
  } finally {
    await c.end();
  }
};

/** Starts the local provider with `plan`, returns what the test needs and stops it again. */
async function startWith(plan: PostgresSeedPlan, needs: Array<'postgres' | 'replica'> = ['postgres']) {
  const infra: StartedInfra = await localProvider().start(needs, { postgresSeed: plan });
  try {
    const url = infra.endpoints.postgres?.url as string;
    return { seeded: infra.postgresSeeded, hash: await rowsHashAt(url), infra };
  } finally {
    await infra.stop();
  }
}

describe('seeded-database cache (local provider)', () => {
  let missing: string | null;
  let cache: string;
  const lines: string[] = [];
  const plan = (seed = 42, dir?: string | null): PostgresSeedPlan =>
    postgresSeedPlan('tiny', seed, dir === undefined ? cache : dir, (l) => lines.push(l));
  before(async () => {
    missing = await missingPostgres();
    cache = mkdtempSync(join(tmpdir(), 'ab-seed-cache-test-'));
  });
  after(async () => {
    await runCleanups();
    rmSync(cache, { recursive: true, force: true });
  });

  it('a hit holds the same rows as a fresh seed, in a data dir postgres owns (0700), and a replica clones from it', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const expected = datasetHash(generateDataset('tiny', 42));
    const fresh = await startWith(plan());
    assert.equal(fresh.seeded?.cached, false);
    assert.equal(fresh.hash, expected);
    assert.equal(readdirSync(cache).filter((n) => !n.startsWith('.')).length, 1, 'one entry stored');

    const infra = await localProvider().start(['postgres', 'replica'], { postgresSeed: plan() });
    try {
      assert.equal(infra.postgresSeeded?.cached, true);
      assert.deepEqual(infra.postgresSeeded?.facts, datasetFacts(generateDataset('tiny', 42)), 'the facts come with the entry');
      assert.equal(await rowsHashAt(infra.endpoints.postgres?.url as string), expected);
      const c = new pg.Client({ connectionString: infra.endpoints.postgres?.url });
      await c.connect();
      const dataDir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory as string;
      await c.end();
      const st = statSync(dataDir);
      assert.equal(st.mode & 0o777, 0o700);
      assert.equal(st.uid, runAs().uid ?? process.getuid?.());
      assert.ok(infra.endpoints.replica, `replica up: ${infra.backends.find((b) => b.need === 'replica')?.reason}`);
      assert.equal(await rowsHashAt(infra.endpoints.replica.url), expected);
    } finally {
      await infra.stop();
    }
  });

  it('misses when the seed, the server version or a schema file changes, and when the cache is bypassed', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const v = 'postgres (PostgreSQL) 17.10 linux-x64';
    const base = seedKey('tiny', 42, v);
    assert.equal(seedKey('tiny', 42, v), base);
    assert.notEqual(seedKey('tiny', 43, v), base);
    assert.notEqual(seedKey('tiny', 42, 'postgres (PostgreSQL) 17.11 linux-x64'), base);
    const copies = mkdtempSync(join(tmpdir(), 'ab-seed-key-'));
    try {
      const files = keyFiles().map((f) => {
        const dir = join(copies, basename(join(f, '..')));
        mkdirSync(dir, { recursive: true });
        cpSync(f, join(dir, basename(f)));
        return join(dir, basename(f));
      });
      assert.equal(seedKey('tiny', 42, v, files), base, 'the key depends on content, not on where the files are');
      const sql = files.find((f) => f.endsWith('01-schema.sql')) as string;
      writeFileSync(sql, '-- a changed schema\n', { flag: 'a' });
      assert.notEqual(seedKey('tiny', 42, v, files), base);
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
    const other = await startWith(plan(43));
    assert.equal(other.seeded?.cached, false, 'another seed is seeded, not taken from the cache');
    assert.equal(other.hash, datasetHash(generateDataset('tiny', 43)));
    const bypass = await startWith(plan(42, null));
    assert.equal(bypass.seeded?.cached, false, '--no-seed-cache seeds afresh');
  });

  it('never uses an entry whose write was killed half-way, and writes it again', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const dir = mkdtempSync(join(tmpdir(), 'ab-seed-cache-kill-'));
    // The writer's own temp dir, so that what the killed process leaves behind is removed here and nowhere else;
    // open to the postgres user, who must reach the data dir inside it when the tests run as root.
    const writerTmp = mkdtempSync(join(tmpdir(), 'ab-seed-cache-writer-'));
    chmodSync(writerTmp, 0o755);
    try {
      // A writer killed mid-copy: a child process fills the cache and gets SIGKILL as soon as its staging dir exists.
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', WRITER], {
        env: { ...process.env, AB_CACHE: dir, TMPDIR: writerTmp },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise((r) => child.on('exit', r));
      for (let i = 0; i < 1200 && !readdirSync(dir).some((n) => n.startsWith('.staging-')); i++) await sleep(25);
      const staging = readdirSync(dir).find((n) => n.startsWith('.staging-'));
      child.kill('SIGKILL');
      await exited;
      assert.ok(staging, `the writer reached its staging dir (${stderr.trim()})`);
      assert.deepEqual(
        readdirSync(dir).filter((n) => !n.startsWith('.')),
        [],
        'killed before the rename: no entry',
      );
      assert.equal(lookupEntry(dir, seedKey('tiny', 44, 'any')), null);
      // The next run misses, seeds, sweeps the dead writer's staging dir and stores a complete entry.
      const next = await startWith(plan(44, dir));
      assert.equal(next.seeded?.cached, false);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.startsWith('.staging-')),
        [],
      );
      const hit = await startWith(plan(44, dir));
      assert.equal(hit.seeded?.cached, true);
      assert.equal(hit.hash, datasetHash(generateDataset('tiny', 44)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(writerTmp, { recursive: true, force: true });
    }
  });

  it('a cache that cannot be written is reported and the run goes on with its fresh seed', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const file = join(cache, 'not-a-dir');
    writeFileSync(file, '');
    lines.length = 0;
    const r = await startWith(plan(42, join(file, 'cache')));
    assert.equal(r.seeded?.cached, false);
    assert.equal(r.hash, datasetHash(generateDataset('tiny', 42)));
    assert.ok(
      lines.some((l) => /seed: not cached — /.test(l)),
      lines.join('\n'),
    );
  });

  it('clean --all removes the cache', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ab-clean-all-'));
    const seeded = join(root, 'seeded');
    mkdirSync(join(seeded, 'tiny-42-0123456789abcdef0123456789abcdef', 'data'), { recursive: true });
    try {
      const o = await clean({ all: true, root, tmp: root, varTmp: root, seedCache: seeded });
      assert.equal(existsSync(seeded), false);
      assert.ok(o.removed.includes(seeded));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** Seeds tiny/44 into the cache at $AB_CACHE (a miss, so it writes an entry); the test kills it mid-write. */
const WRITER = `
const { localProvider } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).href)});
const { postgresSeedPlan } = await import(${JSON.stringify(new URL('../../seed/index.ts', import.meta.url).href)});
await localProvider().start(['postgres'], { postgresSeed: postgresSeedPlan('tiny', 44, process.env.AB_CACHE, () => {}) });
`;
