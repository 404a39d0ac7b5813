// Finds processes by an environment marker, so a test can prove that nothing a run started outlives it — including
// grandchildren (postgres, redis-server, ferretdb, strategy servers) that would be re-parented to init if leaked.
import { readdirSync, readFileSync } from 'node:fs';

export function processesWithEnv(marker: string): Array<{ pid: number; cmd: string }> {
  const out: Array<{ pid: number; cmd: string }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'utf8');
      if (!env.split('\0').includes(marker)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (/\) Z /.test(stat)) continue; // a zombie has exited; only its parent's wait is missing
      out.push({ pid: Number(name), cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
    } catch {
      /* gone, or not ours to read */
    }
  }
  return out;
}
