// `accessbench clean`: what a run leaves behind only when it could not clean up itself (the harness was killed with
// SIGKILL, the machine lost power): its temp dirs (`<tmp>/accessbench-*`) and the database servers still running
// from them. Only processes whose command line or working directory lies inside such a dir are stopped, by PID —
// never a server the harness did not start. `--all` also removes results/*.json, the generated report, the
// cache of PostgreSQL binaries under /var/tmp and the seeded-database cache (src/infra/local/seed-cache.ts).
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sleep } from '../core/net.ts';
import { seedCacheRoot } from '../infra/local/seed-cache.ts';

/** Caches kept between runs; with TMPDIR=/var/tmp they sit beside the temp dirs and must survive a plain clean. */
const CACHES = /^accessbench-(postgres-|seeded)/;

export interface CleanOutcome {
  stopped: Array<{ pid: number; cmd: string }>;
  removed: string[];
}

/** Processes whose command line or cwd lies inside `dir`. */
export function processesInside(dir: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${name}/cwd`);
      } catch {
        /* not ours to read */
      }
      if (cmd.includes(`${dir}/`) || cmd.endsWith(dir) || cwd === dir || cwd.startsWith(`${dir}/`)) out.push({ pid: Number(name), cmd });
    } catch {
      /* gone */
    }
  }
  return out;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function clean(
  opts: { all?: boolean; root?: string; tmp?: string; varTmp?: string; seedCache?: string } = {},
): Promise<CleanOutcome> {
  const tmp = opts.tmp ?? tmpdir();
  const outcome: CleanOutcome = { stopped: [], removed: [] };
  for (const entry of readdirSync(tmp)) {
    if (!entry.startsWith('accessbench-') || CACHES.test(entry)) continue;
    const dir = join(tmp, entry);
    const procs = processesInside(dir);
    // postgres wants SIGINT (fast shutdown); the others stop on SIGTERM. Then KILL whatever is left.
    for (const p of procs) process.kill(p.pid, /postgres/.test(p.cmd) ? 'SIGINT' : 'SIGTERM');
    for (let i = 0; i < 40 && procs.some((p) => alive(p.pid)); i++) await sleep(250);
    for (const p of procs) if (alive(p.pid)) process.kill(p.pid, 'SIGKILL');
    outcome.stopped.push(...procs);
    rmSync(dir, { recursive: true, force: true });
    outcome.removed.push(dir);
  }
  if (opts.all) {
    const root = opts.root ?? process.cwd();
    const results = resolve(root, 'results');
    for (const f of safeList(results)) {
      if (f.endsWith('.json')) {
        rmSync(join(results, f), { force: true });
        outcome.removed.push(join(results, f));
      }
    }
    for (const f of [resolve(root, 'report', 'index.html')]) {
      if (safeList(resolve(root, 'report')).includes('index.html')) {
        rmSync(f, { force: true });
        outcome.removed.push(f);
      }
    }
    const varTmp = opts.varTmp ?? '/var/tmp';
    for (const entry of safeList(varTmp)) {
      if (!entry.startsWith('accessbench-postgres-')) continue;
      rmSync(join(varTmp, entry), { recursive: true, force: true });
      outcome.removed.push(join(varTmp, entry));
    }
    const seeded = opts.seedCache ?? seedCacheRoot();
    if (existsSync(seeded)) {
      rmSync(seeded, { recursive: true, force: true });
      outcome.removed.push(seeded);
    }
  }
  return outcome;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export async function cleanCommand(all: boolean): Promise<string> {
  const o = await clean({ all });
  const lines = [...o.stopped.map((p) => `stopped pid ${p.pid}: ${p.cmd.slice(0, 120)}`), ...o.removed.map((d) => `removed ${d}`)];
  return lines.length ? lines.join('\n') : 'nothing to clean';
}
