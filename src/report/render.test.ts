import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Result } from '../results/schema.ts';
import { buildFixtureHistory, buildFixtureResult } from '../testing/report-fixtures/result.ts';
import { escapeHtml, jsonForScript } from './html.ts';
import { renderReport } from './render.ts';
import { XSS, xssResults } from '../testing/report-fixtures/xss.ts';

interface Embedded {
  charts: Array<{ id: string; spec: Record<string, unknown> }>;
}

function embedded(page: string): Embedded {
  const m = /<script type="application\/json" id="accessbench-data">([^<]*)<\/script>/.exec(page);
  assert.ok(m?.[1], 'the page has a JSON data block');
  return JSON.parse(m[1]) as Embedded;
}

/** Prose as a reader sees it: markup line breaks collapsed, so wording checks do not depend on source layout. */
function flat(page: string): string {
  return page.replace(/\s+/g, ' ');
}

function chartIds(page: string): string[] {
  return [...page.matchAll(/data-chart="([^"]*)"/g)].map((m) => m[1] as string);
}

describe('renderReport', () => {
  it('names the container image per backend in the environment section, and flags a local stand-in', async () => {
    const r = buildFixtureResult();
    const digest = `sha256:${'d'.repeat(64)}`;
    r.infra.backends[0] = {
      ...r.infra.backends[0]!,
      image: { name: 'localhost/accessbench-postgres:15-bookworm', digest, standInFor: 'postgres' },
    };
    r.infra.backends[3] = { ...r.infra.backends[3]!, image: { name: 'mongo:7.0.14', digest } };
    const page = flat(await renderReport([Result.parse(r)]));
    assert.match(
      page,
      /<code>localhost\/accessbench-postgres:15-bookworm<\/code> <span class="muted">sha256:dddddddddddd…<\/span> <span class="badge skipped">local stand-in for postgres<\/span>/,
    );
    assert.match(page, /<code>mongo:7\.0\.14<\/code> <span class="muted">sha256:dddddddddddd…<\/span><\/td>/);
  });

  it("shows how steady the machine's processors were, flags an unsteady one, and says nothing for older files", async () => {
    const r = buildFixtureResult();
    const probe = { sec: 2, windowSec: 0.3, cores: 2, pinned: true, windows: 12, slowest: 0.8, fastest: 1.3 };
    const unsteady = flat(await renderReport([Result.parse({ ...r, machine: { ...r.machine, cpuSteadiness: { ...probe, cv: 0.165 } } })]));
    assert.match(
      unsteady,
      /<th>CPU steadiness<\/th> <td>16\.5 % CV of fixed work per CPU second over 0\.3 s windows \(12 windows, 2 cores at once; slowest ×0\.80, fastest ×1\.30\) <span class="badge warn">unsteady: no trial can be steadier than this<\/span>/,
    );
    const steady = flat(await renderReport([Result.parse({ ...r, machine: { ...r.machine, cpuSteadiness: { ...probe, cv: 0.02 } } })]));
    assert.match(steady, /<th>CPU steadiness<\/th> <td>2\.0 % CV /);
    assert.doesNotMatch(steady, /unsteady/);
    // Pooled from the moments a run took it at, with the share of slow windows.
    const pooled = { ...probe, cv: 0.08, windows: 48, moments: 11, slowShare: 0.125, slowest: 0.52 };
    assert.match(
      flat(await renderReport([Result.parse({ ...r, machine: { ...r.machine, cpuSteadiness: pooled } })])),
      /<td>8\.0 % CV of fixed work per CPU second over 0\.3 s windows \(48 windows, taken at 11 moments of the run, 2 cores at once; slowest ×0\.52, fastest ×1\.30; 13 % of windows under ×0\.9 of full speed\) <span class="badge warn">/,
    );
    assert.doesNotMatch(flat(await renderReport([Result.parse(r)])), /CPU steadiness/);
  });

  it('has one chart container per embedded chart, and the reverse', async () => {
    const page = await renderReport(xssResults());
    const ids = chartIds(page);
    const data = embedded(page);
    assert.deepEqual([...ids].sort(), data.charts.map((c) => c.id).sort());
    assert.equal(new Set(ids).size, ids.length, 'chart ids are unique');
    for (const kind of ['throughput', 'queries', 'latency', 'concurrency', 'fanout', 'history']) {
      assert.ok(ids.includes(`post-detail-${kind}`), `post-detail has a ${kind} chart`);
    }
    // feed was measured at one level only: no concurrency chart for it.
    assert.ok(!ids.includes('feed-concurrency'));
    assert.ok(ids.includes('feed-history'));
    for (const id of ['mixed-read-write', 'mixed-cache-stale', 'mixed-replica-lag', 'mixed-tradeoff', 'post-detail-cold', 'change-rps']) {
      assert.ok(ids.includes(id), `the fixture has a ${id} chart`);
    }
    // Read-only scenarios have no mixed-load charts, and no replica-lag chart without a strategy that reads a replica.
    assert.ok(!ids.some((id) => /^(post-detail|feed)-(read-write|cache-stale|tradeoff|replica-lag)$/.test(id)));
  });

  it('puts read gain and write cost side by side, against the reference', async () => {
    const page = flat(await renderReport([buildFixtureResult()]));
    const table = page.slice(page.indexOf('<table class="mixed">'), page.indexOf('</table>', page.indexOf('<table class="mixed">')));
    const row = (name: string) => table.slice(table.indexOf(`>${name}</td>`), table.indexOf('</tr>', table.indexOf(`>${name}</td>`)));
    // pg-denormalized: more reads per second than pg-join (▲), slower writes (▼), 3 rows written per write.
    assert.match(row('pg-denormalized'), /\(1\.\d+× ▲\).*\(2\.\d+× ▼\).*<td class="num">3\.00<\/td>/);
    // Stale reads are summed over the 3 trials (4 + 5 + 4 of 60 each) and shown as a share of the reads probed.
    assert.match(row('pg-replica'), /13 \/ 180 \(7\.2 %\)/);
    assert.match(row('pg-cached-memory'), /91\.0 %/);
    assert.match(page, /reads of just-written posts that missed the write/);
  });

  it('flags strategies within 3× of the harness ceiling, and only those', async () => {
    const page = flat(await renderReport([buildFixtureResult()]));
    const section = (slug: string) =>
      page.slice(page.indexOf(`id="scenario-${slug}"`), page.indexOf('</table>', page.indexOf(`id="scenario-${slug}"`)));
    // feed: pg-cached-memory's 9,840 req/s is more than a third of the 24,500 req/s ceiling; mongoose-lean's is not.
    assert.match(section('feed'), /pg-cached-memory<\/a[^]*?near ceiling[^]*?mongoose-lean/);
    assert.equal(section('feed').match(/>near ceiling</g)?.length, 1);
    assert.doesNotMatch(section('post-detail'), />near ceiling</);
  });

  it('shows the change since the previous run with ratios, CIs and verdicts from the compare stage', async () => {
    const runs = buildFixtureHistory(2);
    const page = flat(await renderReport(runs));
    assert.match(page, /<h2>Change since <code>a1b2c3d<\/code><\/h2>/);
    assert.match(page, /<a href="#change">Change since a1b2c3d<\/a>/);
    const section = page.slice(page.indexOf('<section id="change">'), page.indexOf('</section>', page.indexOf('<section id="change">')));
    // The second run is 17.6 % faster (rpsScale 0.85 → 1.0); with 3 trials a side the verdict needs every trial to agree.
    assert.match(section, /<td>post-detail<\/td> <td class="mono"> ?pg-join ?<\/td> <td class="num">16<\/td>.*?\+17\.\d %.*?faster/);
    assert.match(section, /only 3 trials per side/);
  });

  it('leaves the change section out for one run, and explains it for runs of different profiles', async () => {
    assert.ok(!(await renderReport([buildFixtureResult()])).includes('id="change"'));
    const [a, b] = buildFixtureHistory(2);
    b!.profile = { ...b!.profile, name: 'quick' };
    const page = flat(await renderReport([a!, b!]));
    assert.match(page, /No comparison: the runs are not comparable \(profile default → quick\)/);
    assert.ok(!chartIds(page).includes('change-rps'));
  });

  it('groups micro-benchmarks and gives each its speed relative to the fastest of its group', async () => {
    const page = flat(await renderReport([buildFixtureResult()]));
    const micro = page.slice(page.indexOf('<section id="micro">'));
    assert.match(micro, /<tr class="group"> <th colspan="7">hydration<\/th>/);
    // 612,000 vs 41,200 ops/s: the hydrated document is 15× slower than the lean object, which comes first.
    assert.match(micro, /mongoose lean object<\/td> <td class="num">612,000<\/td> <td class="num"><strong>1×<\/strong>/);
    assert.match(micro, /mongoose hydrated doc<\/td> <td class="num">41,200<\/td> <td class="num">15× slower/);
  });

  it('shows no history chart for a single run', async () => {
    const ids = chartIds(await renderReport([buildFixtureResult()]));
    assert.ok(ids.length > 0);
    assert.ok(!ids.some((id) => id.endsWith('-history')));
  });

  it('links to and loads nothing outside the file', async () => {
    const page = await renderReport(xssResults());
    assert.doesNotMatch(page, /\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i);
    assert.doesNotMatch(page, /@import/i);
    assert.doesNotMatch(page, /url\(\s*["']?\s*(?:https?:)?\/\//i);
    assert.doesNotMatch(page, /<link\b/i);
    assert.doesNotMatch(page, /sourceMappingURL/);
    assert.match(
      page,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">/,
    );
    // The only markup-level script sources are inline blocks.
    assert.doesNotMatch(page, /<script[^>]*\ssrc=/i);
  });

  it('escapes every string that comes from a result file', async () => {
    const page = await renderReport(xssResults());
    assert.ok(!page.includes(XSS), 'the raw payload never appears');
    assert.ok(!page.includes('<img src=x'), 'no injected element');
    assert.ok(!page.includes('window.__xss=1;alert(1)</script>'));
    const escaped = escapeHtml(XSS);
    assert.ok(page.includes(`fix: ${escaped}`), 'the commit subject is shown, escaped');
    assert.ok(page.includes(`>${escaped}</a`), 'the strategy name is shown, escaped');
    assert.ok(page.includes(`SELECT &#39;${escaped}&#39;`), 'captured SQL is shown, escaped');
    // In chart data the payload survives JSON.parse intact (vega renders it as text), but the block is inert.
    const specs = embedded(page).charts.map((c) => JSON.stringify(c.spec));
    assert.ok(specs.some((s) => s.includes(JSON.stringify(XSS).slice(1, -1))));
  });

  it('stays under 2 MB', async () => {
    const page = await renderReport(xssResults());
    assert.ok(Buffer.byteLength(page) < 2 * 1024 * 1024, `page is ${Buffer.byteLength(page)} bytes`);
  });

  it('embeds vega-lite specs that compile without warnings', async () => {
    const vl = await import('vega-lite');
    for (const chart of embedded(await renderReport(xssResults())).charts) {
      // vega-lite reports many spec mistakes (unknown fields, bad scale/mark combinations) as warnings, not throws.
      const warnings: unknown[] = [];
      const logger = {
        level: () => logger,
        error: (...a: unknown[]) => (warnings.push(a), logger),
        warn: (...a: unknown[]) => (warnings.push(a), logger),
        info: () => logger,
        debug: () => logger,
      };
      assert.doesNotThrow(() => vl.compile(chart.spec as never, { logger: logger as never }), `chart ${chart.id} compiles`);
      assert.deepEqual(warnings, [], `chart ${chart.id} compiles without warnings`);
    }
  });

  it('states the verdict with a conservative ratio interval and the query counts', async () => {
    const r = buildFixtureResult();
    const page = await renderReport([r]);
    assert.match(
      page,
      /At 16 connections, pg-join serves post-detail 7\.\d× faster than prisma-naive \(CI \d+\.\d–\d+\.\d×\), issuing 1 query per request instead of 43/,
    );
    assert.match(
      page,
      /pg-cached-memory serves feed \d\.\d× faster than mongoose-lean \(CI [^)]*\), issuing 0 queries per request instead of 3/,
    );
    assert.ok(Result.parse(r));
  });

  it('lists failed and skipped strategies with their reasons, never in the ranking', async () => {
    const page = flat(await renderReport([buildFixtureResult()]));
    const ranking = page.slice(page.indexOf('<table class="ranking">'), page.indexOf('</table>', page.indexOf('<table class="ranking">')));
    assert.ok(!ranking.includes('pg-cached-redis'));
    assert.match(page, /needs redis — redis-server not found on PATH/);
    assert.match(page, /verification failed: payload differs from pg-join/);
  });

  it('shows mixed-load, replica-lag, cold-start, ceiling and micro-benchmark figures when present', async () => {
    const r = buildFixtureResult();
    const s = r.scenarios[0]?.strategies[0];
    const t = s?.status === 'completed' ? s.levels[0]?.trials[0] : undefined;
    assert.ok(t);
    const p = { p50: 900, p90: 1500, p99: 4000, p999: 6000, max: 9000, mean: 1100 };
    t.mixed = { reads: 9000, writes: 1000, readLatencyUs: p, writeLatencyUs: p, rowsWrittenPerWrite: 3, staleChecks: 200, staleReads: 7 };
    t.replicaLag = { samples: 40, bytesP50: 1024, bytesP99: 65536, msP50: 1.2, msP99: 14.5 };
    const page = flat(await renderReport([r]));
    assert.match(page, /Mixed load: reads vs writes/);
    assert.match(page, /7 \/ 200 \(3\.5 %\)/);
    assert.match(page, /Replica lag during load/);
    assert.match(page, /14\.5 ms/);
    assert.match(page, /first 50 requests: p50/);
    assert.match(page, /Harness ceiling/);
    assert.match(page, /JSON\.stringify post-detail payload/);
  });

  it('marks a partial run', async () => {
    assert.match(flat(await renderReport([buildFixtureResult({ partial: true })])), /Partial run\./);
  });
});

describe('jsonForScript', () => {
  it('cannot close its script element and round-trips through JSON.parse', () => {
    const value = { s: '</script><!-- & \u2028\u2029 >' };
    const text = jsonForScript(value);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), value);
  });
});
