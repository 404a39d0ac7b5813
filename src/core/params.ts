// Parsing of request params shared by scenarios: bad input is a 400, never a 500 or a database error.
import { BadRequest } from './errors.ts';

export function positiveInt(raw: string | null | undefined, name: string, max = 2_147_483_647): number {
  if (raw === undefined || raw === null || !/^[1-9][0-9]{0,9}$/.test(raw)) throw new BadRequest(`${name} must be a positive integer`);
  const n = Number(raw);
  if (n > max) throw new BadRequest(`${name} must be at most ${max}`);
  return n;
}

/** ISO-8601 UTC with milliseconds: the one timestamp format every payload uses. */
export const isoMs = (d: Date | number): string => new Date(d).toISOString();

/** The same format, produced by PostgreSQL (truncated to milliseconds as a JS Date would be). */
export const sqlIsoMs = (col: string): string => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
