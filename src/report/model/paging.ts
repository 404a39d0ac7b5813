// The verdict of a paging comparison (feed-pages): per client, the keyset strategy against the OFFSET one on the
// scenario's load (req/s ratio with its interval), and what one request costs each at the deepest page of the depth
// curve. Pure over `Result`, like the rest of model/.
import type { Result } from '../../results/schema.ts';
import { formatRatio, formatUs } from '../format.ts';
import { speedRatio, type RankedRow, type ScenarioView } from './scenario.ts';

/** The view with the paging verdict added, when its scenario compares keyset with OFFSET paging. */
export function withPagingVerdict(result: Result, view: ScenarioView): ScenarioView {
  const v = pagingVerdict(result, view.scenario.name, view.ranked);
  return v === null ? view : { ...view, verdicts: [...(view.verdicts ?? []), v] };
}

/** One sentence per scenario that has keyset and OFFSET strategies of one client; null otherwise. */
export function pagingVerdict(result: Result, scenario: string, ranked: readonly RankedRow[]): string | null {
  const pairs: Array<{ keyset: RankedRow; offset: RankedRow }> = [];
  for (const keyset of ranked.filter((r) => r.strategy.technique === 'keyset')) {
    const offset = ranked.find((r) => r.strategy.technique === 'offset' && r.strategy.client === keyset.strategy.client);
    if (offset) pairs.push({ keyset, offset });
  }
  const first = pairs[0];
  if (!first) return null;
  const curve = result.fanout.filter((f) => f.scenario === scenario && f.axis === 'page' && f.p50Us > 0);
  const deepest = curve.length ? Math.max(...curve.map((f) => f.comments)) : null;
  const over = deepest === null ? 'on its load' : `on pages 1–${deepest.toLocaleString('en-US')}`;
  const ratios = pairs.map(({ keyset, offset }) => {
    const r = speedRatio(keyset.level, offset.level);
    const ci = `CI ${formatRatio(r.low).replace('×', '')}–${formatRatio(r.high)}`;
    const [k, o] = [keyset.strategy.strategy, offset.strategy.strategy];
    return r.low <= 1 && r.high >= 1
      ? `${k} and ${o} cannot be told apart (${formatRatio(r.estimate)}, ${ci})`
      : `${k} serves ${formatRatio(r.estimate)} the req/s of ${o} (${ci})`;
  });
  const at = (name: string) => curve.find((f) => f.strategy === name && f.comments === deepest);
  const deep = pairs.flatMap(({ keyset, offset }) => {
    const [k, o] = [at(keyset.strategy.strategy), at(offset.strategy.strategy)];
    return k && o ? [`${formatUs(k.p50Us)} with ${k.strategy} vs ${formatUs(o.p50Us)} with ${o.strategy}`] : [];
  });
  const tail =
    deep.length && deepest !== null ? `; one request for page ${deepest.toLocaleString('en-US')} takes ${deep.join(', ')} (p50)` : '';
  return `Keyset vs OFFSET at ${first.keyset.level.connections} connections ${over}: ${ratios.join('; ')}${tail}.`;
}
