// A digest of every row of a dataset, in table order: equal digests mean byte-identical data.
import { createHash } from 'node:crypto';
import type { Dataset } from './generator.ts';

export function datasetHash(ds: Pick<Dataset, 'users' | 'tags' | 'posts' | 'comments' | 'postTags'>): string {
  const h = createHash('sha256');
  for (const table of [ds.users, ds.tags, ds.posts, ds.comments, ds.postTags] as unknown[][]) {
    for (const row of table) h.update(JSON.stringify(row)).update('\n');
  }
  return h.digest('hex');
}
