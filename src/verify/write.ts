// Verification of the write path, for scenarios whose load writes: one write through the strategy's own server,
// then a read of what it wrote. The read must equal the reference's payload with the write applied as the scenario
// defines it (WriteSpec.verify), so a cache that is not invalidated or a read model that is not updated fails before
// any timing. It runs only where the run gives each strategy its own copy of the data (src/runner/isolate.ts): the
// one comment it adds to the same post in every copy is then the same for every strategy, and no other strategy's
// data changes.
import { setTimeout as delay } from 'node:timers/promises';
import type { RawParams, Scenario, Strategy } from '../core/scenario.ts';
import type { StrategyServer, TraceReply } from '../server/spawn.ts';
import { canonicalJson, firstDifference } from './canonical.ts';
import { fillRoute } from '../core/route.ts';

export interface WriteCheck {
  problems: string[];
  /** What the write cost, for the exact-cost record; null when it did not complete. */
  cost: { queries: number; rowsWritten: number; cacheRoundTrips?: number } | null;
  /** The statements the write issued, when it answered 201. */
  statements?: string[];
}

/** A replica serves the write once it has replayed it: read again for up to this long before calling it missing. */
const REPLICA_WAIT_MS = 5_000;

export async function verifyWrite(opts: {
  scenario: Scenario;
  strategy: Strategy;
  server: Pick<StrategyServer, 'trace'>;
  /** Params of a sample that exists (its reference payload is `before`). */
  params: RawParams;
  /** The write's params (default `params`: the write targets the item read). */
  target?: RawParams;
  before: TraceReply;
}): Promise<WriteCheck> {
  const { scenario, strategy, server, params } = opts;
  const spec = scenario.writes?.verify;
  if (!scenario.writes || !spec || !strategy.write) return { problems: [], cost: null };
  const before: unknown = JSON.parse(opts.before.body);
  const body = spec.body(before);
  const wrote = await server.trace(
    scenario.writes.route.method,
    fillRoute(scenario.writes.route.path, opts.target ?? params),
    JSON.stringify(body),
  );
  if (wrote.status !== 201) return { problems: [`write answered ${wrote.status}: ${wrote.body.slice(0, 200)}`], cost: null };
  const cost = { queries: wrote.queries, rowsWritten: wrote.rowsWritten ?? 0, cacheRoundTrips: wrote.cacheRoundTrips };
  const statements = wrote.statements;
  if ((wrote.rowsWritten ?? 1) === 0) return { problems: ['write answered 201 but wrote no row'], cost, statements };
  // Where the scenario says what a write's count depends on, the strategy declares it and the count is checked.
  const declared = spec.facts ? strategy.expectQueries({ ...spec.facts(body), write: 1 }) : null;
  const counted =
    declared === null || wrote.queries === declared ? [] : [`${wrote.queries} queries for the write, its expectation says ${declared}`];
  const expected = canonicalJson(spec.after(before, JSON.parse(wrote.body), body));
  const path = fillRoute(scenario.route.path, params);
  const wait = Math.max(strategy.parity.readFrom === 'replica' ? REPLICA_WAIT_MS : 0, strategy.parity.freshWithinMs ?? 0);
  const deadline = performance.now() + wait;
  for (;;) {
    const got = await server.trace('GET', path);
    let payload: unknown;
    try {
      payload = JSON.parse(got.body);
    } catch {
      return { problems: [`read after the write answered ${got.status} with a body that is not JSON`], cost, statements };
    }
    if (got.status === 200 && canonicalJson(payload) === expected) return { problems: counted, cost, statements };
    if (performance.now() >= deadline) {
      const diff = firstDifference(JSON.parse(expected), payload) ?? `status ${got.status}`;
      return { problems: [...counted, `read after its own write does not show it: ${diff}`], cost, statements };
    }
    await delay(100);
  }
}
