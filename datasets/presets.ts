// Size presets. `tiny` seeds in well under 5 s for tests; `small` is the default run; `medium` and `large` are for
// real hardware. Fan-out posts with exact comment counts exist in every preset for the N+1 curve.

export interface Preset {
  users: number;
  posts: number;
  tags: number;
  /** Mean comments of an ordinary post; a few hot posts get far more (see the generator). */
  meanComments: number;
  /** Posts forced to have exactly these comment counts (ids 1..n), for the fan-out curve. */
  fanout: number[];
}

export const PRESETS = {
  tiny: { users: 60, posts: 300, tags: 20, meanComments: 4, fanout: [1, 10, 100, 200] },
  small: { users: 2_000, posts: 10_000, tags: 60, meanComments: 6, fanout: [1, 10, 100, 500] },
  medium: { users: 20_000, posts: 200_000, tags: 200, meanComments: 8, fanout: [1, 10, 100, 500] },
  large: { users: 100_000, posts: 1_000_000, tags: 500, meanComments: 10, fanout: [1, 10, 100, 500, 2000] },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
export const DEFAULT_SEED = 42;
