// The Redis-vs-Memcached block of a scenario (where both pg-cached-redis and pg-cached-memcached were ranked): the
// verdict with its interval, then the figures behind the chart, one row per server.
import { formatInt, formatPercent, formatQueries, formatRps, formatUs } from '../format.ts';
import { html, type Html } from '../html.ts';
import { tableSection } from './table-section.ts';
import type { CacheComparison, CacheServerFigures } from '../model/cache-servers.ts';

const NAMES = { redis: 'Redis', memcached: 'Memcached' } as const;
const opt = (v: number | null, f: (x: number) => string): string => (v === null ? '–' : f(v));

function row(f: CacheServerFigures, mixed: boolean): Html {
  const s = f.row.level.summary;
  const m = f.mixed;
  const stale =
    m && m.staleChecks > 0
      ? `${formatInt(m.staleReads)} / ${formatInt(m.staleChecks)} (${formatPercent(m.staleReads / m.staleChecks)})`
      : 'n/a';
  return html`<tr>
    <td>${NAMES[f.server]} <span class="muted mono">${f.strategy}</span></td>
    <td class="num">${formatRps(s.rps.estimate)} <span class="muted">(${formatRps(s.rps.low)}–${formatRps(s.rps.high)})</span></td>
    <td class="num">${formatUs(s.p50Us.estimate)}</td>
    <td class="num">${formatUs(s.p99Us.estimate)}</td>
    <td class="num">${opt(f.idleRoundTripUs, formatUs)}</td>
    <td class="num">${opt(f.roundTripUs, formatUs)}</td>
    <td class="num">${opt(f.roundTripsPerRequest, formatQueries)}</td>
    <td class="num">${opt(f.hitRatio, formatPercent)}</td>
    <td class="num">${opt(f.cacheCpuUs, (v) => v.toFixed(1))}</td>
    ${
      mixed
        ? html`<td class="num">${m ? formatUs(m.writeP50Us) : '–'}</td>
            <td class="num">${stale}</td>`
        : ''
    }
  </tr>`;
}

export function cacheServersSection(c: CacheComparison | null): Html | '' {
  if (!c) return '';
  const mixed = c.redis.mixed !== null && c.memcached.mixed !== null;
  return tableSection({
    title: 'Redis vs Memcached',
    verdicts: [c.verdict],
    note: html`The same cache-aside code (scenarios/shared/cache-aside.ts) with ioredis or memjs: a hit is one round trip, a miss a GET and
    a SET. Round trips are timed in the strategy server, from the client call to the reply: unloaded on verification's repeated reads (hits,
    one at a time), loaded as the mean over each trial (the server's own event-loop queueing included), median across trials.`,
    tableClass: 'mixed',
    head: html`<th>cache</th>
      <th class="num">req/s (interval)</th>
      <th class="num">p50</th>
      <th class="num">p99</th>
      <th class="num" title="a hit's round trip with no other load: verification's repeated reads, one at a time (median)">
        round trip, unloaded
      </th>
      <th class="num" title="mean wait for one cache request during the trials, median across trials">round trip, loaded</th>
      <th class="num">round trips/req</th>
      <th class="num">cache hits</th>
      <th class="num" title="CPU of the cache server per request, µs">cache CPU µs/req</th>
      ${
        mixed
          ? html`<th class="num" title="a comment: INSERT on the primary, then the cache DELETE">write p50</th>
              <th class="num" title="reads of just-written posts that missed the write / reads probed">stale reads</th>`
          : ''
      }`,
    rows: [row(c.memcached, mixed), row(c.redis, mixed)],
  });
}
