// What identifies a seeded PostgreSQL database: preset, seed, every source that decides its rows or its schema, and
// the server version (a data directory only starts on the major version that wrote it; a minor release may change
// what VACUUM or the planner statistics leave behind). Equal keys mean an identical database.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sqlFiles } from './postgres.ts';

/** Bump when the cache entry's layout or meaning changes without any of the sources below changing. */
const FORMAT = 2;

/** The generator, its randomness, the presets and the seeding code: anything here can change the stored rows. */
const SOURCES = [
  '../../datasets/generator.ts',
  '../../datasets/presets.ts',
  '../core/rng.ts',
  './postgres.ts',
  './copy.ts',
  './deferred-ddl.ts',
].map((p) => fileURLToPath(new URL(p, import.meta.url)));

/** Every file whose content is part of the key. */
export function keyFiles(): string[] {
  return [...SOURCES, ...sqlFiles()];
}

export function seedKey(preset: string, seed: number, postgresVersion: string, files: string[] = keyFiles()): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ format: FORMAT, preset, seed, postgresVersion })).update('\0');
  // Named by their last two path segments, so the key does not depend on where the checkout lives.
  for (const file of files) h.update(file.split('/').slice(-2).join('/')).update('\0').update(readFileSync(file)).update('\0');
  return `${preset}-${seed}-${h.digest('hex').slice(0, 32)}`;
}
