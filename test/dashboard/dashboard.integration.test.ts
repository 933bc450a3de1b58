import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInt, formatNs } from '../../src/cli/render.js';
import { EXAMPLE_SUBMISSION } from '../../src/routes/migrations.js';
import type { FaultStats, Migration, MigrationEvent } from '../../sdk/src/index.js';
import { launchChromium, layoutProblems, openPage, type Browser } from '../support/browser.js';
import { startStack, type Stack } from '../support/stack.js';

/** The dashboard in a real browser: Debian's Chromium (test/support/browser.ts). */

let stack: Stack;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startStack({ worker: true });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const open = (url: string): Promise<Page> => openPage(browser, url, pageErrors);

/** What one chart draws: its marks with their data attributes and geometry. */
function marks(page: Page, chart: string, selector: string) {
  return page.$$eval(`[data-testid="${chart}"] ${selector}`, (nodes) =>
    nodes.map((n) => ({
      key: n.getAttribute('data-key'),
      value: Number(n.getAttribute('data-value')),
      lower: Number(n.getAttribute('data-lower')),
      upper: Number(n.getAttribute('data-upper')),
      x: Number(n.getAttribute('data-x')),
      y: Number(n.getAttribute('data-y')),
      height: Number(n.getAttribute('height')),
      width: Number(n.getAttribute('width')),
    })),
  );
}

/** The page's globals, for page.evaluate callbacks (this file is compiled without the DOM types). */
type BrowserWindow = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DOM's types are not in this program
  document: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
  MutationObserver: any;
  getComputedStyle(el: unknown): { borderTopColor: string };
  seen: Array<{ status: string | null; progress: number; points: number }>;
  marker: boolean;
};

/** The statistics query of the dashboard (src/dashboard/api.js fetchStats). */
const DASHBOARD_STATS = { buckets: 50, latencyBucketsPerDoubling: 32 };

const metric = async (page: Page, name: string) => {
  const dd = page.locator(`[data-testid="metric-${name}"]`).first();
  return { value: Number(await dd.getAttribute('data-value')), text: (await dd.textContent())!.trim() };
};

async function progressEvents(id: string, on: Stack = stack): Promise<Array<Extract<MigrationEvent, { type: 'progress' }>>> {
  const out = [];
  for await (const { event } of on.api.sdk.events(id)) if (event.type === 'progress') out.push(event);
  return out;
}

/** Checks every plot of a finished migration's page against the API's numbers. */
async function expectPlotsMatch(page: Page, m: Migration, stats: FaultStats, on: Stack = stack) {
  const s = m.summary!;
  // the summary numbers, raw and as shown
  for (const [name, value, text] of [
    ['total-time', s.timing.totalNs, formatNs(s.timing.totalNs)],
    ['downtime', s.timing.downtimeNs, formatNs(s.timing.downtimeNs)],
    ['faults', s.faults.total, formatInt(s.faults.total)],
    ['p50', s.faults.latency.p50Ns, formatNs(s.faults.latency.p50Ns)],
    ['p99', s.faults.latency.p99Ns, formatNs(s.faults.latency.p99Ns)],
    ['blocktime', s.blocktime.allVcpusNs, formatNs(s.blocktime.allVcpusNs)],
    ['blocktime-sum', s.blocktime.sumNs, formatNs(s.blocktime.sumNs)],
  ] as const) {
    expect(await metric(page, name), name).toEqual({ value, text });
  }

  // blocktime per vCPU: one bar per vCPU, heights proportional to the values
  const bars = await marks(page, 'chart-blocktime', 'rect.bar');
  expect(bars.map((b) => [b.key, b.value])).toEqual(s.blocktime.perVcpuNs.map((ns, v) => [String(v), ns]));
  const tallest = bars.reduce((a, b) => (b.value > a.value ? b : a));
  for (const b of bars) expect(b.height / tallest.height).toBeCloseTo(b.value / tallest.value, 3);

  // faults by path and by mechanism: the summary's counts
  const counts = (group: Record<string, { count: number }>) => Object.entries(group).filter(([, l]) => l.count > 0).map(([k, l]) => [k, l.count]);
  expect((await marks(page, 'chart-by-path', 'rect.bar')).map((b) => [b.key, b.value])).toEqual(counts(s.faults.byPath));
  expect((await marks(page, 'chart-by-mechanism', 'rect.bar')).map((b) => [b.key, b.value])).toEqual(counts(s.faults.byMechanism));

  // the latency histogram: the stats endpoint's buckets on a log axis, marked with the summary's percentiles (the numbers printed beside it)
  const hist = await marks(page, 'chart-latency', 'rect.bar');
  expect(hist.map((b) => ({ lowerNs: b.lower, upperNs: b.upper, count: b.value }))).toEqual(stats.latencyHistogram);
  expect(hist.reduce((n, b) => n + b.value, 0)).toBe(s.faults.total);
  const markers = await page.$$eval('[data-testid="chart-latency"] line.marker', (ls) => ls.map((l) => [l.getAttribute('data-marker'), Number(l.getAttribute('data-value'))]));
  expect(markers).toEqual([['p50', s.faults.latency.p50Ns], ['p90', s.faults.latency.p90Ns], ['p99', s.faults.latency.p99Ns]]);
  // log scale: every bucket spans the same ratio (2^(1/32)), so each is as wide as any other
  const widths = hist.filter((b) => b.lower > 0).map((b) => b.width);
  for (const w of widths) expect(w).toBeCloseTo(widths[0], 1);

  // phases of the summary, in order
  const phases = await page.$$eval('[data-testid="chart-phases"] g.phase', (gs) => gs.map((g) => [g.getAttribute('data-name'), Number(g.getAttribute('data-at'))]));
  expect(phases).toEqual(s.phases.map((p) => [p.name, p.atNs]));

  // pages present over time: every progress sample of the event history, ending with all pages present
  const samples = await progressEvents(m.id, on);
  const points = await marks(page, 'chart-pages', 'circle.point');
  expect(points.map((p) => [p.x, p.y])).toEqual(samples.map((e) => [e.simTimeNs, e.progress]));
  expect(points.at(-1)).toMatchObject({ x: m.progressDetail!.simTimeNs, y: 1 });
}

