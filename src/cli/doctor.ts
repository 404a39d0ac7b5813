// `accessbench doctor`: what infrastructure this machine offers and why — a container runtime, the local binaries
// and their versions, any external URLs given — which provider `--infra auto` would pick, and which strategies a
// run would skip. It starts no server; external URLs are only connected to, and only when given.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { BackendStatus } from '../core/infra.ts';
import { loadStrategy, loadScenario, scenarioNames } from '../core/registry.ts';
import { NEEDS, type Need } from '../core/scenario.ts';
import type { ImageRecord } from '../core/infra.ts';
import { IMAGES, resolveImages, type DockerImages } from '../infra/docker/definitions.ts';
import { imageRecord } from '../infra/docker/inspect.ts';
import { containerRuntime, type RuntimeStatus } from '../infra/docker/runtime.ts';
import { checkExternal, externalUrls, URL_SOURCES } from '../infra/external.ts';
import { pgBinaries } from '../infra/local/postgres.ts';
import { findMongoBinary } from '../infra/local/mongo.ts';
import { findRedisServer } from '../infra/local/redis.ts';
import { findPgBouncer, pgbouncerVersion } from '../infra/local/pgbouncer.ts';
import { findMemcached } from '../infra/local/memcached.ts';
import { autoChoice, type AutoChoice } from '../infra/select.ts';
import { findPgbench } from '../runner/db-ceiling.ts';
import { pgbenchVersion } from '../runner/db-ceiling-pgbench.ts';
import type { BackendUrls } from '../options/table.ts';
import { measureCpuSteadiness, probeSec } from '../runner/cpu-steadiness.ts';
import { PROFILES } from '../runner/profiles.ts';
import { STEADY_CV, steadinessLine, type CpuSteadiness } from '../stats/steadiness.ts';

/** Where the report's browser test looks for Chromium (src/report/browser.test.ts). */
const CHROMIUM = '/usr/bin/chromium';

export interface Availability {
  available: boolean;
  detail: string;
}

export interface DoctorReport {
  containerRuntime: RuntimeStatus;
  backends: Array<{ need: Need; local: Availability; docker: Availability; external: BackendStatus | null }>;
  chromium: Availability;
  /** pgbench, which drives the database ceiling; without it a pg driver loop does. */
  pgbench: Availability;
  auto: AutoChoice;
  /**
   * How steady the processors are (fixed work on every core, compared over windows of the default profile's trial
   * length): the floor under every timed figure a run here can give. Null: the probe could not run.
   */
  cpuSteadiness: CpuSteadiness | null;
  /** Strategies a run with the provider auto picks would skip, and why. */
  skipped: Array<{ scenario: string; strategy: string; reason: string }>;
}

export async function doctorReport(urls: BackendUrls, env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const rt = await containerRuntime(2000);
  const external = externalUrls(
    {
      postgres: urls.postgresUrl,
      replica: urls.replicaUrl,
      redis: urls.redisUrl,
      mongo: urls.mongoUrl,
      pgbouncer: urls.pgbouncerUrl,
      memcached: urls.memcachedUrl,
    },
    env,
  );
  const externalStatus = Object.keys(external).length > 0 ? await checkExternal(external, NEEDS) : [];
  const local = await localAvailability(env.ACCESSBENCH_MONGO_BINARY);
  const images = resolveImages(env);
  const found = rt.available ? await localImages(images) : {};
  const docker = (need: Need): Availability => {
    const name = images[need === 'replica' ? 'postgres' : need];
    const image = `${name}${need === 'replica' ? ', pg_basebackup from the primary' : ''}`;
    if (!rt.available) return { available: false, detail: `no container runtime (image ${image})` };
    const i = found[name];
    const what = i
      ? `present, ${i.digest.slice(0, 19)}…${i.standInFor ? `, local stand-in for ${IMAGES[i.standInFor as keyof DockerImages] ?? i.standInFor}` : ''}`
      : 'not present here: pulled on first use';
    return { available: true, detail: `image ${image} (${what})` };
  };
  const auto = await autoChoice({ infra: 'auto', urls: external, env, runtime: async () => rt });
  const availableWith = (need: Need): Availability => {
    if (auto.provider === 'docker') return docker(need);
    if (auto.provider === 'local') return local[need];
    const s = externalStatus.find((b) => b.need === need);
    return { available: s?.status === 'up', detail: s?.reason ?? s?.server ?? 'not given' };
  };
  return {
    containerRuntime: rt,
    backends: NEEDS.map((need) => ({
      need,
      local: local[need],
      docker: docker(need),
      external: externalStatus.find((b) => b.need === need) ?? null,
    })),
    chromium: chromium(),
    pgbench: pgbench(),
    auto,
    cpuSteadiness: await measureCpuSteadiness({ sec: probeSec(PROFILES.default), windowSec: PROFILES.default.trialSec }).catch(() => null),
    skipped: await skippedStrategies(availableWith),
  };
}

