// Whether a container runtime answers, asked the way the docker provider will use it (testcontainers' own
// discovery: DOCKER_HOST, ~/.testcontainers.properties, the Docker/Podman sockets). Never throws and never takes
// longer than the timeout, so `--infra auto` and `accessbench doctor` stay fast on machines without one.
import { existsSync } from 'node:fs';

// Lazy (imported inside containerRuntime): testcontainers pulls in dockerode and ssh2; commands that never touch
// containers must not load them.
type Testcontainers = typeof import('testcontainers');

export interface RuntimeStatus {
  available: boolean;
  reason: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', 'host.docker.internal']);

export async function containerRuntime(timeoutMs = 2000): Promise<RuntimeStatus> {
  // Loading testcontainers (dockerode, ssh2) takes seconds on a busy machine; the timeout is for the engine's answer.
  let tc: Testcontainers;
  try {
    tc = await import('testcontainers');
  } catch (e) {
    return { available: false, reason: `testcontainers failed to load: ${((e as Error).message ?? String(e)).split('\n')[0]}` };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<RuntimeStatus>((resolve) => {
    timer = setTimeout(
      () => resolve({ available: false, reason: `no answer from a container runtime within ${timeoutMs} ms${hint()}` }),
      timeoutMs,
    );
    timer.unref(); // a probe must not keep the process alive
  });
  try {
    return await Promise.race([probe(tc), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function probe(tc: Testcontainers): Promise<RuntimeStatus> {
  try {
    const client = await tc.getContainerRuntimeClient();
    const rt = client.info.containerRuntime;
    // Ports are published on the runtime host's 127.0.0.1; on a remote host that is not this machine's loopback.
    if (!LOCAL_HOSTS.has(rt.host)) {
      return {
        available: false,
        reason: `the container runtime at ${rt.host} is remote; ports bound to its 127.0.0.1 are unreachable from here`,
      };
    }
    return { available: true, reason: `${rt.operatingSystem} (API ${rt.serverVersion}) at ${rt.host}` };
  } catch (e) {
    const first = ((e as Error).message ?? String(e)).split('\n')[0] ?? '';
    return { available: false, reason: `${first}${hint()}` };
  }
}

/** What a reader would check first: is there a socket, is DOCKER_HOST set. */
function hint(): string {
  const host = process.env.DOCKER_HOST;
  if (host) return ` (DOCKER_HOST=${host.replace(/\/\/[^@/]*@/, '//')})`;
  const socket = '/var/run/docker.sock';
  return existsSync(socket) ? ` (${socket} exists but did not answer)` : ` (DOCKER_HOST unset, no ${socket})`;
}
