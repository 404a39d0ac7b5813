// Finds processes by an environment marker, so a test can prove that nothing a run started outlives it — including
// grandchildren (postgres, redis-server, ferretdb, strategy servers) that would be re-parented to init if leaked.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// A server that sets its own process title (redis-server, postgres' child processes) overwrites the memory that
// /proc/<pid>/environ shows, so the marker is gone from it. Such servers chdir into their data dir, inside the run's
// temp root: `dir` also finds every process whose working directory is in there (removed or not).
export function processesWithEnv(marker: string, dir?: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'utf8');
      if (!env.split('\0').includes(marker) && !(dir && inside(`/proc/${name}/cwd`, dir))) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (/\) Z /.test(stat)) continue; // a zombie has exited; only its parent's wait is missing
      out.push({ pid: Number(name), cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}

function inside(link: string, dir: string): boolean {
  try {
    const cwd = readlinkSync(link).replace(/ \(deleted\)$/, '');
    return cwd === dir || cwd.startsWith(`${dir}/`);
  } catch {
    return false;
  }
}
