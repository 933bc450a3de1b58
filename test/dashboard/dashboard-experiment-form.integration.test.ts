import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Experiment } from '../../sdk/src/index.js';
import { layoutProblems, screenshot } from '../support/browser.js';
import { dashboardSession } from '../support/dashboard-session.js';

/**
 * Submitting and deleting experiments from the dashboard, in Chromium at 1400 px: the form on
 * #/experiments (a sweep with two axes, a preset), a refused request's problem beside the fields it
 * names, and deletion from an experiment's page and from the list.
 */

const session = dashboardSession({ worker: true });
const { open, pageErrors } = session;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** The list with the form open, once the presets are in its drop-down. */
async function openForm(): Promise<Page> {
  const page = await open('#/experiments');
  await page.locator('[data-testid="new-experiment"]').click();
  await page.locator('[data-testid="form-preset"] option[value="postcopy-preempt"]').waitFor({ state: 'attached' });
  return page;
}

/** Types an axis into row i (adding rows as needed). */
async function setAxis(page: Page, i: number, path: string, values: string) {
  const rows = page.locator('[data-testid="axis-row"]');
  while ((await rows.count()) <= i) await page.locator('[data-testid="add-axis"]').click();
  await rows.nth(i).locator('[data-testid="axis-path"]').fill(path);
  await rows.nth(i).locator('[data-testid="axis-values"]').fill(values);
}

/** Submits the form and returns the new experiment's id, from the page it opens. */
async function submitAndOpen(page: Page): Promise<string> {
  await page.locator('[data-testid="form-submit"]').click();
  await page.waitForURL(new RegExp(`#/experiments/${UUID}$`));
  const id = new URL(page.url()).hash.split('/')[2];
  await page.locator(`[data-testid="experiment"][data-id="${id}"] [data-testid="name"]`).waitFor();
  return id;
}

const errorsOf = (page: Page) =>
  page.locator('[data-error-field]').evaluateAll((els) => els.map((el) => ({ field: el.getAttribute('data-error-field'), text: el.textContent, row: el.closest('[data-field], [data-testid="axis-row"]')?.getAttribute('data-field') ?? 'axis-row' })));

