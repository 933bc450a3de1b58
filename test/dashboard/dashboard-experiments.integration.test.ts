import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatInt, formatNs } from '../../src/cli/render.js';
import type { Experiment, ExperimentRequest } from '../../sdk/src/index.js';
import { layoutProblems, screenshot } from '../support/browser.js';
import { dashboardSession } from '../support/dashboard-session.js';
import { startStack } from '../support/stack.js';

/**
 * The dashboard's experiments in Chromium at 1400 px: the list, an experiment's live progress, its
 * results table against the API's aggregates, the plot of a metric against an axis (and switching
 * what it shows), the published figures of a preset, the downloads and cancel.
 */

/** 3 vCPU counts x 2 mechanisms x 2 seeds: 12 small runs. */
const SWEEP: ExperimentRequest = {
  label: 'vCPUs x mechanism',
  base: { seed: 1, vm: { memoryMiB: 64, vcpus: 2 } },
  axes: [
    { path: 'vm.vcpus', values: [1, 2, 4] },
    { path: 'strategy.mechanism', values: ['uffd_missing', 'kvm_exit_on_missing'] },
  ],
  seeds: 2,
};
const MECHANISMS = ['uffd_missing', 'kvm_exit_on_missing'];

const session = dashboardSession(); // no worker until the first test has seen the experiment queued
const { open, pageErrors } = session;

/** The page's globals, for page.evaluate callbacks (this file is compiled without the DOM's types). */
type BrowserWindow = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the DOM's types are not in this program
  document: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- idem
  MutationObserver: any;
  seen: Array<{ status: string | null; done: number; total: number; cells: number }>;
  marker: boolean;
};

/** What the plot draws: its series, each with its points (x label, mean, min, max) and published markers. */
function plot(page: Page) {
  return page.$$eval('[data-testid="chart-sweep"] g.series', (gs) =>
    gs.map((g) => ({
      name: g.getAttribute('data-series'),
      points: [...g.querySelectorAll('circle.point')].map((c) => ({ x: c.getAttribute('data-x'), y: Number(c.getAttribute('data-y')), min: Number(c.getAttribute('data-min')), max: Number(c.getAttribute('data-max')) })),
      published: [...g.querySelectorAll('path.published')].map((p) => ({ x: p.getAttribute('data-x'), y: Number(p.getAttribute('data-y')) })),
      whiskers: g.querySelectorAll('path.whisker').length,
    })),
  );
}

const scaleOf = (page: Page, axis: 'x' | 'y') => page.locator('[data-testid="chart-sweep"]').getAttribute(`data-${axis}-scale`);

/** The aggregate of a combination, from the API. */
const aggregateOf = (e: Experiment, vcpus: unknown, mechanism: unknown) =>
  e.results!.aggregates.find((a) => a.values['vm.vcpus'] === vcpus && a.values['strategy.mechanism'] === mechanism)!;

