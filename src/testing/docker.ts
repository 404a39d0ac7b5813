// What the engine holds right now, for tests that check a run left nothing behind (testcontainers' reaper is off
// where it cannot be pulled, so the provider's own cleanup is all there is).
export async function dockerResources(): Promise<string[]> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  const d = client.container.dockerode;
  const [containers, networks, volumes] = await Promise.all([d.listContainers({ all: true }), d.listNetworks(), d.listVolumes()]);
  return [
    ...containers.map((c) => `container ${c.Names?.[0] ?? c.Id} (${c.Image})`),
    ...networks.map((n) => `network ${n.Name}`),
    ...(volumes.Volumes ?? []).map((v) => `volume ${v.Name}`),
  ].sort();
}

/**
 * How long a test that needs the engine waits for its answer. The product asks for 10 s (`--infra docker`); a test
 * waits longer, since the engine's first answer after its service starts took over 10 s in `.ci/run` with two other
 * test files starting databases beside it, and a test that fails on a busy machine's pace tests the machine.
 */
export const ENGINE_ANSWER_MS = 60_000;
