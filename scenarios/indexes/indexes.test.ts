// The indexes scenario against a real PostgreSQL: each contender's copy really lacks or has the indexes its variant
// says (pg_indexes), every strategy verifies on every variant (payloads equal to pg-join's on the database as seeded,
// queries as declared, the write path too), the plan of the reference statement is captured per variant, and a quick
// run through the whole pipeline records WAL per write, the variants and a report section.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Endpoints } from '../../src/core/infra.ts';
import type { Scenario, Strategy } from '../../src/core/scenario.ts';
import { splitVariant, variantSql } from '../../src/core/variants.ts';
import { localProvider } from '../../src/infra/local/index.ts';
import { buildScenarioView } from '../../src/report/model/scenario.ts';
import { variantVerdict } from '../../src/report/model/variants.ts';
import { renderReport } from '../../src/report/render.ts';
import type { Result } from '../../src/results/schema.ts';
import { runBenchmark } from '../../src/runner/run.ts';
import { describeVariants } from '../../src/runner/variants.ts';
import { missingPostgres, skipIfMissing } from '../../src/testing/backends.ts';
import { loadAll, problemsOf, skipUnlessUp, startTestEnv, verifyIsolatedForTest, type TestEnv } from '../../src/testing/env.ts';
import { tinyProfile } from '../../src/testing/profile.ts';
import type { Verified } from '../../src/verify/scenario.ts';

const STRATEGIES = ['pg-join', 'prisma-include', 'pg-naive'];
const VARIANTS = ['as-seeded', 'no-fk-indexes', 'extra-indexes'];
const CONTENDERS = STRATEGIES.flatMap((s) => VARIANTS.map((v) => `${s}@${v}`));
const FK_INDEXES = [
  'comments_post_id_created_at_id_idx',
  'comments_author_id_idx',
  'posts_author_id_idx',
  'post_tags_tag_id_idx',
  'post_tags_pkey',
];
const EXTRA = [
  'comments_post_id_idx',
  'comments_created_at_idx',
  'comments_author_id_post_id_idx',
  'comments_post_id_author_id_idx',
  'comments_body_idx',
  'posts_title_idx',
];

