// One place that owns everything the harness starts: child processes and temp dirs. On success, on error and on
// SIGINT/SIGTERM the registered cleanups run in reverse order, so no database or server outlives the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InterruptedError } from './errors.ts';

type Cleanup = { label: string; fn: () => Promise<void> | void };

const cleanups: Cleanup[] = [];
let interruptedBy: string | null = null;
/** Set once an interrupted run has cleaned up: see onCleanup. */
let closed = false;
const interruptListeners = new Set<(signal: string) => void>();

/**
 * Registers a cleanup; returns a function that runs it now (once) and unregisters it. After an interrupted run has
 * cleaned up, a cleanup registered late runs at once: a step abandoned by step()'s race with Ctrl-C (a provider still
 * starting its next server) must not leave what it starts behind.
 */
export function onCleanup(label: string, fn: () => Promise<void> | void): () => Promise<void> {
  if (closed) {
    const late = Promise.resolve()
      .then(fn)
      .catch(() => {});
    return () => late;
  }
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
  if (interruptedBy) closed = true;
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

/**
 * Removes a dir, sweeping it again when a file reappears meanwhile: a process that just died may still have a log
 * write in flight (fs.rmSync's own retries only retry the final rmdir, not the sweep).
 */
async function removeDir(path: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(path, { recursive: true, force: true });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOTEMPTY' || attempt >= 20) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A temp dir under the OS temp root, removed by cleanup. */
export function makeTempDir(prefix: string): { path: string; remove: () => Promise<void> } {
  const path = mkdtempSync(join(tmpdir(), `accessbench-${prefix}-`));
  const remove = onCleanup(`remove ${path}`, () => removeDir(path));
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

/** A step of a run raced against Ctrl-C, so that no phase can hold the run hostage. */
export function untilInterrupted<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, whenInterrupted()]);
}

let installed = false;
let firstSignalAt = 0;
/**
 * One Ctrl-C in a terminal arrives twice: the terminal signals the whole process group, and the `accessbench` bin
 * wrapper forwards the signal it got to this process as well. A signal this soon after the first is that echo.
 */
const ECHO_MS = 1000;
/**
 * Installs SIGINT/SIGTERM handlers that mark the run interrupted and wake every waiter. The CLI then unwinds,
 * cleans up and exits 130. A second signal (not the echo of the first) cleans up and exits at once.
 */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (interruptedBy) {
        if (Date.now() - firstSignalAt < ECHO_MS) return;
        void runCleanups().finally(() => process.exit(130));
        return;
      }
      interruptedBy = sig;
      firstSignalAt = Date.now();
      for (const l of interruptListeners) l(sig);
      interruptListeners.clear();
    });
  }
}
