import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import { launchChromium, type Browser } from '../support/browser.js';
import { startStack, type Stack } from '../support/stack.js';

/** The dashboard with AUTH on, in Debian's Chromium (test/support/browser.ts). */

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ worker: true, auth: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('dashboard with AUTH on', () => {
  it('asks for an API key, then shows only that tenant\'s migrations and follows one live (events over fetch)', async () => {
    const mine = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 71 });
    const other = await stack.clientFor('someone-else');
    const theirs = await other.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 72 });
    const errors: string[] = [];
    const page = await browser.context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));

    await page.goto(`${stack.baseUrl}/dashboard/`);
    const input = page.locator('[data-testid="api-key"]');
    await input.waitFor();
    await input.fill(stack.api.apiKey!);
    await input.press('Enter');
    await page.locator(`tr[data-id="${mine.id}"]`).waitFor();
    expect(await page.locator(`tr[data-id="${theirs.id}"]`).count()).toBe(0);

    await page.goto(`${stack.baseUrl}/dashboard/#/m/${mine.id}`);
    await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="migration"] [data-testid="status"]').textContent()).toBe('succeeded');
    await page.locator('[data-testid="chart-pages"] circle.point').first().waitFor(); // progress samples arrived through the stream

    // A refused key (revoked meanwhile) brings the form back.
    await page.evaluate((key) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('postcopy-lab.apiKey', key), 'pcl_bad');
    await page.goto(`${stack.baseUrl}/dashboard/#/`);
    await page.reload();
    await input.waitFor();
    expect(errors).toEqual([]);
  });
});
