// The scenario registry: one line per scenario folder.
// Modules are typed loosely here; src/core/registry.ts narrows them to Scenario.
export const SCENARIOS: Record<string, () => Promise<{ default: object }>> = {
  'post-detail': () => import('./post-detail/index.ts'),
  feed: () => import('./feed/index.ts'),
  'user-summary': () => import('./user-summary/index.ts'),
  mixed: () => import('./mixed/index.ts'),
  'bulk-write': () => import('./bulk-write/index.ts'),
};