describe('the dashboard', () => {
  let done: Migration;

  beforeAll(async () => {
    done = await stack.api.sdk.waitFor((await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 71, vm: { arch: 'x86_64', memoryMiB: 512, vcpus: 4 } })).id, {
      intervalMs: 100,
      timeoutMs: 45_000,
    });
    expect(done.status).toBe('succeeded');
  });

  it('a finished migration: its plots show the right numbers', async () => {
    const stats = await stack.api.sdk.faultStats(done.id, DASHBOARD_STATS);
    const page = await open(`${stack.baseUrl}/dashboard/#/m/${done.id}`);
    await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor();
    await page.locator('[data-testid="chart-latency"] rect.bar').first().waitFor();
    expect(await page.locator('[data-testid="migration"] [data-testid="status"]').textContent()).toBe('succeeded');
    expect(await page.locator('[data-testid="violations"]').count()).toBe(0);
    await expectPlotsMatch(page, done, stats);
    await page.close();
  });

  it('a running migration updates live, without reloading, until its final plots', async () => {
    const idle = await startStack({ env: { EVENT_BATCH_SIZE: '2000' } }); // no worker yet: it stays queued
    try {
      const m = await idle.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 72, vm: { arch: 'x86_64', memoryMiB: 32768, vcpus: 32 }, workload: { pattern: 'uniform' }, network: { bandwidthGbps: 10, rttUs: 50 } });
      const page = await open(`${idle.baseUrl}/dashboard/#/m/${m.id}`);
      await page.locator('[data-testid="live"]', { hasText: 'live' }).waitFor();
      expect(await page.locator('[data-testid="migration"] [data-testid="status"]').textContent()).toBe('queued');
      // Record what the page shows, as it changes, from inside the page.
      await page.evaluate(() => {
        const w = (globalThis as unknown as BrowserWindow);
        const doc = w.document;
        w.marker = true;
        w.seen = [];
        const record = () => {
          const status = doc.querySelector('[data-testid="migration"] [data-testid="status"]')?.textContent ?? null;
          const progress = Number(doc.querySelector('[data-testid="progress"]')?.getAttribute('data-value') ?? 0);
          const points = doc.querySelectorAll('[data-testid="chart-pages"] circle.point').length;
          const last = w.seen.at(-1);
          if (!last || last.status !== status || last.progress !== progress || last.points !== points) w.seen.push({ status, progress, points });
        };
        record();
        new w.MutationObserver(record).observe(doc.getElementById('view'), { childList: true, subtree: true, attributes: true });
      });

      idle.startWorker();
      await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="chart-latency"] rect.bar').first().waitFor();
      const final = await idle.api.sdk.get(m.id);
      expect(final.status).toBe('succeeded');

      const { seen, marker } = await page.evaluate(() => ({ seen: (globalThis as unknown as BrowserWindow).seen, marker: (globalThis as unknown as BrowserWindow).marker }));
      expect(marker).toBe(true); // same page: no reload
      expect(seen[0]).toMatchObject({ status: 'queued', points: 0 });
      expect(seen.at(-1)).toMatchObject({ status: 'succeeded', progress: 1 });
      const whileRunning = seen.filter((s) => s.status === 'running');
      expect(whileRunning.length).toBeGreaterThan(0);
      // it drew samples one after the other while the migration ran
      expect(new Set(seen.filter((s) => s.status !== 'succeeded').map((s) => s.points)).size).toBeGreaterThanOrEqual(2);
      expect(whileRunning.some((s) => s.progress > 0 && s.progress < 1)).toBe(true);

      const stats = await idle.api.sdk.faultStats(m.id, DASHBOARD_STATS);
      // the summary arrived through the event stream; the page is the finished one now
      await expectPlotsMatch(page, final, stats, idle);
      expect(await layoutProblems(page)).toEqual([]);
      await page.close();
    } finally {
      await idle.close();
    }
  });

  it('correctness violations are highlighted, in the migration page and in the list, and paged from the API', async () => {
    // A migration with 1558 recorded violations (written as a worker records them: the summary holds
    // the counts and the first 20, the violations table every one).
    const id = randomUUID();
    const items = [
      { kind: 'partial_page_read' as const, atNs: 1_500_000, gfn: 4242, vcpu: 1, detail: 'a concurrent fault mapped a partially written page' },
      { kind: 'poison_escape' as const, atNs: 2_500_000, gfn: 77, vcpu: null, detail: 'a poisoned page was read as healthy memory' },
      ...Array.from({ length: 1499 }, (_, i) => ({ kind: 'partial_page_read' as const, atNs: 3_000_000 + i, gfn: 5000 + i, vcpu: i % 4, detail: 'a concurrent fault mapped a partially written page' })),
      ...Array.from({ length: 57 }, (_, i) => ({ kind: 'poison_escape' as const, atNs: 9_000_000 + i, gfn: 100 + i, vcpu: null, detail: 'a poisoned page was read as healthy memory' })),
    ];
    const summary = { ...done.summary!, correct: false, violations: items.slice(0, 20), violationCount: 1558, violationsRecorded: 1558, violationsByKind: { partial_page_read: 1500, poison_escape: 58 } };
    const { key } = (await stack.container.migrations.insert({ id, requestHash: 'fixture', spec: done.spec })).row;
    await stack.container.migrations.finish(id, { status: 'succeeded', summary, progress: 1, detail: done.progressDetail, violations: { migrationKey: key, items } });

    const page = await open(`${stack.baseUrl}/dashboard/#/m/${id}`);
    const panel = page.locator('[data-testid="violations"]');
    await panel.waitFor();
    // The true count, not the length of a list.
    expect(await panel.locator('h3').textContent()).toBe('1,558 correctness violations: this run is NOT correct');
    expect(await panel.locator('[data-testid="violations-by-kind"]').textContent()).toBe('1,500 partial_page_read, 58 poison_escape');
    // The first 20 of the list, then 100 more per click until every one is shown.
    const shown = panel.locator('[data-testid="violations-shown"]');
    await expect.poll(() => shown.textContent()).toBe('20 of 1,558 shown');
    expect(await panel.locator('tbody tr').count()).toBe(20);
    expect(await panel.locator('tbody tr').evaluateAll((rows) => rows.slice(0, 3).map((r) => r.getAttribute('data-kind')))).toEqual(['partial_page_read', 'poison_escape', 'partial_page_read']);
    expect(await panel.locator('tbody tr').first().textContent()).toContain('4242');
    const more = panel.locator('[data-testid="violations-more"]');
    expect(await more.textContent()).toBe('100 more');
    await more.click();
    await expect.poll(() => shown.textContent()).toBe('120 of 1,558 shown');
    while (await more.isVisible()) {
      const before = await panel.locator('tbody tr').count();
      await more.click();
      await expect.poll(() => panel.locator('tbody tr').count()).toBeGreaterThan(before);
    }
    expect(await shown.textContent()).toBe('1,558 of 1,558 shown');
    expect(await panel.locator('tbody tr[data-kind="poison_escape"]').count()).toBe(58);
    // The phase timeline marks the summary's sample.
    expect(await page.$$eval('[data-testid="chart-phases"] line.violation-tick', (ls) => ls.map((l) => l.getAttribute('data-kind')))).toEqual(summary.violations.map((v) => v.kind));
    // highlighted: the panel is drawn in the alarm colour
    expect(await panel.evaluate((el) => (globalThis as unknown as BrowserWindow).getComputedStyle(el).borderTopColor)).toBe('rgb(198, 40, 40)');
    expect(await layoutProblems(page)).toEqual([]); // every row listed, none wider than the window

    await page.goto(`${stack.baseUrl}/dashboard/#/`);
    const row = page.locator(`tr[data-id="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('class')).toBe('incorrect');
    expect(await row.locator('[data-testid="row-correct"]').textContent()).toBe('✗ 1,558 violation(s)');
    await page.close();
  });

  it('a migration that did not complete shows its outcome, never "correct ✓"', async () => {
    // A strict poison policy: QEMU refuses it. A result (status succeeded), with no violation, and not correct.
    const refused = await stack.api.sdk.waitFor(
      (await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 74, vm: { memoryMiB: 64, vcpus: 2, poisonedPages: [5] }, strategy: { mechanism: 'uffd_missing', poisonPolicy: 'strict' } })).id,
      { intervalMs: 100 },
    );
    expect(refused.status).toBe('succeeded');
    expect(refused.summary).toMatchObject({ outcome: 'refused', correct: false, violationCount: 0 });

    const page = await open(`${stack.baseUrl}/dashboard/#/m/${refused.id}`);
    const panel = page.locator('[data-testid="violations"]');
    await panel.waitFor();
    expect(await panel.locator('[data-testid="outcome"]').textContent()).toBe('refused: this migration did not complete');
    expect(await panel.locator('[data-testid="verdict"]').textContent()).toBe(refused.summary!.verdict);
    expect(await panel.locator('table').count()).toBe(0);

    await page.goto(`${stack.baseUrl}/dashboard/#/`);
    const row = page.locator(`tr[data-id="${refused.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('class')).toBe('incorrect');
    expect(await row.locator('[data-testid="row-correct"]').textContent()).toBe('✗ refused');
    await page.close();
  });

  it('the list shows live status; two selected migrations open side by side', async () => {
    const other = await stack.api.sdk.waitFor((await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 73, strategy: { mechanism: 'uffd_missing', handlerThreads: 4 } })).id, {
      intervalMs: 100,
    });
    const page = await open(`${stack.baseUrl}/dashboard/`);
    for (const m of [done, other]) {
      const row = page.locator(`tr[data-id="${m.id}"]`);
      await row.waitFor();
      expect(await row.locator('[data-testid="status"]').textContent()).toBe('succeeded');
      expect(await row.locator('[data-testid="row-faults"]').textContent()).toBe(formatInt(m.eventCount));
      await row.locator('[data-testid="select"]').check();
    }
    // a new migration appears without a reload
    const queued = await stack.api.sdk.submit({ ...EXAMPLE_SUBMISSION, seed: 74 });
    await page.locator(`tr[data-id="${queued.id}"]`).waitFor();

    await page.locator('[data-testid="compare"]').click();
    await page.locator('[data-testid="comparison"]').waitFor();
    await page.locator('.column[data-id] [data-testid="chart-latency"] rect.bar').nth(1).waitFor();
    for (const m of [done, other]) {
      const cell = async (metricName: string) => {
        const td = page.locator(`tr[data-metric="${metricName}"] td[data-id="${m.id}"]`);
        return { value: Number(await td.getAttribute('data-value')), text: await td.textContent() };
      };
      const s = m.summary!;
      expect(await cell('total-time')).toEqual({ value: s.timing.totalNs, text: formatNs(s.timing.totalNs) });
      expect(await cell('faults')).toEqual({ value: s.faults.total, text: formatInt(s.faults.total) });
      expect(await cell('p99')).toEqual({ value: s.faults.latency.p99Ns, text: formatNs(s.faults.latency.p99Ns) });
      expect(await cell('blocktime')).toEqual({ value: s.blocktime.allVcpusNs, text: formatNs(s.blocktime.allVcpusNs) });
      const bars = await page.$$eval(`.column[data-id="${m.id}"] [data-testid="chart-blocktime"] rect.bar`, (rs) => rs.map((r) => Number(r.getAttribute('data-value'))));
      expect(bars).toEqual(s.blocktime.perVcpuNs);
    }
    // both migrations' progress histories on one plot
    await page.waitForFunction(() => (globalThis as unknown as BrowserWindow).document.querySelectorAll('[data-testid="chart-compare-pages"] g.series').length === 2);
    const series = await page.$$eval('[data-testid="chart-compare-pages"] g.series', (gs) => gs.map((g) => g.querySelectorAll('circle.point').length));
    expect(series).toEqual([(await progressEvents(done.id)).length, (await progressEvents(other.id)).length]);
    await page.close();
  });

  it('loads nothing from elsewhere and raises no error in the page', async () => {
    const page = await open(`${stack.baseUrl}/dashboard/#/m/${done.id}`);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.reload();
    await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor();
    expect(requests.every((u) => u.startsWith(stack.baseUrl))).toBe(true);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
