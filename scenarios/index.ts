// The scenario registry: one line per scenario folder.
// Modules are typed loosely here; src/core/registry.ts narrows them to Scenario.
export const SCENARIOS: Record<string, () => Promise<{ default: object }>> = {
  'post-detail': () => import('./post-detail/index.ts'),
  feed: () => import('./feed/index.ts'),
  'feed-pages': () => import('./feed-pages/index.ts'),
  'user-summary': () => import('./user-summary/index.ts'),
  mixed: () => import('./mixed/index.ts'),
  'mixed-paced': () => import('./mixed-paced/index.ts'),
  'mixed-hot': () => import('./mixed-hot/index.ts'),
  'feed-mixed': () => import('./feed-mixed/index.ts'),
  'feed-mixed-hot': () => import('./feed-mixed-hot/index.ts'),
  indexes: () => import('./indexes/index.ts'),
  pooling: () => import('./pooling/index.ts'),
  'user-summary-mixed': () => import('./user-summary-mixed/index.ts'),
  'bulk-write': () => import('./bulk-write/index.ts'),
};
