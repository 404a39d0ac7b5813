// The dataset as the harness sees it: generated rows plus the facts scenarios draw params from.
import { datasetInfo, type DatasetInfo } from '../src/core/dataset.ts';
import { generateDataset, type Dataset } from './generator.ts';
import { PRESETS, type PresetName } from './presets.ts';

export function describeDataset(ds: Dataset): DatasetInfo {
  const authors = new Set(ds.posts.map((p) => p.authorId));
  const idleUser = ds.users.find((u) => !authors.has(u.id))?.id;
  return datasetInfo({
    preset: ds.preset,
    seed: ds.seed,
    counts: {
      users: ds.users.length,
      posts: ds.posts.length,
      comments: ds.comments.length,
      tags: ds.tags.length,
      postTags: ds.postTags.length,
    },
    fanout: PRESETS[ds.preset].fanout,
    idleUser,
  });
}

export { generateDataset, PRESETS, type Dataset, type PresetName };
