// Shared by the Mongo strategies of post-detail, feed and user-summary: the mapping from stored documents to the
// payload contracts' user reference, and the cursor batch size every list query asks for.
import type { UserRef } from './contract.ts';

/**
 * Every list query asks for its whole result in the first batch. The default first batch is 101 documents, after
 * which MongoDB pages by 16 MiB and FerretDB by 250 documents: the number of round trips for a hot thread would
 * depend on the server rather than on the technique. A post's comments (and their authors) always fit in one batch.
 */
export const ONE_BATCH = 100_000;

export const userRef = (u: { _id: number; username: string; displayName: string }): UserRef => ({
  id: u._id,
  username: u.username,
  displayName: u.displayName,
});

/** Throws when a referenced document is missing: MongoDB has no foreign keys, so the data, not the schema, is wrong. */
export function present<T>(doc: T | null | undefined, what: string): NonNullable<T> {
  if (doc === null || doc === undefined) throw new Error(`dangling reference: ${what} does not exist`);
  return doc;
}
