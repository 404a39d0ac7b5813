// How `ab` (and `calibrate`, which measures the same way) tells the contenders of a strategy apart in one measurement:
// the base's contender is labelled "<name>@base", head's keeps the name, and each side's further server processes
// (`--processes`) add "#2", "#3": "<name>@base#2". All of them form one group that the timing rounds keep together
// (MeasureEnv.groupOf), base and head of the same process number side by side.
import type { Strategy } from '../core/scenario.ts';

export const BASE_SUFFIX = '@base';

const REPLICA = /#(\d+)$/;

/** The label without its process number. */
const sideOf = (label: string): string => label.replace(REPLICA, '');

export const isBase = (label: string): boolean => sideOf(label).endsWith(BASE_SUFFIX);

/** The strategy as the base's contender: its label. */
export const asBase = (s: Strategy): Strategy => ({ ...s, name: `${s.name}${BASE_SUFFIX}` });

/** The k-th server process (from 1) of a contender: the first keeps the label, the others are numbered. */
export const asProcess = (s: Strategy, k: number): Strategy => (k <= 1 ? s : { ...s, name: `${s.name}#${k}` });

/** Which server process of its side (from 1) a label names. */
export const processOf = (label: string): number => Number(REPLICA.exec(label)?.[1] ?? 1);

/** The contender a label names without its process number: "<name>" or "<name>@base". */
export const contenderOf = sideOf;

/** The strategy a label names, on either side and of any process: the group it belongs to. */
export const pairOf = (label: string): string => {
  const s = sideOf(label);
  return s.endsWith(BASE_SUFFIX) ? s.slice(0, -BASE_SUFFIX.length) : s;
};