/** The images the engine already holds, by name (digest and stand-in label); those it lacks are left out. */
async function localImages(images: DockerImages): Promise<Record<string, ImageRecord>> {
  const { getContainerRuntimeClient, ImageName } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  const out: Record<string, ImageRecord> = {};
  for (const name of new Set(Object.values(images))) {
    const info = await client.image.inspect(ImageName.fromString(name)).catch(() => null);
    if (info) out[name] = imageRecord(name, { Image: info.Id, Config: { Labels: info.Config?.Labels ?? null } }, info);
  }
  return out;
}

async function localAvailability(mongoBinary: string | undefined): Promise<Record<Need, Availability>> {
  let postgres: Availability;
  try {
    const bins = await pgBinaries();
    const v = versionOf(bins.postgres, /\(PostgreSQL\)\s+(\S+)/);
    postgres = { available: true, detail: `PostgreSQL ${v}, embedded binaries (${bins.postgres})` };
  } catch (e) {
    postgres = { available: false, detail: (e as Error).message.split('\n')[0] ?? '' };
  }
  const replica: Availability = postgres.available
    ? { available: true, detail: 'a streaming standby cloned from the embedded primary (low-level backup API + slot)' }
    : { available: false, detail: `needs the embedded primary: ${postgres.detail}` };
  const redisBin = findRedisServer();
  const redis: Availability = redisBin
    ? { available: true, detail: `Redis ${versionOf(redisBin, /\bv=(\S+)/)} (${redisBin})` }
    : { available: false, detail: 'redis-server not found on PATH (install: apt-get install redis-server)' };
  let mongo: Availability;
  try {
    const bin = findMongoBinary(mongoBinary);
    if (!bin) throw new Error('neither mongod nor ferretdb found on PATH (see src/infra/local/mongo.ts for how to install FerretDB 1.24)');
    mongo =
      bin.kind === 'mongod'
        ? { available: true, detail: `MongoDB ${versionOf(bin.path, /db version v(\S+)/)} (${bin.path})` }
        : {
            available: true,
            detail: `FerretDB ${versionOf(bin.path, /^version: v(\S+)/m)} (${bin.path}): the MongoDB wire protocol over SQLite, not MongoDB's storage engine`,
          };
  } catch (e) {
    mongo = { available: false, detail: (e as Error).message.split('\n')[0] ?? '' };
  }
  const bouncerBin = findPgBouncer();
  const pgbouncer: Availability = !bouncerBin
    ? { available: false, detail: 'pgbouncer not found (install: apt-get install pgbouncer)' }
    : postgres.available
      ? { available: true, detail: `${pgbouncerVersion(bouncerBin)} (${bouncerBin}), transaction mode in front of the embedded primary` }
      : { available: false, detail: `needs the embedded primary: ${postgres.detail}` };
  const memcachedBin = findMemcached();
  const memcached: Availability = memcachedBin
    ? { available: true, detail: `Memcached ${versionOf(memcachedBin, /^memcached (\S+)/m)} (${memcachedBin})` }
    : { available: false, detail: 'memcached not found on PATH (install: apt-get install memcached)' };
  return { postgres, replica, redis, mongo, pgbouncer, memcached };
}

