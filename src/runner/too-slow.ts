// The quick profile's limit on a verified strategy's requests (Profile.slowRequestSec): one whose verified reads take
// longer on average is verified, with its exact costs, but not timed — in `run` and, for both sides of a pair, in `ab`.
import type { Contender } from './contender.ts';
import type { Profile } from './profiles.ts';

/** Why this contender is too slow for the profile's rounds, or null. */
export function tooSlow(c: Pick<Contender, 'verify'>, profile: Profile): string | null {
  const limit = profile.slowRequestSec;
  if (limit === undefined || c.verify.readMs <= limit * 1000) return null;
  return `one request alone took ${(c.verify.readMs / 1000).toFixed(1)} s on average in verification (over ${limit} s on the ${profile.name} profile)`;
}
