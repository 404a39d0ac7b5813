// A known extra cost per request, for calibrating the regression gate: a strategy wrapped so that each read (and
// write) first does a fixed amount of CPU work, or waits a fixed time. The wrapped strategy issues the same queries
// and returns the same payload; only its cost changes, by an amount set in advance. Asked for by name in the run's
// settings (`calibration: { "<strategy>": { cpuMicros } }`), recorded in the result's parity manifest, so a figure
// measured with it is never taken for the strategy's own.
import { setTimeout as delay } from 'node:timers/promises';
import type { AddedCost } from '../core/context.ts';
import type { Strategy } from '../core/scenario.ts';

/** Work whose CPU time is proportional to `n` and that the JIT cannot remove (its result is kept). */
let sink = 0;
function spin(n: number): void {
  let x = sink | 1;
  for (let i = 0; i < n; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
  sink = x;
}

/** Iterations of `spin` per CPU µs on this process, measured once (the median of a few timings). */
let perMicro = 0;
function iterationsPerMicro(): number {
  if (perMicro > 0) return perMicro;
  spin(2_000_000); // JIT warm-up
  const rates: number[] = [];
  for (let k = 0; k < 7; k++) {
    const n = 1_000_000;
    const c0 = process.cpuUsage();
    spin(n);
    const c = process.cpuUsage(c0);
    rates.push(n / Math.max(1, c.user + c.system));
  }
  rates.sort((a, b) => a - b);
  perMicro = rates[3] as number;
  return perMicro;
}

export function describeAddedCost(cost: AddedCost): string {
  return [cost.cpuMicros ? `+${cost.cpuMicros} µs CPU` : '', cost.waitMs ? `+${cost.waitMs} ms wait` : ''].filter(Boolean).join(', ');
}

/** `strategy` with `cost` paid before each read and write; the strategy itself when there is no cost. */
export function withAddedCost<S extends Strategy>(strategy: S, cost: AddedCost | undefined): S {
  if (!cost || (!cost.cpuMicros && !cost.waitMs)) return strategy;
  const iterations = cost.cpuMicros ? Math.round(cost.cpuMicros * iterationsPerMicro()) : 0;
  const pay = async (): Promise<void> => {
    if (iterations > 0) spin(iterations);
    if (cost.waitMs) await delay(cost.waitMs);
  };
  const read: Strategy['read'] = async (params, ctx) => {
    await pay();
    return strategy.read(params, ctx);
  };
  const write: Strategy['write'] = strategy.write
    ? async (params, body, ctx) => {
        await pay();
        return (strategy.write as NonNullable<Strategy['write']>)(params, body, ctx);
      }
    : undefined;
  return { ...strategy, read, write };
}
