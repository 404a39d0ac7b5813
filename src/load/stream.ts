// Deterministic request sequences: every strategy sees the same params in the same order for the same seed.
import { createRng } from '../core/rng.ts';
import type { DatasetInfo } from '../core/dataset.ts';
import type { RawParams, Scenario, Wire, WriteSpec, WriteTarget } from '../core/scenario.ts';
import type { Rng } from '../core/rng.ts';
import { fillRoute } from '../core/route.ts';
import type { RequestSpec } from './trial.ts';

export interface StreamOptions {
  /** Fraction of requests that are writes (scenario.writes); 0 for a read-only load. */
  writeRatio?: number;
  /** Where writes go: uniform over all items (the scenario's `target`), or following the reads (`hot`). */
  writeTarget?: WriteTarget;
  /** Told about each write as it is issued (the stale-read probe re-checks those params). */
  onWrite?: (params: RawParams) => void;
  /** The strategy's wire (GraphQL): reads are sent as its requests instead of the REST route's. */
  wire?: Wire | undefined;
}

/** The params of the next write: drawn as the reads are (hot), or uniformly over all items. */
export function writeTargetOf(scenario: Scenario, target: WriteTarget = 'uniform'): (rng: Rng, info: DatasetInfo) => RawParams {
  const w = scenario.writes as WriteSpec<unknown>;
  const hot = w.hot ?? scenario.params;
  return target === 'hot' ? hot : (w.target ?? scenario.params);
}

/** Writes only, for the paced writer beside the closed-loop reads (src/load/writer.ts). */
export function writeStream(
  scenario: Scenario,
  info: DatasetInfo,
  seed: number,
  opts: Omit<StreamOptions, 'writeRatio'> = {},
): () => RequestSpec {
  const writes = scenario.writes;
  if (!writes) throw new Error(`${scenario.name} has no write`);
  const rng = createRng(seed);
  const targetOf = writeTargetOf(scenario, opts.writeTarget);
  return () => {
    const params = targetOf(rng, info);
    opts.onWrite?.(params);
    return { method: 'POST', path: fillRoute(writes.route.path, params), body: JSON.stringify(writes.body(rng, info)) };
  };
}

export function requestStream(scenario: Scenario, info: DatasetInfo, seed: number, opts: StreamOptions = {}): () => RequestSpec {
  const rng = createRng(seed);
  const writes = scenario.writes;
  const ratio = writes ? (opts.writeRatio ?? 0) : 0;
  const targetOf = writes && ratio > 0 ? writeTargetOf(scenario, opts.writeTarget) : scenario.params;
  return () => {
    if (writes && ratio > 0 && rng.next() < ratio) {
      const params = targetOf(rng, info);
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
