// Renders a report in headless Chromium and writes a PNG: `npx tsx scripts/screenshot.ts report/index.html out.png
// [--width 1280] [--full]`. Used to check a report by eye and to make docs/report.png.
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [input = 'report/index.html', output = 'test-output/report.png', ...rest] = process.argv.slice(2);
const width = Number(rest[rest.indexOf('--width') + 1] ?? 1280) || 1280;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(pathToFileURL(resolve(input)).href);
  await page.evaluate(() => (globalThis as unknown as { __accessbench: { rendered: Promise<unknown> } }).__accessbench.rendered);
  await page.screenshot({ path: output, fullPage: rest.includes('--full') });
  console.log(output);
} finally {
  await browser.close();
}
