// `--infra auto|local|docker|external` → one InfraProvider, and the reason for the choice, which every result
// records (StartedInfra.reason): a reader comparing two runs must see that one ran in containers and one did not.
import { ConfigError, InterruptedError } from '../core/errors.ts';
import type { InfraProvider } from '../core/infra.ts';
import type { Need } from '../core/scenario.ts';
import type { DockerImages } from './docker/definitions.ts';
import { containerRuntime, type RuntimeStatus } from './docker/runtime.ts';
import { externalProvider, externalUrls, URL_SOURCES, type ExternalUrls } from './external.ts';

export const INFRA_CHOICES = ['auto', 'local', 'docker', 'external'] as const;
export type InfraChoice = (typeof INFRA_CHOICES)[number];

export interface ProviderOptions {
  infra: InfraChoice;
  /** URLs given as flags (env ACCESSBENCH_*_URL fills the gaps). */
  urls?: ExternalUrls;
  mongoBinary?: string;
  /** Images for the docker provider (config file); ACCESSBENCH_*_IMAGE in env wins. */
  images?: Partial<DockerImages>;
  env?: NodeJS.ProcessEnv;
  /** How a container runtime is detected; tests replace it. */
  runtime?: () => Promise<RuntimeStatus>;
}

export interface AutoChoice {
  provider: 'docker' | 'local' | 'external';
  reason: string;
}

/** What `--infra auto` picks, and why: URLs given → external; a container runtime answering → docker; else local. */
export async function autoChoice(opts: ProviderOptions): Promise<AutoChoice> {
  const urls = externalUrls(opts.urls ?? {}, opts.env ?? process.env);
  const given = (Object.keys(urls) as Need[]).map((n) => `--${URL_SOURCES[n].flag}`);
  if (given.length > 0) return { provider: 'external', reason: `auto: ${given.join(', ')} given; using external servers` };
  const rt = await (opts.runtime ?? (() => containerRuntime(2000)))();
  if (rt.available) return { provider: 'docker', reason: `auto: container runtime answered (${rt.reason}); using docker` };
  return { provider: 'local', reason: `auto: no container runtime (${rt.reason}); using local binaries` };
}

export async function chooseProvider(opts: ProviderOptions): Promise<InfraProvider> {
  const env = opts.env ?? process.env;
  const flagged = (Object.keys(opts.urls ?? {}) as Need[]).filter((n) => opts.urls?.[n] !== undefined);
  if (flagged.length > 0 && (opts.infra === 'local' || opts.infra === 'docker')) {
    throw new ConfigError(`--${URL_SOURCES[flagged[0] as Need].flag} is for --infra external (or auto), not --infra ${opts.infra}`);
  }
  switch (opts.infra) {
    case 'local':
      return withReason(await local(opts, env), '--infra local: binaries from this machine');
    case 'docker':
      return withReason(await docker(opts, env), '--infra docker: containers from pinned images');
    case 'external':
      return external(opts, env, '--infra external');
    case 'auto': {
      const choice = await autoChoice(opts);
      if (choice.provider === 'external') return external(opts, env, choice.reason);
      if (choice.provider === 'local') return withReason(await local(opts, env), choice.reason);
      return dockerOrLocal(await docker(opts, env), await local(opts, env), choice.reason);
    }
  }
}

async function local(opts: ProviderOptions, env: NodeJS.ProcessEnv): Promise<InfraProvider> {
  const { localProvider } = await import('./local/index.ts');
  return localProvider({ mongoBinary: opts.mongoBinary ?? env.ACCESSBENCH_MONGO_BINARY });
}

async function docker(opts: ProviderOptions, env: NodeJS.ProcessEnv): Promise<InfraProvider> {
  const { dockerProvider } = await import('./docker/index.ts');
  return dockerProvider({ images: opts.images, env });
}

function external(opts: ProviderOptions, env: NodeJS.ProcessEnv, why: string): InfraProvider {
  const urls = externalUrls(opts.urls ?? {}, env);
  if (!urls.postgres) throw new ConfigError(`${why} needs --postgres-url (or ${URL_SOURCES.postgres.env})`);
  return withReason(externalProvider(urls), why);
}

/** The provider, with the choice's reason put in front of its own (docker says which runtime it used). */
export function withReason(provider: InfraProvider, reason: string): InfraProvider {
  return {
    name: provider.name,
    start: async (needs, opts) => {
      const infra = await provider.start(needs, opts);
      return { ...infra, reason: infra.reason ? `${reason}; ${infra.reason}` : reason };
    },
  };
}

/**
 * A runtime that answers may still fail to run the containers (no network to pull the images, no disk): auto then
 * falls back to local binaries and says so, rather than failing a run that local binaries could have made.
 */
function dockerOrLocal(docker: InfraProvider, local: InfraProvider, reason: string): InfraProvider {
  return {
    name: 'auto',
    start: async (needs, opts) => {
      try {
        return await withReason(docker, reason).start(needs, opts);
      } catch (e) {
        if (e instanceof InterruptedError) throw e;
        const why = ((e as Error).message ?? String(e)).split('\n')[0];
        return withReason(local, `auto: docker failed (${why}); using local binaries`).start(needs, opts);
      }
    },
  };
}
