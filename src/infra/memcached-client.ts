// A memjs client from a memcached:// URL (memcached://[user:password@]host:port; credentials are SASL PLAIN over the
// binary protocol, which memjs speaks), configured the way every user of it here needs: a failure surfaces at once as
// an error (no retries, no failover) and nothing is logged to the console.
import type { Client } from 'memjs';

/** memjs's server string ("[user:pass@]host:port") for a memcached:// URL. */
export function memjsServer(url: string): string {
  const u = new URL(url);
  const auth = u.username ? `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}@` : '';
  return `${auth}${u.hostname}:${u.port || '11211'}`;
}

export async function memcachedClient(url: string, timeoutSec = 2): Promise<Client> {
  const memjs = (await import('memjs')).default;
  return memjs.Client.create(memjsServer(url), {
    // retries counts attempts: 1 is a single try. A cache outage must show as failed requests, not be retried away.
    retries: 1,
    timeout: timeoutSec,
    conntimeout: timeoutSec,
    keepAlive: true,
    logger: { log: () => {} },
  });
}
