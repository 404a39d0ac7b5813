// How `ab` (and `calibrate`, which measures the same way) tells the two sides of a strategy apart in one measurement:
// the base's contender is labelled "<name>@base", head's keeps the name; the two form a pair that the timing rounds
// keep together (MeasureEnv.groupOf).
import type { Strategy } from '../core/scenario.ts';

export const BASE_SUFFIX = '@base';

export const isBase = (label: string): boolean => label.endsWith(BASE_SUFFIX);

/** The strategy as the base's contender: its label. */
export const asBase = (s: Strategy): Strategy => ({ ...s, name: `${s.name}${BASE_SUFFIX}` });

/** The strategy a label names, on either side: the pair it belongs to. */
export const pairOf = (label: string): string => (isBase(label) ? label.slice(0, -BASE_SUFFIX.length) : label);
