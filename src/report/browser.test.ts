// Opens the written report in a real Chromium from file://, as a reader would, under the page's own CSP.
// Catches what static checks cannot: a chart that fails at runtime, a CSP violation (e.g. vega needing eval),
// a stray network request, or an escaping bug that only a browser's parser would turn into script.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeReport } from './render.ts';
import { XSS, xssResults } from '../testing/report-fixtures/xss.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUT = fileURLToPath(new URL('../../test-output/', import.meta.url));
const MARKS = 'svg .mark-rect path, svg .mark-symbol path, svg .mark-line path';
/** Charts added for mixed loads, replica lag, cold starts and the change since the previous run. */
const NEW_CHARTS = [
  'change-rps',
  'mixed-read-write',
  'mixed-cache-stale',
  'mixed-replica-lag',
  'mixed-tradeoff',
  'post-detail-cold',
  'feed-cold',
];

describe('the report in a browser', () => {
  const missing = !existsSync(CHROMIUM);
  if (missing && process.env.CI === 'true') throw new Error(`chromium not installed at ${CHROMIUM}, and CI requires it`);
  let browser: Browser | undefined;

  before(async () => {
    if (missing) return;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  after(async () => browser?.close());

  it('renders every chart offline, without errors, requests or injected script', { timeout: 120_000 }, async (t) => {
    if (!browser) {
      console.warn(`SKIPPED: chromium not installed at ${CHROMIUM}; the report was not checked in a browser`);
      t.skip(`chromium not installed: ${CHROMIUM} is missing`);
      return;
    }
    await mkdir(OUT, { recursive: true });
    const file = await writeReport(xssResults(), join(OUT, 'index.html'));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });

    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const ids = await page.evaluate(async () => {
      // Runs in the page; the tsconfig has no DOM lib, hence globalThis rather than window.
      const ab = (globalThis as unknown as { __accessbench: { charts: string[]; rendered: Promise<unknown> } }).__accessbench;
      await ab.rendered;
      return ab.charts;
    });
    assert.ok(ids.length >= 8, `expected the fixture's charts, got ${ids.join(', ')}`);
    for (const id of NEW_CHARTS) assert.ok(ids.includes(id), `the fixture's report has ${id}`);

    for (const id of ids) {
      const container = page.locator(`[data-chart="${id}"]`);
      assert.equal(await container.count(), 1, `one container for ${id}`);
      const marks = await container.locator(MARKS).count();
      assert.ok(marks > 0, `chart ${id} drew marks`);
    }
    // Data reached the plot, not only the legend: 4 strategies × read/write × p50/p99 dots.
    const dots = page.locator('[data-chart="mixed-read-write"] svg .mark-symbol.role-mark path');
    assert.equal(await dots.count(), 16, 'one dot per strategy, series and percentile');

    const xss = await page.evaluate(() => (globalThis as unknown as { __xss?: unknown }).__xss);
    assert.equal(xss, undefined, 'the planted payload did not run');
    assert.equal(await page.locator('img').count(), 0, 'no <img> was injected');
    const subject = await page.locator('header.page .subtitle').first().textContent();
    assert.ok(subject?.includes(XSS), 'the payload is displayed as text');

    assert.deepEqual(requests, [], 'no request left the file');
    assert.deepEqual(problems, [], 'no console error, warning or page error');

    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    await page.close();
  });
});
