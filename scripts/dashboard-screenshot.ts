/**
 * A PNG of one migration's dashboard page as a 1400 px wide browser shows it (the README's tour),
 * or of the plot of an experiment:
 *
 *   npx tsx scripts/dashboard-screenshot.ts <migration id> docs/images/dashboard-migration.png [--url http://127.0.0.1:3000]
 *   npx tsx scripts/dashboard-screenshot.ts --experiment '<experiment id>?metric=pagingRatePagesPerSec' docs/images/experiment.png
 *
 * (after the experiment's id, the plot's selections as in the page's address: metric, x, series;
 * docs/images/experiment.png is the plot of docs/experiment.json's experiment). Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium) driven by playwright-core, as the
 * dashboard's browser test does. The whole page is captured.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string', default: process.env.POSTCOPY_URL ?? 'http://127.0.0.1:3000' }, experiment: { type: 'boolean', default: false } },
});
const [id, out] = positionals;
if (!id || !out) {
  console.error('usage: npx tsx scripts/dashboard-screenshot.ts [--experiment] <migration or experiment id> <out.png> [--url <service>]');
  process.exit(2);
}

const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'pcl-screenshot-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
try {
  const page = await context.newPage();
  if (values.experiment) {
    // The experiment has ended and its plot is drawn: the plot's card, across the whole 1400 px.
    await page.goto(new URL(`/dashboard/#/experiments/${id}`, values.url).href);
    await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor();
    await page.locator('[data-testid="chart-sweep"] circle.point').first().waitFor();
    const card = (await page.locator('[data-testid="plot"]').boundingBox())!;
    await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: card.y - 8, width: 1400, height: card.height + 16 } });
  } else {
    await page.goto(new URL(`/dashboard/#/m/${id}`, values.url).href);
    // The page has drawn the final state: the event stream ended and the latency histogram is there.
    await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor();
    await page.locator('[data-testid="chart-latency"] rect.bar').first().waitFor();
    await page.screenshot({ path: out, fullPage: true });
  }
  console.log(`wrote ${out}`);
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
