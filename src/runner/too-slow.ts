// The quick profile's limit on a verified strategy's requests (Profile.slowRequestSec): one whose verified reads take
// longer on average is verified, with its exact costs, but not timed — in `run` and, for both sides of a pair, in `ab`.
import type { Contender } from './contender.ts';
import type { Profile } from './profiles.ts';
import type { StrategyResults } from './strategy-result.ts';

/** Why this contender is too slow for the profile's rounds, or null. */
export function tooSlow(c: Pick<Contender, 'verify'>, profile: Profile): string | null {
  const limit = profile.slowRequestSec;
  if (limit === undefined || c.verify.readMs <= limit * 1000) return null;
  return `one request alone took ${(c.verify.readMs / 1000).toFixed(1)} s on average in verification (over ${limit} s on the ${profile.name} profile)`;
}

/** Takes a contender out of the timed ones: its server stopped, recorded as verified but not timed, with `why`. */
export async function setAsideUntimed(contenders: Contender[], c: Contender, results: StrategyResults, why: string): Promise<void> {
  contenders.splice(contenders.indexOf(c), 1);
  await c.server.stop();
  results.untimed(c, why);
}
