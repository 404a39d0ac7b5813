// The base commit of `accessbench ab` as a git worktree in a temp dir, with its dependencies installed: the base's
// own code runs from there while this checkout runs head. The worktree is removed on every exit path (onCleanup).
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessbenchError, ConfigError } from '../core/errors.ts';
import { onCleanup } from '../core/lifecycle.ts';
import { ROOT } from '../core/registry.ts';

export interface BaseWorktree {
  /** The worktree's root: a full checkout of the base commit. */
  root: string;
  sha: string;
  /** How the base got its node_modules, for the log and the report. */
  deps: string;
  remove: () => Promise<void>;
}

interface Ran {
  code: number | null;
  output: string;
}

function run(cmd: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_yes: 'true' } });
    let output = '';
    const keep = (c: Buffer): void => void (output = (output + c.toString('utf8')).slice(-4000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => resolve({ code: -1, output: e.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const tail = (text: string): string => text.trim().split('\n').slice(-3).join(' | ');

/** The commit a ref names, or a ConfigError that says how to make it resolvable (shallow CI clones). */
export async function resolveRef(ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new ConfigError(`--base: "${ref}" is not a git ref`);
  const r = await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], ROOT);
  const sha = r.output.trim();
  if (r.code !== 0 || !/^[0-9a-f]{40}$/.test(sha)) {
    throw new ConfigError(
      `--base: "${ref}" does not name a commit in ${ROOT} (in CI, check out with full history: actions/checkout fetch-depth: 0)`,
    );
  }
  return sha;
}

export async function gitShow(root: string, sha: string, format: string): Promise<string | null> {
  const r = await run('git', ['show', '-s', `--format=${format}`, sha], root);
  return r.code === 0 ? r.output.trim() : null;
}

/**
 * Same package-lock.json as head → the base links head's node_modules (an install would produce the same tree) and
 * only runs its own postinstall (the Prisma client is generated into the tree, from the base's schema). Otherwise
 * `npm ci` installs exactly what the base locked.
 */
async function installDeps(root: string, log: (line: string) => void): Promise<string> {
  const lock = (dir: string): string | null =>
    existsSync(join(dir, 'package-lock.json')) ? readFileSync(join(dir, 'package-lock.json'), 'utf8') : null;
  const headLock = lock(ROOT);
  if (headLock !== null && headLock === lock(root) && existsSync(join(ROOT, 'node_modules'))) {
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
    log("ab: base package-lock.json is identical to head's — reusing head's node_modules (linked)");
    const r = await run('npm', ['run', '--if-present', 'postinstall'], root);
    if (r.code !== 0) throw new AccessbenchError(`ab: the base's postinstall failed in ${root}: ${tail(r.output)}`);
    return "head's node_modules reused (identical package-lock.json)";
  }
  log("ab: base package-lock.json differs from head's — npm ci in the base worktree (a minute or two)");
  const r = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], root);
  if (r.code !== 0) throw new AccessbenchError(`ab: npm ci failed in the base worktree ${root}: ${tail(r.output)}`);
  return "its own npm ci (package-lock.json differs from head's)";
}

export async function checkoutBase(ref: string, log: (line: string) => void): Promise<BaseWorktree> {
  const sha = await resolveRef(ref);
  const dir = mkdtempSync(join(tmpdir(), 'accessbench-ab-'));
  const root = join(dir, 'base');
  const remove = onCleanup(`remove base worktree ${root}`, async () => {
    // Unlink a linked node_modules first so that nothing can ever follow it into head's dependencies.
    const nm = join(root, 'node_modules');
    if (existsSync(nm) && lstatSync(nm).isSymbolicLink()) unlinkSync(nm);
    await run('git', ['worktree', 'remove', '--force', root], ROOT);
    await run('git', ['worktree', 'prune'], ROOT);
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    log(`ab: base ${ref} = ${sha.slice(0, 12)}: git worktree in ${root}`);
    const added = await run('git', ['worktree', 'add', '--detach', root, sha], ROOT);
    if (added.code !== 0) throw new AccessbenchError(`ab: git worktree add failed: ${tail(added.output)}`);
    const deps = await installDeps(root, log);
    return { root, sha, deps, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}