function versionOf(bin: string, pattern: RegExp): string {
  try {
    const out = execFileSync(bin, ['--version'], { timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    return pattern.exec(out)?.[1] ?? `unknown (${out.trim().split('\n')[0] ?? ''})`;
  } catch (e) {
    return `unknown (${bin} --version failed: ${(e as Error).message.split('\n')[0] ?? ''})`;
  }
}

function chromium(): Availability {
  if (!existsSync(CHROMIUM))
    return { available: false, detail: `${CHROMIUM} not found: the report's browser test is skipped (install: apt-get install chromium)` };
  return { available: true, detail: `Chromium ${versionOf(CHROMIUM, /Chromium\s+(\S+)/)} (${CHROMIUM}), for the report's browser test` };
}

function pgbench(): Availability {
  const bin = findPgbench();
  const version = bin ? pgbenchVersion(bin) : null;
  if (bin && version) return { available: true, detail: `${version} (${bin}) drives the database ceiling` };
  return {
    available: false,
    detail:
      `${bin ? `${bin} does not run` : 'pgbench not found on PATH'}: the database ceiling uses a pg driver loop, whose figure ` +
      "includes Node's per-query cost (install: apt-get install postgresql-client)",
  };
}

async function skippedStrategies(availableWith: (need: Need) => Availability): Promise<DoctorReport['skipped']> {
  const out: DoctorReport['skipped'] = [];
  for (const scenario of scenarioNames()) {
    for (const name of Object.keys((await loadScenario(scenario)).strategies)) {
      const { strategy } = await loadStrategy(scenario, name);
      // Every run seeds PostgreSQL, so without it nothing runs, whatever the strategy needs.
      const needs = [...new Set<Need>(['postgres', ...strategy.needs])];
      const missing = needs.filter((n) => !availableWith(n).available);
      if (missing.length > 0)
        out.push({ scenario, strategy: name, reason: missing.map((n) => `${n}: ${availableWith(n).detail}`).join('; ') });
    }
  }
  return out;
}

export function formatDoctor(r: DoctorReport): string {
  const mark = (a: Availability): string => `${a.available ? 'available  ' : 'unavailable'}  ${a.detail}`;
  const lines = [
    'accessbench doctor — what this machine offers for each backend, and why',
    '',
    `container runtime  ${r.containerRuntime.available ? 'available  ' : 'unavailable'}  ${r.containerRuntime.reason}`,
    '',
  ];
  for (const b of r.backends) {
    lines.push(b.need);
    lines.push(`  local     ${mark(b.local)}`);
    lines.push(`  docker    ${mark(b.docker)}`);
    if (b.external)
      lines.push(`  external  ${b.external.status === 'up' ? `available    ${b.external.server}` : `unavailable  ${b.external.reason}`}`);
  }
  if (r.backends.every((b) => !b.external)) {
    lines.push(`external  no URL given (--${URL_SOURCES.postgres.flag} … or ${URL_SOURCES.postgres.env} …)`);
  }
  lines.push('', `report tests  chromium ${mark(r.chromium)}`, `database ceiling  pgbench ${mark(r.pgbench)}`);
  lines.push('', `processors  ${r.cpuSteadiness ? steadinessLine(r.cpuSteadiness) : 'not measured (the probe did not run)'}`);
  if (r.cpuSteadiness && r.cpuSteadiness.cv > STEADY_CV)
    lines.push(
      `  unsteady (over ${(STEADY_CV * 100).toFixed(0)} %): timed figures here vary from trial to trial by about as much; the exact`,
      '  costs (queries, rows, bytes per request) and their gate do not depend on it',
    );
  // One reading of a few seconds: a machine with slow spells reads steady between them (docs/measurement.md).
  if (r.cpuSteadiness)
    lines.push(
      `  one ${r.cpuSteadiness.sec} s reading; a run takes it again before each later scenario and after the last, and reports them pooled`,
    );
  lines.push('', `--infra auto would pick: ${r.auto.provider} — ${r.auto.reason}`, '');
  if (r.backends.some((b) => /FerretDB/.test(b.local.detail))) {
    // src/runner/limits.ts: what FerretDB cannot measure is skipped at run time, by preset and scenario.
    lines.push(
      'limits of FerretDB: Mongo strategies run with --preset tiny only (no index pushdown beyond _id), and not in',
      '  the mixed scenario (concurrent updates lost, FerretDB#3040); use MongoDB for the rest (--infra docker, --mongo-url)',
      '',
    );
  }
  if (r.skipped.length === 0) lines.push(`strategies skipped with ${r.auto.provider}: none`);
  else {
    lines.push(`strategies skipped with ${r.auto.provider}:`);
    for (const s of r.skipped) lines.push(`  ${`${s.scenario}/${s.strategy}`.padEnd(34)} ${s.reason}`);
  }
  return lines.join('\n');
}

export async function doctorCommand(json: boolean, urls: BackendUrls): Promise<string> {
  const report = await doctorReport(urls);
  return json ? JSON.stringify(report, null, 2) : formatDoctor(report);
}
