// Where a mixed load's writes go, counted on the small preset's shape (no servers: the request streams are
// deterministic). Hot writes land where the reads go — the same posts, the same feed pages, in about the same
// shares — and uniform writes do not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { datasetInfo, type DatasetInfo } from '../../src/core/dataset.ts';
import { loadScenario } from '../../src/core/registry.ts';
import type { Scenario } from '../../src/core/scenario.ts';
import { requestStream, writeStream } from '../../src/load/stream.ts';
import { HOT_PAGES } from '../feed/contract.ts';
import { pageOfPost } from './contract.ts';

const N = 20_000;
const info: DatasetInfo = datasetInfo({
  preset: 'small',
  seed: 42,
  counts: { users: 2_000, posts: 10_000, comments: 58_586, tags: 60, postTags: 30_000 },
  fanout: [1, 10, 100, 500],
  idleUser: undefined,
});

/** How often each value of `key` occurs in n draws. */
function histogram(n: number, draw: () => string): Map<string, number> {
  const h = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = draw();
    h.set(k, (h.get(k) ?? 0) + 1);
  }
  return h;
}

/** The share of `h`'s draws that fall on `keys`. */
const shareOn = (h: Map<string, number>, keys: readonly string[]): number => keys.reduce((s, k) => s + (h.get(k) ?? 0), 0) / N;

const postOf = (path: string): string => /\/posts\/(\d+)/.exec(path)?.[1] ?? '?';

describe('write targets', () => {
  it('post-detail: hot writes fall on the posts the reads hit, in the reads’ shares; uniform ones do not', async () => {
    const scenario = (await loadScenario('mixed-hot')) as Scenario;
    const reads = requestStream(scenario, info, 1);
    const readHist = histogram(N, () => postOf(reads().path));
    // The 10 posts read most (0.1 % of the posts) take a large share of the reads.
    const top = [...readHist.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k]) => k);
    const readShare = shareOn(readHist, top);
    const hot = writeStream(scenario, info, 2, { writeTarget: 'hot' });
    const uniform = writeStream(scenario, info, 2, { writeTarget: 'uniform' });
    const hotShare = shareOn(
      histogram(N, () => postOf(hot().path)),
      top,
    );
    const uniformShare = shareOn(
      histogram(N, () => postOf(uniform().path)),
      top,
    );
    assert.ok(readShare > 0.25, `top 10 posts take ${readShare} of the reads`);
    assert.ok(Math.abs(hotShare - readShare) < 0.05, `hot writes on the top 10: ${hotShare}, reads ${readShare}`);
    assert.ok(uniformShare < 0.01, `uniform writes on the top 10: ${uniformShare}`);
  });

  it('feed: hot writes land on the hot pages as the reads do, each on a post that page shows; uniform ones mostly beyond them', async () => {
    const scenario = (await loadScenario('feed-mixed-hot')) as Scenario;
    const reads = requestStream(scenario, info, 1);
    const readPages = histogram(N, () => new URL(reads().path, 'http://x').searchParams.get('page') ?? '?');
    const pagesOf = (target: 'hot' | 'uniform') => {
      const next = writeStream(scenario, info, 2, { writeTarget: target });
      return histogram(N, () => {
        const url = new URL(next().path, 'http://x');
        const page = url.searchParams.get('page') ?? '?';
        assert.equal(String(pageOfPost(info, Number(postOf(url.pathname)))), page, url.pathname);
        return page;
      });
    };
    const hot = pagesOf('hot');
    const uniform = pagesOf('uniform');
    const hotHead = Array.from({ length: HOT_PAGES }, (_, i) => String(i + 1));
    assert.equal(shareOn(hot, hotHead), 1, 'every hot write is on a hot page');
    assert.ok(shareOn(uniform, hotHead) < 0.15, `uniform writes on the hot pages: ${shareOn(uniform, hotHead)}`);
    const page1 = { reads: shareOn(readPages, ['1']), hot: shareOn(hot, ['1']), uniform: shareOn(uniform, ['1']) };
    assert.ok(page1.reads > 0.15, `page 1 takes ${page1.reads} of the reads`);
    assert.ok(Math.abs(page1.hot - page1.reads) < 0.03, `page 1: hot writes ${page1.hot}, reads ${page1.reads}`);
    assert.ok(page1.uniform < 0.01, `page 1: uniform writes ${page1.uniform}`);
  });
});
