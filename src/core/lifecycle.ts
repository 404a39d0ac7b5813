// One place that owns everything the harness starts: child processes and temp dirs. On success, on error and on
// SIGINT/SIGTERM the registered cleanups run in reverse order, so no database or server outlives the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterruptedError } from './errors.ts';

type Cleanup = { label: string; fn: () => Promise<void> | void };

const cleanups: Cleanup[] = [];
let interruptedBy: string | null = null;
const interruptListeners = new Set<(signal: string) => void>();

/** Registers a cleanup; returns a function that runs it now (once) and unregisters it. */
export function onCleanup(label: string, fn: () => Promise<void> | void): () => Promise<void> {
  const entry: Cleanup = { label, fn };
  cleanups.push(entry);
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await fn();
  };
}

/** Runs every registered cleanup, newest first; a failing cleanup never stops the others. */
export async function runCleanups(): Promise<string[]> {
  const failures: string[] = [];
  while (cleanups.length > 0) {
    const c = cleanups.pop() as Cleanup;
    try {
      await c.fn();
    } catch (e) {
      failures.push(`${c.label}: ${(e as Error).message}`);
    }
  }
  return failures;
}

/** A temp dir under the OS temp root, removed by cleanup. */
export function makeTempDir(prefix: string): { path: string; remove: () => Promise<void> } {
  const path = mkdtempSync(join(tmpdir(), `accessbench-${prefix}-`));
  const remove = onCleanup(`remove ${path}`, () => rmSync(path, { recursive: true, force: true }));
  return { path, remove };
}

export function interrupted(): string | null {
  return interruptedBy;
}

/** Throws InterruptedError if a signal arrived: long loops call this between steps. */
export function checkInterrupted(): void {
  if (interruptedBy) throw new InterruptedError(interruptedBy);
}

/** Resolves never; rejects with InterruptedError when a signal arrives. Race long awaits against it. */
export function whenInterrupted(): Promise<never> {
  return new Promise((_, reject) => {
    if (interruptedBy) return reject(new InterruptedError(interruptedBy));
    interruptListeners.add((s) => reject(new InterruptedError(s)));
  });
}

let installed = false;
/**
 * Installs SIGINT/SIGTERM handlers that mark the run interrupted and wake every waiter. The CLI then unwinds,
 * cleans up and exits 130. A second signal cleans up and exits at once.
 */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (interruptedBy) {
        void runCleanups().finally(() => process.exit(130));
        return;
      }
      interruptedBy = sig;
      for (const l of interruptListeners) l(sig);
      interruptListeners.clear();
    });
  }
}
