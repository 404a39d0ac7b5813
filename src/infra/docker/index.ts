// The docker provider: the same topology as the local one, from pinned images, through testcontainers — a network,
// a PostgreSQL primary and a streaming standby cloned from it with pg_basebackup, Redis and MongoDB (the real
// server, where the local provider may only have FerretDB). Every container is registered with the lifecycle so a
// normal stop, an error or Ctrl-C removes it; testcontainers' reaper removes what a killed process leaves behind.
// Every container also carries its run's label, so one still starting when Ctrl-C came is found and removed too.
// testcontainers is imported here, lazily, so a missing or broken runtime never breaks commands that do not use it.
import { randomBytes } from 'node:crypto';
import { InfraError, InterruptedError } from '../../core/errors.ts';
import type { BackendStatus, Endpoints, ImageRecord, InfraProvider, StartedInfra } from '../../core/infra.ts';
import { checkInterrupted, onCleanup } from '../../core/lifecycle.ts';
import { sleep, waitFor } from '../../core/net.ts';
import type { Need } from '../../core/scenario.ts';
import { probeMemcached, probeMongo, probePgBouncer, probePostgres, probeRedis, redact } from '../external.ts';
import {
  endpointUrl,
  generateDockerCredentials,
  IMAGES,
  mongoDef,
  primaryDef,
  redisDef,
  memcachedDef,
  replicaDef,
  resolveImages,
  STANDBY_SLOT,
  type ContainerDef,
  type DockerCredentials,
  type DockerImages,
} from './definitions.ts';
import { cgroupCpuMicros, imageRecord, statsCpuMicros } from './inspect.ts';
import { pgbouncerDef } from './pgbouncer.ts';
import { PGBOUNCER_POOL_SIZE } from '../local/pgbouncer.ts';
import { containerRuntime } from './runtime.ts';

type Testcontainers = typeof import('testcontainers');
type Network = Awaited<ReturnType<InstanceType<Testcontainers['Network']>['start']>>;
type GenericContainer = InstanceType<Testcontainers['GenericContainer']>;

interface Running {
  def: ContainerDef;
  url: string;
  image: ImageRecord;
  /** The container's main process on this host (fault tests kill it, as they kill a local server). */
  pid: number | undefined;
  cpuMicros: () => Promise<number | null>;
  /** Last lines of the container's output, for error messages. */
  tail: () => string;
  remove: () => Promise<void>;
}

const STREAMING_TIMEOUT_MS = 60_000;
/** Names the run a container belongs to (see removeLabelled). */
export const RUN_LABEL = 'org.accessbench.run';
const READY_TIMEOUT_MS = 30_000;

export interface DockerOptions {
  /** The config file's `images`; ACCESSBENCH_*_IMAGE in the environment wins over it. */
  images?: Partial<DockerImages>;
  env?: NodeJS.ProcessEnv;
}

export function dockerProvider(opts: DockerOptions = {}): InfraProvider {
  const images = resolveImages(opts.env ?? process.env, opts.images);
  return { name: 'docker', start: (needs) => startDocker(needs, images) };
}

/** "(docker NAME)", or "(docker NAME, stand-in for OFFICIAL)" so the server string alone already says what ran. */
function origin(r: Running, extra = ''): string {
  const official = r.image.standInFor ? IMAGES[r.image.standInFor as keyof DockerImages] : undefined;
  const standIn = r.image.standInFor ? `, stand-in for ${official ?? r.image.standInFor}` : '';
  return `(docker ${r.def.image}${standIn}${extra})`;
}

