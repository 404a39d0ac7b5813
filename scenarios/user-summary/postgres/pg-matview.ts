// pg-matview — every user's summary precomputed by PostgreSQL in a materialized view (user_summary_mv,
// datasets/12-read-model-user-summary.sql) and refreshed on a schedule with REFRESH MATERIALIZED VIEW CONCURRENTLY;
// a read is one primary-key lookup returning stored text. Choose it when a summary may lag the data by a known bound
// (dashboards, profiles, leaderboards) and the team wants a read model without write-path code: the definition is
// one SQL query and a write touches only the normalized tables. It costs staleness up to one interval plus one refresh
// (the write verification waits that long, freshWithinMs), and each refresh recomputes every user's summary and diffs
// it against the stored one, whether one user changed or none: its cost grows with the data, not with the writes.
// The refresh runs in this server process on a timer (scenarios/shared/scheduled-refresh.ts says why and how); the report shows
// its time, WAL and count per trial beside the stale-read ratio.
import { RawJson } from '../../../src/core/context.ts';
import { defineStrategy } from '../../../src/core/scenario.ts';
import type { NewPost, Params, UserSummary } from '../contract.ts';
import { insertPost } from '../lib/pg-post-write.ts';
import { matviewParity, scheduledRefresh } from '../../shared/scheduled-refresh.ts';

/** How often the view is refreshed. A parity setting: recorded with the strategy in every result. */
export const REFRESH_INTERVAL_MS = 1_000;

const refresher = scheduledRefresh({ view: 'user_summary_mv', intervalMs: REFRESH_INTERVAL_MS, activeWindowMs: 250 });

export default defineStrategy<Params, NewPost, UserSummary | RawJson>({
  name: 'pg-matview',
  technique: 'matview',
  client: 'pg',
  needs: ['postgres'],
  // The refresh's statements run outside any request and are not in a request's count (they are in the trial's
  // server totals, and reported as refreshes).
  expectQueries: () => 1,
  parity: matviewParity(REFRESH_INTERVAL_MS, 'user_summary_mv'),
  read: async ({ id }, ctx) => {
    refresher.touch(ctx);
    const r = await ctx.pg.query<{ payload: string }>({
      name: 'user-summary-matview',
      text: 'SELECT payload FROM user_summary_mv WHERE user_id = $1',
      values: [id],
    });
    const payload = r.rows[0]?.payload;
    return payload === undefined ? null : new RawJson(payload);
  },
  // The post goes to the normalized tables only; the summary shows it after the next refresh.
  write: async ({ id }, post, ctx) => {
    refresher.touch(ctx);
    return insertPost(ctx.pg, id, post);
  },
});
