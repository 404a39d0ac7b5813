// A quick run of the application-side strategies through the CLI, as a user starts it: GraphQL is timed over POST
// /graphql and completes with pg-naive's and pg-join's query counts, the parallel N+1 with pg-naive's, the report shows
// the pairs, and nothing is left running.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Result } from '../../src/results/schema.ts';
import { missingPostgres, skipIfMissing } from '../../src/testing/backends.ts';
import { disposeRun, launchRun, leftovers } from '../../src/testing/cli-run.ts';

const missing = await missingPostgres();

describe('post-detail application side, end to end', () => {
  it('times GraphQL and parallel awaits beside their REST twins and reports the pairs', async (t) => {
    if (skipIfMissing(t, missing)) return;
    const strategies = 'pg-join,pg-naive,pg-naive-parallel,graphql-naive,graphql-dataloader,graphql-lookahead';
    const run = launchRun({ strategies, extra: ['--duration', '0.5s', '--warmup', '0.5s', '--trials', '3'] });
    try {
      assert.equal(await run.exited, 0, run.stderr());
      const [file] = readdirSync(join(run.work, 'results'));
      const result = Result.parse(JSON.parse(readFileSync(join(run.work, 'results', file as string), 'utf8')));
      const pd = result.scenarios.find((s) => s.name === 'post-detail');
      const by = new Map((pd?.strategies ?? []).map((s) => [s.strategy, s]));
      for (const name of strategies.split(',')) {
        const s = by.get(name);
        assert.equal(s?.status, 'completed', `${name}: ${s && 'reason' in s ? s.reason : 'absent'}`);
        if (s?.status !== 'completed') continue;
        const summary = s.levels[0]?.summary;
        assert.ok((summary?.rps.estimate ?? 0) > 0, `${name} served requests`);
        assert.equal((summary?.errors ?? 0) + (summary?.non2xx ?? 0), 0, `${name}: every timed request answered 2xx`);
      }
      const cost = (n: string) => {
        const s = by.get(n);
        return s?.status === 'completed' ? s.cost?.queriesPerRequest : undefined;
      };
      assert.equal(cost('graphql-naive'), cost('pg-naive'));
      assert.equal(cost('pg-naive-parallel'), cost('pg-naive'));
      assert.equal(cost('graphql-lookahead'), 1);
      assert.ok((cost('graphql-dataloader') ?? 99) < (cost('pg-naive') ?? 0), 'DataLoader batches the N+1');
      const gql = by.get('graphql-lookahead');
      assert.equal(gql?.parity.wire, 'POST /graphql with the operation and its variables');
      const page = readFileSync(join(run.work, 'report', 'index.html'), 'utf8');
      assert.match(page, /Same queries, different application work/);
      assert.match(page, /graphql-lookahead (spends|and pg-join spend)/);
      assert.match(page, /pg-naive-parallel serves .*the difference is timing only/);
      assert.deepEqual(await leftovers(run), []);
    } finally {
      disposeRun(run);
    }
  });
});