async function startDocker(needs: readonly Need[], images: DockerImages): Promise<StartedInfra> {
  // Asked for explicitly (or auto found one): give a busy engine longer than auto's 2 s to answer.
  const runtime = await containerRuntime(10_000);
  if (!runtime.available) throw new InfraError(`docker: no container runtime (${runtime.reason})`);
  const tc = await import('testcontainers');
  const creds = generateDockerCredentials();
  const runId = randomBytes(6).toString('hex');
  const endpoints: Endpoints = {};
  const backends: BackendStatus[] = [];
  const removals: Array<() => Promise<void>> = [];
  const running = new Map<Need, Running>();
  const up = (need: Need, r: Running, server: string): void => {
    endpoints[need] = { url: r.url, server, ...(r.pid ? { pid: r.pid } : {}) };
    backends.push({ need, status: 'up', server, reason: null, image: r.image });
    running.set(need, r);
  };
  const down = (need: Need, reason: string): void => void backends.push({ need, status: 'unavailable', server: null, reason });
  const stop = async (): Promise<void> => {
    for (const r of removals.splice(0).reverse()) await r().catch(() => {});
  };
  const start = async (def: ContainerDef, network: Network): Promise<Running> => {
    const r = await startContainer(tc, def, network, creds, runId);
    removals.push(r.remove);
    checkInterrupted();
    return r;
  };
  try {
    const network = await new tc.Network().start();
    const sweep = async (): Promise<void> => {
      await removeLabelled(tc, runId);
      await network.stop();
    };
    removals.push(onCleanup(`remove docker network ${network.getName()} and the run's containers`, sweep));
    const wantPg = needs.includes('postgres') || needs.includes('replica') || needs.includes('pgbouncer');
    // Independent servers start together; the standby needs a running primary to clone.
    const [primary, redis, mongo, memcached] = await Promise.allSettled([
      wantPg ? start(primaryDef(creds, images.postgres), network) : Promise.resolve(null),
      needs.includes('redis') ? start(redisDef(creds, images.redis), network) : Promise.resolve(null),
      needs.includes('mongo') ? start(mongoDef(creds, images.mongo), network) : Promise.resolve(null),
      needs.includes('memcached') ? start(memcachedDef(images.memcached), network) : Promise.resolve(null),
    ]);
    checkInterrupted();
    if (primary.status === 'rejected') throw new InfraError(`docker: postgres primary failed to start: ${message(primary.reason)}`);
    const p = primary.value;
    if (p) {
      const version = (await ready(() => probePostgres(p.url, 'primary'))).server;
      up('postgres', p, `${version} ${origin(p)}`);
      if (needs.includes('replica'))
        await startReplica(p, version, replicaDef(creds, undefined, images.postgres), network, start, up, down);
      // In front of the primary, so started once it answers.
      if (needs.includes('pgbouncer')) {
        const b = await Promise.allSettled([start(pgbouncerDef(creds, PGBOUNCER_POOL_SIZE, images.pgbouncer), network)]);
        await settle('pgbouncer', b[0] as PromiseSettledResult<Running>, probePgBouncer, up, down);
      }
    }
    await settle('redis', redis, probeRedis, up, down);
    await settle('mongo', mongo, probeMongo, up, down);
    await settle('memcached', memcached, probeMemcached, up, down);
  } catch (e) {
    await stop();
    throw e;
  }
  const cpuMicros = async (need: Need): Promise<number | null> => (await running.get(need)?.cpuMicros()) ?? null;
  return { provider: 'docker', reason: `container runtime: ${runtime.reason}`, endpoints, backends, cpuMicros, stop };
}

/** The testcontainers container for a definition, not started; `tail` returns its last output lines. */
export function buildContainer(
  tc: Testcontainers,
  def: ContainerDef,
  networkName: string,
  labels: Record<string, string> = {},
): { container: GenericContainer; tail: () => string } {
  // testcontainers publishes on every interface; the harness promises loopback only, so the binding is set here.
  class LoopbackContainer extends tc.GenericContainer {
    publishOn(hostIp: string, port: number): this {
      this.withExposedPorts(port);
      this.hostConfig.PortBindings = { ...this.hostConfig.PortBindings, [`${port}/tcp`]: [{ HostIp: hostIp, HostPort: '0' }] };
      return this;
    }
  }
  let tail = '';
  const hc = def.healthcheck;
  const c = new LoopbackContainer(def.image)
    .withNetworkMode(networkName)
    .withNetworkAliases(def.alias)
    .withLabels(labels)
    .withEnvironment(def.env)
    .withCommand(def.command)
    .withHealthCheck({ test: hc.test, interval: hc.intervalMs, timeout: hc.timeoutMs, retries: hc.retries, startPeriod: hc.startPeriodMs })
    .withWaitStrategy(tc.Wait.forHealthCheck())
    .withStartupTimeout(def.startupTimeoutMs)
    .withLogConsumer((stream) => stream.on('data', (chunk: Buffer | string) => (tail = (tail + chunk.toString()).slice(-4000))))
    .publishOn(def.hostIp, def.containerPort);
  if (def.entrypoint) c.withEntrypoint(def.entrypoint);
  if (def.shmBytes) c.withSharedMemorySize(def.shmBytes);
  return { container: c, tail: () => tail.trim().split('\n').slice(-3).join(' | ') || '(no output)' };
}

