// Database variants: the same strategy measured on differently prepared copies of the seeded database (e.g. without
// the foreign-key indexes). A contender is named `strategy@variant`; its code is the strategy's own file, unchanged —
// only its name and the database it runs on differ. The scenario declares the variants (Scenario.dbVariants) and
// lists its contenders with variantStrategies(); the runner gives each contender its own database copy and runs the
// variant's SQL on it (src/runner/isolate.ts), then records the plan of the reference statement on each variant
// (src/runner/variants.ts).
import type { ProfileName, Scenario, Strategy } from './scenario.ts';

export const VARIANT_SEPARATOR = '@';

/**
 * `pg-join@no-fk-indexes` → { strategy: 'pg-join', variant: 'no-fk-indexes' }; a plain name has variant null. A label
 * appended after the variant (`accessbench ab`'s "@base") is not part of it.
 */
export function splitVariant(name: string): { strategy: string; variant: string | null } {
  const [strategy = name, variant] = name.split(VARIANT_SEPARATOR);
  return { strategy, variant: variant ?? null };
}

export function contenderName(strategy: string, variant: string): string {
  return `${strategy}${VARIANT_SEPARATOR}${variant}`;
}

/** The SQL that prepares this contender's database copy: none for a strategy without a variant. */
export function variantSql(scenario: Pick<Scenario, 'dbVariants'>, strategyName: string): readonly string[] {
  const { variant } = splitVariant(strategyName);
  return variant === null ? [] : (scenario.dbVariants?.variants[variant]?.sql ?? []);
}

type Loaders<P, B> = Record<string, () => Promise<{ default: Strategy<P, B> }>>;

/**
 * Manifest entries `strategy@variant` for each of `strategies` (keys of `from`, another scenario's manifest) on each
 * variant. The loaded strategy is the file's own, renamed; `runIn(strategy)` says which profiles run it by default.
 */
export function variantStrategies<P, B>(
  from: Loaders<P, B>,
  strategies: readonly string[],
  variants: readonly string[],
  runIn: (strategy: string) => readonly ProfileName[] | undefined = () => undefined,
): Loaders<P, B> {
  const out: Loaders<P, B> = {};
  for (const name of strategies) {
    const load = from[name];
    if (!load) throw new Error(`variantStrategies: no strategy ${name} to run on variants`);
    for (const v of variants) {
      const key = contenderName(name, v);
      const profiles = runIn(name);
      out[key] = async () => {
        const base = (await load()).default;
        return { default: { ...base, name: key, runIn: profiles ?? base.runIn } };
      };
    }
  }
  return out;
}

/** For a name typed by a user: the reason it is not a contender of this scenario, when its variant is unknown. */
export function unknownVariant(scenario: Pick<Scenario, 'name' | 'dbVariants'>, name: string): string | null {
  const { variant } = splitVariant(name);
  if (variant === null) return null;
  const valid = Object.keys(scenario.dbVariants?.variants ?? {});
  if (valid.includes(variant)) return null;
  return valid.length === 0
    ? `${scenario.name} has no database variants ("${name}" names one)`
    : `unknown variant "${variant}" for ${scenario.name} (valid: ${valid.join(', ')})`;
}
