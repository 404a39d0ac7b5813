// What a started container really is, asked of the engine: the image that ran (name, digest, and whether it is a
// local stand-in for an official image) and its main process, whose cgroup gives the container's CPU time.
import { existsSync, readFileSync } from 'node:fs';
import type { ImageRecord } from '../../core/infra.ts';

/** The label the images under docker/ carry: which official image they stand in for. */
export const STAND_IN_LABEL = 'org.accessbench.stand-in-for';

interface InspectInfo {
  Image?: string;
  Config?: { Image?: string; Labels?: Record<string, string> | null };
  State?: { Pid?: number };
}

interface ImageInfo {
  Id?: string;
  RepoDigests?: string[] | null;
}

/**
 * Registry images are named by their repo digest (what `docker pull name@digest` fetches again); a locally built
 * image has none, so its content-addressed image id is the digest recorded.
 */
export function imageRecord(name: string, container: InspectInfo, image: ImageInfo | null): ImageRecord {
  const repoDigest = image?.RepoDigests?.map((d) => d.split('@')[1]).find((d) => d?.startsWith('sha256:'));
  const id = image?.Id ?? container.Image ?? 'unknown';
  const digest = repoDigest ?? (id.startsWith('sha256:') ? id : `sha256:${id}`);
  const standInFor = container.Config?.Labels?.[STAND_IN_LABEL];
  return standInFor ? { name, digest, standInFor } : { name, digest };
}

/**
 * CPU time (µs) of every process in the cgroup of `pid`: cgroup v2's cpu.stat usage_usec, else v1's cpuacct.usage
 * (ns). null when neither is readable (then the engine's stats API is the fallback).
 */
export function cgroupCpuMicros(pid: number, root = '/sys/fs/cgroup'): number | null {
  let lines: string[];
  try {
    lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
  } catch {
    return null;
  }
  const v2 = lines.find((l) => l.startsWith('0::'))?.slice(3);
  // On a pure v2 host the unified hierarchy is the root; on a hybrid one it is mounted at unified/.
  for (const dir of v2 === undefined ? [] : [root, `${root}/unified`]) {
    const usage = readKey(`${dir}${v2}/cpu.stat`, 'usage_usec');
    if (usage !== null) return usage;
  }
  const v1 = lines.map((l) => l.split(':')).find(([, ctrl]) => ctrl?.split(',').includes('cpuacct'));
  if (v1) {
    const [, ctrl, path] = v1;
    for (const mount of [`${root}/${ctrl}`, `${root}/cpuacct`, `${root}/cpu,cpuacct`]) {
      const f = `${mount}${path}/cpuacct.usage`;
      if (existsSync(f)) return Math.round(Number(readFileSync(f, 'utf8').trim()) / 1000);
    }
  }
  return null;
}

function readKey(file: string, key: string): number | null {
  try {
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${key} `));
    return line ? Number(line.split(' ')[1]) : null;
  } catch {
    return null;
  }
}

/** Docker stats API: cpu_stats.cpu_usage.total_usage is in ns. */
export function statsCpuMicros(stats: unknown): number | null {
  const ns = (stats as { cpu_stats?: { cpu_usage?: { total_usage?: number } } })?.cpu_stats?.cpu_usage?.total_usage;
  return typeof ns === 'number' && ns > 0 ? Math.round(ns / 1000) : null;
}
