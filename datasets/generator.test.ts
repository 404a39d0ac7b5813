import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { datasetHash } from '../src/testing/rows.ts';
import { generateComments, generateDataset, generatePosts, generateTags, generateUsers } from './generator.ts';
import { PRESETS } from './presets.ts';
import { describeDataset } from './index.ts';
import { createRng } from '../src/core/rng.ts';

describe('generateDataset', () => {
  it('gives identical rows for the same preset and seed', () => {
    assert.equal(datasetHash(generateDataset('tiny', 42)), datasetHash(generateDataset('tiny', 42)));
    assert.equal(datasetHash(generateDataset('small', 7)), datasetHash(generateDataset('small', 7)));
  });

  it('gives the rows it always gave (a pinned digest: generator changes must be deliberate)', () => {
    assert.equal(datasetHash(generateDataset('tiny', 42)), 'a7ea4511b2157707b346033b286feff605155af487d313d36c24db86241916bb');
  });

  it('streams the same rows table by table as it returns at once', () => {
    const ds = generateDataset('tiny', 9);
    const posts = [...generatePosts('tiny', 9)];
    const createdAt = posts.map((p) => p.post.createdAt);
    assert.equal(
      datasetHash({
        users: [...generateUsers('tiny', 9)],
        tags: generateTags('tiny'),
        posts: posts.map((p) => p.post),
        comments: [...generateComments('tiny', 9, createdAt)],
        postTags: posts.flatMap((p) => p.tags),
      }),
      datasetHash(ds),
    );
  });

  it('gives different rows for another seed', () => {
    assert.notEqual(datasetHash(generateDataset('tiny', 42)), datasetHash(generateDataset('tiny', 43)));
  });

  it('follows the preset: row counts, fan-out posts, an edge post with nothing', () => {
    const ds = generateDataset('tiny', 42);
    assert.equal(ds.users.length, PRESETS.tiny.users);
    assert.equal(ds.posts.length, PRESETS.tiny.posts);
    assert.equal(ds.tags.length, PRESETS.tiny.tags);
    const perPost = new Map<number, number>();
    for (const c of ds.comments) perPost.set(c.postId, (perPost.get(c.postId) ?? 0) + 1);
    PRESETS.tiny.fanout.forEach((n, i) => assert.equal(perPost.get(i + 1), n, `fan-out post ${i + 1}`));
    const edge = PRESETS.tiny.fanout.length + 1;
    assert.equal(perPost.get(edge) ?? 0, 0);
    assert.equal(ds.postTags.filter((pt) => pt.postId === edge).length, 0);
  });

  it('skews fan-out: a few posts hold far more comments than the median post', () => {
    const ds = generateDataset('small', 42);
    const counts = new Array<number>(ds.posts.length).fill(0);
    for (const c of ds.comments) counts[c.postId - 1]!++;
    const sorted = [...counts].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    assert.ok((sorted.at(-1) as number) >= 50 * Math.max(1, median), `max ${sorted.at(-1)} vs median ${median}`);
  });

  it('keeps ids unique and foreign keys valid', () => {
    const ds = generateDataset('tiny', 42);
    assert.equal(new Set(ds.comments.map((c) => c.id)).size, ds.comments.length);
    assert.ok(ds.comments.every((c) => c.postId >= 1 && c.postId <= ds.posts.length && c.authorId >= 1 && c.authorId <= ds.users.length));
    assert.equal(new Set(ds.postTags.map((pt) => `${pt.postId}:${pt.tagId}`)).size, ds.postTags.length);
  });

  it('draws hot posts (Zipf) deterministically', () => {
    const info = describeDataset(generateDataset('small', 42));
    const draw = (seed: number) =>
      Array.from(
        { length: 2000 },
        (
          (rng) => () =>
            info.pickPost(rng)
        )(createRng(seed)),
      );
    assert.deepEqual(draw(1), draw(1));
    const freq = new Map<number, number>();
    for (const id of draw(1)) freq.set(id, (freq.get(id) ?? 0) + 1);
    const top = Math.max(...freq.values());
    // Uniform over 10 000 posts would put ~0.2 draws on each id; Zipf(1) puts ~10 % of draws on the hottest one.
    assert.ok(top > 100, `hottest post drawn ${top} times of 2000`);
  });
});