describe('submitting experiments from the dashboard', () => {
  let sweep: Experiment;

  it('a sweep with two axes and two seeds, typed into the form, runs to completion with its table', async () => {
    const page = await openForm();
    // the form starts from a small base spec and one axis
    expect(JSON.parse(await page.locator('[data-testid="form-base"]').inputValue())).toMatchObject({ vm: { memoryMiB: 64, vcpus: 2 } });
    expect(await page.locator('[data-testid="form-runs"]').getAttribute('data-runs')).toBe('3');
    await page.locator('[data-testid="form-label"]').fill('form: vCPUs x mechanism');
    await setAxis(page, 0, 'vm.vcpus', '1, 4');
    await setAxis(page, 1, 'strategy.mechanism', 'uffd_missing, kvm_exit_on_missing');
    // a third row, removed again
    await setAxis(page, 2, 'network.rttUs', '50, 500');
    expect(await page.locator('[data-testid="form-runs"]').getAttribute('data-runs')).toBe('8');
    await page.locator('[data-testid="axis-row"]').nth(2).locator('[data-testid="remove-axis"]').click();
    await page.locator('[data-testid="form-seeds"]').fill('2');
    expect(await page.locator('[data-testid="form-runs"]').textContent()).toBe('→ 8 runs');
    expect(new URL(page.url()).hash).toBe('#/experiments?new=1');
    const file = await screenshot(page, 'experiment-form');
    expect(file).toMatch(/experiment-form\.png$/);
    expect(await layoutProblems(page)).toEqual([]);

    const id = await submitAndOpen(page);
    await page.locator('[data-testid="live"]', { hasText: 'ended' }).waitFor({ timeout: 60_000 });
    sweep = await session.stack.api.sdk.getExperiment(id);
    expect(sweep.status).toBe('succeeded');
    expect(sweep.runCount).toBe(8);
    expect(sweep.request).toMatchObject({
      label: 'form: vCPUs x mechanism',
      preset: null,
      seeds: 2,
      faultEvents: 'none',
      axes: [
        { path: 'vm.vcpus', values: [1, 4] },
        { path: 'strategy.mechanism', values: ['uffd_missing', 'kvm_exit_on_missing'] },
      ],
      base: { seed: 1, vm: { arch: 'x86_64', memoryMiB: 64 }, workload: { pattern: 'zipf' }, strategy: { mechanism: 'uffd_missing' } },
    });
    // the page's table: one row per combination, at the API's means
    const rows = page.locator('[data-testid="results-table"][data-view="aggregates"] tbody tr');
    expect(await rows.count()).toBe(4);
    for (const agg of sweep.results!.aggregates) {
      const cell = page.locator(`tr[data-values='${JSON.stringify(agg.values)}'] td[data-metric="totalNs"]`);
      expect(Number(await cell.getAttribute('data-mean'))).toBe(agg.metrics!.totalNs.mean);
    }
    expect(await page.locator('[data-testid="by-status"] [data-status="succeeded"]').getAttribute('data-count')).toBe('8');
    await page.close();
  });

  it('an axis with a linked field ("+ with"): memory moves with the vCPUs, one value each; a count that does not match is named on the axis', async () => {
    const page = await openForm();
    await page.locator('[data-testid="form-label"]').fill('form: linked memory');
    await setAxis(page, 0, 'vm.vcpus', '1, 2, 4');
    const axis = page.locator('[data-testid="axis-row"]').nth(0);
    await axis.locator('[data-testid="add-linked"]').click();
    await axis.locator('[data-testid="linked-path"]').fill('vm.memoryMiB');
    await axis.locator('[data-testid="linked-values"]').fill('64, 128');
    expect(await page.locator('[data-testid="form-runs"]').getAttribute('data-runs')).toBe('3');
    await page.locator('[data-testid="form-submit"]').click();
    await page.locator('[data-error-field="axes.0.with.vm.memoryMiB"]').waitFor();
    expect((await errorsOf(page)).map((e) => [e.field, e.row])).toEqual([['axes.0.with.vm.memoryMiB', 'axis-row']]);

    await axis.locator('[data-testid="linked-values"]').fill('64, 128, 256');
    await screenshot(page, 'experiment-form-linked');
    expect(await layoutProblems(page)).toEqual([]);
    const id = await submitAndOpen(page);
    const linked = await session.stack.api.sdk.waitForExperiment(id, { intervalMs: 200, timeoutMs: 60_000 });
    expect(linked.status).toBe('succeeded');
    expect(linked.request.axes).toEqual([{ path: 'vm.vcpus', values: [1, 2, 4], with: { 'vm.memoryMiB': [64, 128, 256] } }]);
    // each run's spec has the memory of its vCPU count
    for (const run of linked.results!.runs) {
      const migration = await session.stack.api.sdk.get(run.migrationId);
      expect(migration.spec.vm.memoryMiB).toBe(64 * Number(run.values['vm.vcpus']));
    }
    await page.close();
    // Chromium logs the refused request as a console error: that one, nothing else
    const refused = pageErrors.filter((e) => e.includes('status of 400'));
    expect(refused).toHaveLength(1);
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !refused.includes(e)));
  });

  it('a preset chosen from the API\'s list, with its run count', async () => {
    const presets = await session.stack.api.sdk.experimentPresets();
    const page = await openForm();
    await page.locator('[data-testid="kind-preset"]').check();
    expect(await page.locator('[data-testid="form-base"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="form-preset"] option').evaluateAll((os) => os.map((o) => o.getAttribute('value')))).toEqual(presets.map((p) => p.name));
    await page.locator('[data-testid="form-preset"]').selectOption('postcopy-preempt');
    const preset = presets.find((p) => p.name === 'postcopy-preempt')!;
    expect(await page.locator('[data-testid="form-runs"]').getAttribute('data-runs')).toBe(String(preset.runCount));
    expect(await page.locator('[data-testid="preset-about"]').textContent()).toContain(preset.source);
    await screenshot(page, 'experiment-form-preset');
    expect(await layoutProblems(page)).toEqual([]);
    const id = await submitAndOpen(page);
    expect(await page.locator('[data-testid="preset"]').textContent()).toBe('preset postcopy-preempt');
    const submitted = await session.stack.api.sdk.getExperiment(id);
    expect(submitted.request.preset).toBe('postcopy-preempt');
    expect(submitted.runCount).toBe(preset.runCount);
    await session.stack.api.sdk.waitForExperiment(id, { intervalMs: 200, timeoutMs: 60_000 });
    await page.close();
  });

  it('a refused request: the problem\'s detail, and each offending field named beside it; nothing is created', async () => {
    const page = await openForm();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const posts: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/v1/experiments') posts.push(r.status());
    });
    const before = (await session.stack.api.sdk.listExperiments()).items.length;
    const problem = page.locator('[data-testid="form-problem"]');

    // an axis value that makes a run invalid: the axis's row says which run and field
    await setAxis(page, 0, 'vm.vcpus', '2, 5000');
    await setAxis(page, 1, 'strategy.mechanism', 'uffd_missing');
    await page.locator('[data-testid="form-submit"]').click();
    await problem.waitFor();
    expect(await problem.locator('strong').textContent()).toContain('axes.0');
    let shown = await errorsOf(page);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ field: 'axes.0', row: 'axis-row' });
    expect(shown[0].text).toMatch(/^run 1 \(vm\.vcpus=5000, strategy\.mechanism="uffd_missing"\): vm\.vcpus: /);
    const firstRow = page.locator('[data-testid="axis-row"]').nth(0);
    expect(await firstRow.locator('[data-error-field="axes.0"]').count()).toBe(1);
    expect(await firstRow.locator('input.invalid').count()).toBe(2);
    expect(await page.locator('[data-testid="axis-row"]').nth(1).locator('input.invalid').count()).toBe(0);
    await screenshot(page, 'experiment-form-problem');
    expect(await layoutProblems(page)).toEqual([]);

    // a field of the request itself: named on its row (and the axis's error is gone)
    await setAxis(page, 0, 'vm.vcpus', '2, 4');
    await page.locator('[data-testid="form-seeds"]').fill('0');
    await page.locator('[data-testid="form-submit"]').click();
    await page.locator('[data-field="seeds"] [data-error-field="seeds"]').waitFor();
    shown = await errorsOf(page);
    expect(shown.map((s) => [s.field, s.row])).toEqual([['seeds', 'seeds']]);
    expect(await page.locator('[data-testid="form-seeds"]').getAttribute('class')).toContain('invalid');

    // a base spec that is not JSON is caught before sending
    await page.locator('[data-testid="form-seeds"]').fill('1');
    await page.locator('[data-testid="form-base"]').fill('{"vm": ');
    await page.locator('[data-testid="form-submit"]').click();
    await expect.poll(async () => (await errorsOf(page)).map((s) => [s.field, s.row])).toEqual([['base', 'base']]);
    expect(await problem.locator('strong').textContent()).toBe('The base spec is not JSON.');

    expect(posts).toEqual([400, 400]);
    expect(dialogs).toEqual([]);
    expect(new URL(page.url()).hash).toBe('#/experiments?new=1');
    expect((await session.stack.api.sdk.listExperiments()).items.length).toBe(before);
    await page.close();
    // Chromium logs each refused request as a console error: those two, nothing else
    const refused = pageErrors.filter((e) => e.includes('status of 400'));
    expect(refused).toHaveLength(2);
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !refused.includes(e)));
  });

  it('deletes an ended experiment from its page, and another from the list, after confirming', async () => {
    const page = await open(`#/experiments/${sweep.id}`);
    const remove = page.locator('[data-testid="experiment"] [data-testid="delete"]');
    await remove.click();
    expect(await page.locator('[data-testid="delete-holder"]').textContent()).toContain('and its 8 runs?');
    // Keep: nothing happens
    await page.locator('[data-testid="keep"]').click();
    await remove.click();
    await page.locator('[data-testid="confirm-delete"]').click();
    await page.waitForURL(/#\/experiments$/);
    await page.locator('[data-testid="experiments"] tbody tr').first().waitFor();
    expect(await page.locator(`tr[data-id="${sweep.id}"]`).count()).toBe(0);
    expect((await session.stack.api.request('GET', `/v1/experiments/${sweep.id}`)).status).toBe(404);
    expect((await session.stack.api.request('GET', `/v1/migrations/${sweep.results!.runs[0].migrationId}`)).status).toBe(404);

    // from the list
    const other = await session.stack.api.sdk.waitForExperiment((await session.stack.api.sdk.experiment({ label: 'to delete', base: { seed: 9, vm: { memoryMiB: 64, vcpus: 1 } } })).id, { intervalMs: 200 });
    const row = page.locator(`tr[data-id="${other.id}"]`);
    await row.locator('[data-testid="delete"]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'experiments-with-delete');
    expect(await layoutProblems(page)).toEqual([]);
    await row.locator('[data-testid="delete"]').click();
    await row.locator('[data-testid="confirm-delete"]').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await session.stack.api.request('GET', `/v1/experiments/${other.id}`)).status).toBe(404);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