async function indexesOf(url: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`)).rows.map(
      (r) => r.indexname,
    );
  } finally {
    await c.end();
  }
}

describe('indexes: variant databases, verification and plans', () => {
  let env: TestEnv;
  let strategies: Strategy[] = [];
  let own = new Map<string, Endpoints>();
  let verified: Verified[] = [];
  before(async () => {
    env = await startTestEnv(['postgres']);
    if (env.missing(['postgres'])) return;
    ({ verified, own, strategies } = await verifyIsolatedForTest(env, 'indexes', CONTENDERS, {
      samples: 12,
      prepare: (s: Strategy, sc: Scenario) => variantSql(sc, s.name),
    }));
  });
  after(async () => {
    for (const v of verified) if (v.status === 'passed') await v.server.stop();
    await env?.stop();
  });

  it('each contender has its own copy, lacking or holding the indexes its variant names', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const seeded = await indexesOf(env.infra.endpoints.postgres!.url);
    for (const name of FK_INDEXES) assert.ok(seeded.includes(name), `the seeded database has ${name}`);
    for (const s of strategies) {
      const url = own.get(s.name)?.postgres?.url;
      assert.ok(url && url !== env.infra.endpoints.postgres!.url, `${s.name} has its own database`);
      const have = await indexesOf(url);
      const variant = splitVariant(s.name).variant;
      if (variant === 'as-seeded') assert.deepEqual(have, seeded, s.name);
      if (variant === 'no-fk-indexes') {
        for (const name of FK_INDEXES) assert.ok(!have.includes(name), `${s.name} still has ${name}`);
        assert.deepEqual(
          have,
          seeded.filter((n) => !FK_INDEXES.includes(n)),
          s.name,
        );
      }
      if (variant === 'extra-indexes') assert.deepEqual(have, [...seeded, ...EXTRA].sort(), s.name);
    }
  });

  it('every strategy verifies on every variant, reads and write path', (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    assert.equal(verified.length, CONTENDERS.length);
    for (const v of verified) {
      assert.equal(v.status, 'passed', `${v.strategy.name}: ${problemsOf(v)}`);
      if (v.status === 'passed') assert.ok((v.outcome.cost?.writes?.samples ?? 0) > 0, `${v.strategy.name}: its write path was verified`);
    }
  });

  it('captures the plan of the reference statement on each variant: an index scan as seeded, a sequential scan without', async (t) => {
    if (skipUnlessUp(t, env, ['postgres'])) return;
    const { scenario } = await loadAll('indexes', CONTENDERS);
    const records = await describeVariants({
      scenario,
      strategies,
      endpointsFor: (s) => own.get(s.name) ?? env.infra.endpoints,
      info: env.info,
      seed: 42,
      log: () => {},
    });
    assert.deepEqual(
      records.map((r) => r.name),
      VARIANTS,
    );
    const plan = (v: string) => records.find((r) => r.name === v)?.plan;
    for (const r of records) {
      assert.ok(r.plan, `${r.name}: ${r.planError}`);
      assert.match(r.plan.text, /Execution Time/);
      assert.ok(r.plan.executionMs !== null && r.plan.sharedHit !== null, r.plan.text);
    }
    assert.match(plan('as-seeded')?.text ?? '', /Index (Only )?Scan using comments_post_id_created_at_id_idx/);
    assert.match(plan('no-fk-indexes')?.text ?? '', /Seq Scan on comments/);
    assert.doesNotMatch(plan('no-fk-indexes')?.text ?? '', /comments_post_id/);
    const count = (v: string) => records.find((r) => r.name === v)?.indexes.length ?? 0;
    assert.equal(count('no-fk-indexes'), count('as-seeded') - FK_INDEXES.length);
    assert.equal(count('extra-indexes'), count('as-seeded') + EXTRA.length);
  });
});

const missing = await missingPostgres();

describe('indexes: a quick run through the pipeline', () => {
  let result: Result | null = null;
  before(async () => {
    if (missing) return;
    const profile = tinyProfile({ trialSec: 0.7, connections: [2], coldRequests: 0, micro: 'off' });
    const selection = [{ scenario: 'indexes', strategies: VARIANTS.map((v) => `pg-join@${v}`) }];
    result = await runBenchmark({ selection, profile, seed: 42, provider: localProvider() });
  });

  it('records WAL per write on every trial, each variant with its plan, and each contender its variant', async (t) => {
    if (skipIfMissing(t, missing)) return;
    assert.ok(result);
    const scenario = result.scenarios.find((s) => s.name === 'indexes');
    assert.ok(scenario);
    assert.deepEqual(
      scenario.dbVariants?.map((v) => [v.name, v.plan !== null]),
      VARIANTS.map((v) => [v, true]),
    );
    const walPerWrite = new Map<string, number>();
    for (const s of scenario.strategies) {
      assert.equal(s.status, 'completed', JSON.stringify(s));
      if (s.status !== 'completed') continue;
      assert.equal(s.variant, splitVariant(s.strategy).variant);
      assert.equal(s.source.path, 'scenarios/post-detail/postgres/pg-join.ts');
      const trials = s.levels[0]?.trials ?? [];
      assert.ok(trials.length > 0);
      // A trial's length follows the machine's speed: a short one may draw no write, so WAL is summed over trials.
      for (const tr of trials) assert.equal(typeof tr.mixed?.walBytes, 'number', `${s.strategy}: WAL read around every trial`);
      const writes = trials.reduce((n, tr) => n + (tr.mixed?.writes ?? 0), 0);
      const wal = trials.reduce((n, tr) => n + (tr.mixed?.walBytes ?? 0), 0);
      assert.ok(writes > 0 && wal > 0, `${s.strategy}: ${writes} writes, ${wal} WAL bytes`);
      walPerWrite.set(s.variant ?? '', wal / writes);
    }
    // Not compared between variants: WAL is the cluster's over the trial, and on a tiny run a checkpoint's full-page
    // images or the reads' own page pruning can outweigh the index entries. Each write logs at least its heap tuple,
    // its primary-key entry and its commit.
    for (const [variant, bytes] of walPerWrite) assert.ok(bytes > 100, `${variant}: ${bytes} WAL bytes per write`);
    const view = buildScenarioView(result, scenario, new Set());
    assert.match(variantVerdict(view), /against pg-join on as-seeded: on no-fk-indexes .*\bCI .* of WAL per write/);
    const page = await renderReport([result]);
    assert.match(page, /Database variants/);
    assert.match(page, /Seq Scan on comments/);
    assert.match(page, /indexes-variants-wal/);
  });
});
