// Deterministic request sequences: every strategy sees the same params in the same order for the same seed.
import { createRng } from '../core/rng.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import type { RawParams, Scenario, Wire } from '../core/scenario.ts';
import { fillRoute } from '../core/route.ts';
import type { RequestSpec } from './trial.ts';

export interface StreamOptions {
  /** Fraction of requests that are writes (scenario.writes); 0 for a read-only load. */
  writeRatio?: number;
  /** Told about each write as it is issued (the stale-read probe re-checks those params). */
  onWrite?: (params: RawParams) => void;
  /** The strategy's wire (GraphQL): reads are sent as its requests instead of the REST route's. */
  wire?: Wire | undefined;
}

export function requestStream(scenario: Scenario, info: DatasetInfo, seed: number, opts: StreamOptions = {}): () => RequestSpec {
  const rng = createRng(seed);
  const writes = scenario.writes;
  const ratio = writes ? (opts.writeRatio ?? 0) : 0;
  return () => {
    if (writes && ratio > 0 && rng.next() < ratio) {
      const params = writes.target?.(rng, info) ?? scenario.params(rng, info);
      opts.onWrite?.(params);
      return { method: 'POST', path: fillRoute(writes.route.path, params), body: JSON.stringify(writes.body(rng, info)) };
    }
    const params = scenario.params(rng, info);
    return opts.wire ? opts.wire.request(params) : { method: 'GET', path: fillRoute(scenario.route.path, params) };
  };
}

/** The same params on every request: one point of a fan-out curve. */
export function fixedStream(scenario: Scenario, params: RawParams, wire?: Wire): () => RequestSpec {
  if (wire) {
    const spec = wire.request(params);
    return () => spec;
  }
  const path = fillRoute(scenario.route.path, params);
  return () => ({ method: 'GET', path });
}