describe('experiments in the dashboard', () => {
  let sweep: Experiment;

  it('an experiment page follows its runs live, from queued to the end, without a reload', async () => {
    const submitted = await session.stack.api.sdk.experiment(SWEEP);
    expect(submitted.runCount).toBe(12);
    // What the page asks the API about the experiment (listened to before the page opens).
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith(`/v1/experiments/${submitted.id}`)) requests.push(path);
    };
    session.browser.context.on('request', onRequest);
    const page = await open(`#/experiments/${submitted.id}`);
    const progress = page.locator('[data-testid="exp-progress"]');
    await progress.waitFor();
    expect(await page.locator('[data-testid="experiment"] [data-testid="status"]').first().textContent()).toBe('queued');
    expect([await progress.getAttribute('data-done'), await progress.getAttribute('data-total')]).toEqual(['0', '12']);
    expect(await page.locator('[data-testid="by-status"] [data-status="queued"]').getAttribute('data-count')).toBe('12');
    expect(await page.locator('[data-testid="run-strip"] a.run[data-status="queued"]').count()).toBe(12);
    expect(await page.locator('[data-testid="cancel"]').isVisible()).toBe(true);

    // Record what the page shows as it changes, from inside the page.
    await page.evaluate(() => {
      const w = globalThis as unknown as BrowserWindow;
      const doc = w.document;
      w.marker = true;
      w.seen = [];
      const record = () => {
        const bar = doc.querySelector('[data-testid="exp-progress"]');
        const status = doc.querySelector('[data-testid="experiment"] .toolbar [data-testid="status"]')?.textContent ?? null;
        const now = { status, done: Number(bar?.getAttribute('data-done')), total: Number(bar?.getAttribute('data-total')), cells: doc.querySelectorAll('[data-testid="run-strip"] a.run[data-status="succeeded"]').length };
        const last = w.seen.at(-1);
        if (!last || JSON.stringify(last) !== JSON.stringify(now)) w.seen.push(now);
      };
      record();
      new w.MutationObserver(record).observe(doc.getElementById('view'), { childList: true, subtree: true, attributes: true });
    });

    // Nothing changes while no worker runs: the page, following the experiment's event stream, reads
    // nothing more (it polled the whole experiment every second before it had the stream).
    await page.waitForTimeout(1500);
    session.browser.context.off('request', onRequest);
    expect(requests).toEqual([`/v1/experiments/${submitted.id}`, `/v1/experiments/${submitted.id}/events`]);

    session.stack.startWorker();
    await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor({ timeout: 60_000 });
    sweep = await session.stack.api.sdk.getExperiment(submitted.id);
    expect(sweep.status).toBe('succeeded');

    const { seen, marker } = await page.evaluate(() => ({ seen: (globalThis as unknown as BrowserWindow).seen, marker: (globalThis as unknown as BrowserWindow).marker }));
    expect(marker).toBe(true); // same page: no reload
    expect(seen[0]).toEqual({ status: 'queued', done: 0, total: 12, cells: 0 });
    expect(seen.at(-1)).toEqual({ status: 'succeeded', done: 12, total: 12, cells: 12 });
    // runs done only go up
    for (let i = 1; i < seen.length; i++) expect(seen[i].done).toBeGreaterThanOrEqual(seen[i - 1].done);
    expect(await page.locator('[data-testid="by-status"] [data-status="succeeded"]').getAttribute('data-count')).toBe('12');
    expect(await page.locator('[data-testid="cancel"]').isVisible()).toBe(false);
    await page.close();
  });

  it('the results table: one row per combination with the API\'s aggregates over the seeds; per run, a link to each run', async () => {
    const page = await open(`#/experiments/${sweep.id}`);
    const table = page.locator('[data-testid="results-table"][data-view="aggregates"]');
    await table.waitFor();
    const aggregates = sweep.results!.aggregates;
    expect(await table.locator('tbody tr').count()).toBe(6);
    for (const agg of aggregates) {
      const row = table.locator(`tbody tr[data-values='${JSON.stringify(agg.values)}']`);
      expect(await row.locator('[data-testid="runs"]').textContent()).toBe('2'); // both completed: no outcome to point out
      const cells = await row.locator('td[data-metric]').evaluateAll((tds) =>
        tds.map((td) => [td.getAttribute('data-metric'), Number(td.getAttribute('data-mean')), Number(td.getAttribute('data-min')), Number(td.getAttribute('data-max')), Number(td.getAttribute('data-sd'))]),
      );
      const shown = sweep.results!.metrics.map((m) => m.name).filter((n) => n !== 'violations'); // no run has any: no column
      expect(cells).toEqual(shown.map((n) => [n, agg.metrics![n]!.mean, agg.metrics![n]!.min, agg.metrics![n]!.max, agg.metrics![n]!.sd]));
      // in readable units: the mean, then min–max when the seeds differ
      const total = agg.metrics!.totalNs;
      const cell = row.locator('td[data-metric="totalNs"]');
      expect(await cell.locator('.mean').textContent()).toBe(formatNs(total.mean));
      expect(await cell.locator('.range').allTextContents()).toEqual(formatNs(total.max) !== formatNs(total.min) ? [spread(formatNs(total.min), formatNs(total.max))] : []);
      expect(await row.locator('td[data-metric="faults"] .mean').textContent()).toBe(Number.isInteger(agg.metrics!.faults.mean) ? formatInt(agg.metrics!.faults.mean) : agg.metrics!.faults.mean.toFixed(1));
    }
    // the seeds differ somewhere: some cell shows its spread
    expect(await table.locator('td .range').count()).toBeGreaterThan(0);
    await screenshot(page, 'experiment');
    expect(await layoutProblems(page)).toEqual([]);

    await page.locator('[data-testid="per-run"]').check();
    const runs = page.locator('[data-testid="results-table"][data-view="runs"] tbody tr');
    await runs.first().waitFor();
    expect(await runs.count()).toBe(12);
    const rows = await runs.evaluateAll((trs) =>
      trs.map((tr) => ({ href: tr.querySelector('a[data-testid="run-link"]')?.getAttribute('href'), total: Number(tr.querySelector('td[data-metric="totalNs"]')?.getAttribute('data-value')) })),
    );
    expect(rows).toEqual(sweep.results!.runs.map((r) => ({ href: `#/m/${r.migrationId}`, total: r.metrics!.totalNs })));
    await screenshot(page, 'experiment-runs');
    expect(await layoutProblems(page)).toEqual([]);
    // a run's link opens its migration
    const third = sweep.results!.runs[3];
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await runs.nth(3).locator('a[data-testid="run-link"]').click();
    await page.locator(`[data-testid="migration"][data-id="${third.migrationId}"] [data-testid="status"]`, { hasText: 'succeeded' }).waitFor();
    // It stored no fault events (an experiment's default): the plots of events say so, and are not asked for.
    expect(await page.locator('[data-testid="no-fault-events"]').count()).toBe(2);
    expect(requested.filter((u) => u.includes('/faults'))).toEqual([]);
    await page.close();
  });

  it('the plot: a metric against an axis, one line per value of another; switching the selections redraws it', async () => {
    const page = await open(`#/experiments/${sweep.id}`);
    await page.locator('[data-testid="chart-sweep"] circle.point').first().waitFor();
    // by default: total time against vm.vcpus, one line per mechanism, 3 points each, whiskers where the seeds differ
    let lines = await plot(page);
    expect(lines.map((l) => l.name)).toEqual(MECHANISMS);
    for (const line of lines) {
      expect(line.points.map((p) => p.x)).toEqual(['1', '2', '4']);
      expect(line.points).toEqual([1, 2, 4].map((v) => ({ x: String(v), ...pick(aggregateOf(sweep, v, line.name).metrics!.totalNs) })));
      expect(line.whiskers).toBe(line.points.filter((p) => p.max > p.min).length);
      expect(line.published).toEqual([]);
    }
    expect(await scaleOf(page, 'x')).toBe('linear'); // 1..4: no decades
    expect(await page.locator('[data-testid="chart-sweep"] g.series').evaluateAll((gs) => gs.map((g) => g.getAttribute('class')))).toEqual(['series c0', 'series c1']);

    // another metric: the same lines, at that metric's means
    await page.locator('[data-testid="plot-metric"]').selectOption('faults');
    await expect.poll(async () => (await plot(page))[0].points[0].y).toBe(aggregateOf(sweep, 1, MECHANISMS[0]).metrics!.faults.mean);
    lines = await plot(page);
    for (const line of lines) expect(line.points).toEqual([1, 2, 4].map((v) => ({ x: String(v), ...pick(aggregateOf(sweep, v, line.name).metrics!.faults) })));

    // the axes swapped: the mechanisms as categories on x, one line per vCPU count
    await page.locator('[data-testid="plot-x"]').selectOption('strategy.mechanism');
    await page.locator('[data-testid="plot-series"]').selectOption('vm.vcpus');
    await expect.poll(async () => (await plot(page)).map((l) => l.name)).toEqual(['1', '2', '4']);
    lines = await plot(page);
    for (const line of lines) expect(line.points).toEqual(MECHANISMS.map((m) => ({ x: m, ...pick(aggregateOf(sweep, Number(line.name), m).metrics!.faults) })));
    expect(await scaleOf(page, 'x')).toBe('category');
    // the selections are in the address: a reload (or the link) shows the same plot
    expect(new URL(page.url()).hash).toBe(`#/experiments/${sweep.id}?metric=faults&x=strategy.mechanism&series=vm.vcpus`);
    await page.reload();
    await page.locator('[data-testid="chart-sweep"] circle.point').first().waitFor();
    expect(await plot(page)).toEqual(lines);
    expect(await page.locator('[data-testid="plot-metric"]').inputValue()).toBe('faults');

    // no second axis: one line, at the value chosen for the axis left out
    await page.locator('[data-testid="plot-series"]').selectOption('');
    const hold = page.locator('[data-testid="plot-fix"][data-path="vm.vcpus"]');
    await hold.selectOption({ label: '4' });
    await expect.poll(async () => (await plot(page)).length).toBe(1);
    expect((await plot(page))[0].points).toEqual(MECHANISMS.map((m) => ({ x: m, ...pick(aggregateOf(sweep, 4, m).metrics!.faults) })));
    expect(await page.locator('[data-testid="plot-title"]').textContent()).toContain('at vm.vcpus = 4');
    await screenshot(page, 'experiment-plot-swapped');
    expect(await layoutProblems(page)).toEqual([]);
    await page.close();
  });

  it('downloads the results as CSV and NDJSON', async () => {
    const page = await open(`#/experiments/${sweep.id}`);
    const csvLink = page.locator('[data-testid="download-csv"]');
    await csvLink.waitFor();
    for (const [format, expected] of [
      ['csv', await session.stack.api.sdk.experimentCsv(sweep.id)],
      ['ndjson', sweep.results!.runs.map((r) => `${JSON.stringify(r)}\n`).join('')],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="download-${format}"]`).click()]);
      expect(download.suggestedFilename()).toBe(`experiment-${sweep.id}.${format}`);
      expect(await readFile((await download.path())!, 'utf8')).toBe(expected);
    }
    await page.close();
  });

  it('with an API key (AUTH on), the page follows the experiment\'s events and the downloads send the key', async () => {
    const secured = await startStack({ auth: true }); // the worker starts once the page follows the experiment
    try {
      const exp = await secured.api.sdk.experiment({ base: { seed: 5, vm: { memoryMiB: 64, vcpus: 1 } } });
      const page = await session.browser.context.newPage();
      await page.goto(`${secured.baseUrl}/dashboard/`);
      await page.evaluate((key) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('postcopy-lab.apiKey', key), (await secured.clientFor(secured.tenant)).key);
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(`${secured.baseUrl}/dashboard/#/experiments/${exp.id}`);
      await page.locator('[data-testid="experiment"] .toolbar [data-testid="status"]', { hasText: 'queued' }).waitFor();
      // EventSource cannot send the key: the page reads the stream with fetch, and reads nothing else meanwhile.
      await page.waitForTimeout(1500);
      expect(requests.filter((p) => p.startsWith('/v1/'))).toEqual([`/v1/experiments/${exp.id}`, `/v1/experiments/${exp.id}/events`]);
      secured.startWorker();
      await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor({ timeout: 60_000 });
      // no axis: one run, nothing to plot, its row in the table
      await page.locator('[data-testid="results-table"] tbody tr').first().waitFor();
      expect(await page.locator('[data-testid="plot"]').textContent()).toContain('no axis');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="download-csv"]').click()]);
      expect(await readFile((await download.path())!, 'utf8')).toBe(await secured.api.sdk.experimentCsv(exp.id));
      await page.close();
    } finally {
      await secured.close();
    }
  });

  it('a preset: the published figures beside the simulated ones, as markers of their own', async () => {
    const submitted = await session.stack.api.sdk.experiment({ preset: 'postcopy-preempt' });
    const done = await session.stack.api.sdk.waitForExperiment(submitted.id, { intervalMs: 200, timeoutMs: 60_000 });
    expect(done.status).toBe('succeeded');
    const preset = done.results!.preset!;
    const page = await open(`#/experiments/${done.id}`);
    await page.locator('[data-testid="chart-sweep"] path.published').first().waitFor();
    // the plot opens on the metric the publication reports
    expect(await page.locator('[data-testid="plot-metric"]').inputValue()).toBe(preset.metric);
    const lines = await plot(page);
    expect(lines.map((l) => l.name)).toEqual(['false', 'true']); // one line per network.postcopyPreempt
    const published = lines.flatMap((l) => l.published.map((p) => ({ series: l.name, ...p })));
    expect(published).toHaveLength(4);
    for (const agg of done.results!.aggregates) {
      expect(published).toContainEqual({ series: String(agg.values['network.postcopyPreempt']), x: String(agg.values['vm.pageSize']), y: agg.published!.value });
    }
    expect(await page.locator('[data-testid="chart-sweep"] text', { hasText: 'published' }).count()).toBe(1); // the legend
    expect(await page.locator('[data-testid="preset-source"]').textContent()).toContain(preset.title);
    // the table: the published figure and the ratio of each combination
    const cells = await page.locator('[data-testid="results-table"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [Number(tr.querySelector('[data-testid="published"]')?.getAttribute('data-value')), Number(tr.querySelector('[data-testid="ratio"]')?.getAttribute('data-value'))]),
    );
    expect(cells).toEqual(done.results!.aggregates.map((a) => [a.published!.value, a.published!.ratio]));
    await screenshot(page, 'experiment-preset');
    expect(await layoutProblems(page)).toEqual([]);

    // another metric has no published figure: no marker
    await page.locator('[data-testid="plot-metric"]').selectOption('totalNs');
    await expect.poll(() => page.locator('[data-testid="chart-sweep"] path.published').count()).toBe(0);
    await page.close();
  });

  it('a wide axis is drawn on a log scale', async () => {
    const submitted = await session.stack.api.sdk.experiment({ base: { seed: 3, vm: { memoryMiB: 64, vcpus: 2 } }, axes: [{ path: 'vm.vcpus', values: [1, 4, 16, 64] }] });
    const done = await session.stack.api.sdk.waitForExperiment(submitted.id, { intervalMs: 200, timeoutMs: 60_000 });
    const page = await open(`#/experiments/${done.id}`);
    await page.locator('[data-testid="chart-sweep"] circle.point').first().waitFor();
    expect(await scaleOf(page, 'x')).toBe('log');
    // on a log scale, each factor of 4 is the same distance
    const xs = await page.$$eval('[data-testid="chart-sweep"] circle.point', (cs) => cs.map((c) => Number(c.getAttribute('cx'))));
    expect(xs).toHaveLength(4);
    for (let i = 2; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeCloseTo(xs[1] - xs[0], 3);
    const [lines] = await plot(page);
    expect(lines.points.map((p) => p.y)).toEqual(done.results!.aggregates.map((a) => a.metrics!.totalNs.mean));
    await page.close();
  });

  it('the list: every experiment with its status and runs done; cancel from an experiment\'s page', async () => {
    // A sweep long enough to be seen running, however fast the simulator gets: 256 GiB runs, a job
    // each (experiments/batches.ts), ~0.5 s each on a 2-core machine (16 GiB runs took 70 ms, and
    // the sweep could end before the click).
    const long = await session.stack.api.sdk.experiment({ label: 'to cancel', base: { seed: 4, vm: { memoryMiB: 262144, vcpus: 8 }, workload: { pattern: 'uniform' } }, axes: [{ path: 'seed', values: Array.from({ length: 20 }, (_, i) => i + 10) }] });
    const page = await open('#/');
    await page.locator('header nav a', { hasText: 'Experiments' }).click();
    const rows = page.locator('[data-testid="experiments"] tbody tr');
    await page.locator(`tr[data-id="${sweep.id}"]`).waitFor();
    const listed = await session.stack.api.sdk.listExperiments();
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')))).toEqual(listed.items.map((e) => e.id));
    const row = page.locator(`tr[data-id="${sweep.id}"]`);
    expect(await row.locator('[data-testid="status"]').textContent()).toBe('succeeded');
    const bar = row.locator('[data-testid="row-progress"]');
    expect([await bar.getAttribute('data-done'), await bar.getAttribute('data-total')]).toEqual(['12', '12']);
    expect(await row.locator('a').textContent()).toBe('vCPUs x mechanism');
    await screenshot(page, 'experiments');
    expect(await layoutProblems(page)).toEqual([]);

    await page.locator(`tr[data-id="${long.id}"] a`).click();
    const cancel = page.locator('[data-testid="cancel"]');
    await cancel.waitFor();
    // A running run's cell fills up as it goes (its progress from the experiment's event stream).
    const runningCell = page.locator('[data-testid="run-strip"] a.run[data-status="running"][data-progress]').first();
    await runningCell.waitFor({ timeout: 30_000 });
    const fill = await runningCell.evaluate((a) => ({ progress: Number(a.getAttribute('data-progress')), done: (a as unknown as { style: { getPropertyValue(p: string): string } }).style.getPropertyValue('--done') }));
    expect(fill.done).toBe(`${Math.floor(fill.progress * 100)}%`);
    await cancel.click();
    await page.locator('[data-testid="experiment"] .toolbar [data-testid="status"]', { hasText: 'cancelled' }).waitFor({ timeout: 60_000 });
    const cancelled = await session.stack.api.sdk.getExperiment(long.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.progress.byStatus.cancelled).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="by-status"] [data-status="cancelled"]').getAttribute('data-count')).toBe(String(cancelled.progress.byStatus.cancelled));
    expect(await cancel.isVisible()).toBe(false);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});

/** "16.53 ms" and "16.81 ms" read "16.53–16.81 ms". */
const spread = (min: string, max: string) => {
  const [a, unit] = min.split(' ');
  const [b, unit2] = max.split(' ');
  expect(unit2).toBe(unit);
  return `${a}–${b} ${unit}`;
};

const pick = (s: { mean: number; min: number; max: number }) => ({ y: s.mean, min: s.min, max: s.max });