async function startContainer(
  tc: Testcontainers,
  def: ContainerDef,
  network: Network,
  creds: DockerCredentials,
  runId: string,
): Promise<Running> {
  const { container: c, tail } = buildContainer(tc, def, network.getName(), { [RUN_LABEL]: runId });
  let started;
  try {
    started = await c.start();
  } catch (e) {
    throw new InfraError(`${def.role} (${def.image}): ${message(e)}; container output: ${tail()}`);
  }
  const container = started;
  const remove = onCleanup(
    `remove container ${container.getName()} (${def.image})`,
    async () => void (await container.stop({ timeout: 0 })),
  );
  const url = endpointUrl(def.role, creds, container.getMappedPort(def.containerPort), def.anonymous);
  const client = await tc.getContainerRuntimeClient();
  const handle = client.container.getById(container.getId());
  let info;
  try {
    info = await handle.inspect();
  } catch (e) {
    await remove();
    throw new InfraError(`${def.role} (${def.image}): started but cannot be inspected: ${message(e)}`);
  }
  const imageInfo = await client.image.inspect(tc.ImageName.fromString(def.image)).catch(() => null);
  const pid = info.State?.Pid || undefined;
  // The cgroup files are exact and cheap; the engine's stats API is the fallback where they are not readable here.
  const cpuMicros = async (): Promise<number | null> =>
    (pid ? cgroupCpuMicros(pid) : null) ?? statsCpuMicros(await handle.stats({ stream: false }).catch(() => null));
  return { def, url, tail, remove, image: imageRecord(def.image, info, imageInfo), pid, cpuMicros };
}

/** The standby is only useful once the primary sees it streaming through its slot, not merely started. */
async function startReplica(
  primary: Running,
  version: string,
  def: ContainerDef,
  network: Network,
  start: (def: ContainerDef, network: Network) => Promise<Running>,
  up: (need: Need, r: Running, server: string) => void,
  down: (need: Need, reason: string) => void,
): Promise<void> {
  let replica: Running | null = null;
  try {
    replica = await start(def, network);
    await waitStreaming(primary.url, replica);
    const probe = await ready(() => probePostgres(replica!.url, 'standby'));
    if (!probe.server.includes('(streaming standby)')) throw new InfraError(`replica is up but not streaming: ${probe.server}`);
    up('replica', replica, `${version} ${origin(replica, ', streaming standby')}`);
  } catch (e) {
    if (e instanceof InterruptedError) throw e;
    await replica?.remove();
    down('replica', redact(`docker streaming replica: ${message(e)}`, primary.url));
  }
}

async function waitStreaming(primaryUrl: string, replica: Running): Promise<void> {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: primaryUrl, connectionTimeoutMillis: 5000 });
  admin.on('error', () => {});
  await admin.connect();
  try {
    const deadline = Date.now() + STREAMING_TIMEOUT_MS;
    let state = 'not connected';
    while (Date.now() < deadline) {
      const r = await admin.query<{ state: string }>(
        `SELECT s.state FROM pg_stat_replication s JOIN pg_replication_slots r ON r.active_pid = s.pid WHERE r.slot_name = $1`,
        [STANDBY_SLOT],
      );
      state = r.rows[0]?.state ?? 'not connected';
      if (state === 'streaming') return;
      checkInterrupted();
      await sleep(250);
    }
    throw new InfraError(
      `did not reach state 'streaming' within ${STREAMING_TIMEOUT_MS / 1000} s (pg_stat_replication on the primary says: ${state}); ` +
        `replica output: ${replica.tail()}`,
    );
  } finally {
    await admin.end().catch(() => {});
  }
}

/** A container's healthcheck can pass a moment before the server takes the harness's connections; poll briefly. */
async function ready<T>(probe: () => Promise<T>): Promise<T> {
  let value: T | undefined;
  await waitFor('the server to answer', async () => ((value = await probe()), true), READY_TIMEOUT_MS, 250);
  return value as T;
}

async function settle(
  need: 'redis' | 'mongo' | 'pgbouncer' | 'memcached',
  result: PromiseSettledResult<Running | null>,
  probe: (url: string) => Promise<{ server: string }>,
  up: (need: Need, r: Running, server: string) => void,
  down: (need: Need, reason: string) => void,
): Promise<void> {
  if (result.status === 'rejected') return down(need, message(result.reason));
  const r = result.value;
  if (!r) return;
  try {
    const server = (await ready(() => probe(r.url))).server;
    up(need, r, `${server} ${origin(r)}`);
  } catch (e) {
    await r.remove();
    down(need, redact(`${need} (${r.def.image}): ${message(e)}`, r.url));
  }
}

const message = (e: unknown): string => ((e as Error)?.message ?? String(e)).split('\n')[0] ?? 'unknown error';

/**
 * Containers of this run that no cleanup knows of: one whose start had not returned when Ctrl-C or an error came
 * (testcontainers only hands a container over once its healthcheck passed). Runs before the network is removed,
 * which the engine refuses while a container is attached.
 */
async function removeLabelled(tc: Testcontainers, runId: string): Promise<void> {
  const d = (await tc.getContainerRuntimeClient()).container.dockerode;
  const found = await d.listContainers({ all: true, filters: { label: [`${RUN_LABEL}=${runId}`] } });
  await Promise.all(
    found.map((c) =>
      d
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => {}),
    ),
  );
}
