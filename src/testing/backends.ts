// Integration tests run against real servers. On a developer machine a missing server binary skips those tests,
// loudly; in CI (CI=true) every backend is required, so a missing binary fails instead of silently passing.
import type { TestContext } from 'node:test';

/** Skips (with a warning) or, in CI, fails the test when `missing` names a missing backend. True when skipped. */
export function skipIfMissing(t: TestContext, missing: string | null): boolean {
  if (missing === null) return false;
  if (process.env.CI === 'true') throw new Error(`required backend missing (CI=true): ${missing}`);
  console.warn(`SKIPPED ${t.name}: ${missing}`);
  t.skip(missing);
  return true;
}

/** Whether the embedded PostgreSQL binaries load: the reason they do not, or null. */
export async function missingPostgres(): Promise<string | null> {
  try {
    const { pgBinaries } = await import('../infra/local/postgres.ts');
    await pgBinaries();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** True when the process with this id has exited (and been reaped). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
