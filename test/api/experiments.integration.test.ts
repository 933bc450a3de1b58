import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Experiment } from '../../sdk/src/index.js';
import { BATCH_MEMORY_MIB } from '../../src/experiments/batches.js';
import { RUN_METRIC_NAMES, runMetrics } from '../../src/experiments/metrics.js';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { runInProcess } from '../../src/experiments/in-process.js';
import { PRESETS, PRESET_NAMES } from '../../src/experiments/presets.js';
import { COST_DEFS, MODEL_VERSION, resolveCosts } from '../../src/sim/index.js';
import type { Migration } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: true, auth: true });
});
afterAll(() => stack?.close());

const BASE = {
  seed: 7,
  vm: { arch: 'x86_64', memoryMiB: 64, vcpus: 2 },
  workload: { pattern: 'zipf' },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 25, rttUs: 50 },
} as const;

describe('a 2-axis x 2-seed experiment through the SDK', () => {
  let done: Experiment;

  beforeAll(async () => {
    const sdk = stack.api.sdk;
    const submitted = await sdk.experiment({
      label: 'vcpus x mechanism',
      base: BASE,
      axes: [
        { path: 'vm.vcpus', values: [1, 4] },
        { path: 'strategy.mechanism', values: ['uffd_minor', 'kvm_exit_on_missing'], with: { 'vm.backing': ['shmem', 'shmem'] } },
      ],
      seeds: 2,
    });
    expect(submitted.runCount).toBe(8);
    expect(submitted.status).toBe('queued');
    expect(submitted.request.faultEvents).toBe('none');
    done = await sdk.waitForExperiment(submitted.id, { intervalMs: 200, timeoutMs: 120_000 });
  });

  it('ends succeeded with every run measured, in axis order with seeds innermost', () => {
    expect(done.status).toBe('succeeded');
    expect(done.progress).toMatchObject({ total: 8, done: 8, fraction: 1 });
    const results = done.results!;
    expect(results.columns).toEqual(['vm.vcpus', 'strategy.mechanism', 'vm.backing']);
    expect(results.runs.map((r) => [r.values['vm.vcpus'], r.values['strategy.mechanism'], r.seedIndex])).toEqual([
      [1, 'uffd_minor', 0],
      [1, 'uffd_minor', 1],
      [1, 'kvm_exit_on_missing', 0],
      [1, 'kvm_exit_on_missing', 1],
      [4, 'uffd_minor', 0],
      [4, 'uffd_minor', 1],
      [4, 'kvm_exit_on_missing', 0],
      [4, 'kvm_exit_on_missing', 1],
    ]);
    for (const run of results.runs) {
      expect(run.status).toBe('succeeded');
      expect(run.outcome).toBe('completed');
      expect(run.metrics!.faults).toBeGreaterThan(0);
    }
  });

  it('each row equals the summary of the same spec submitted as a single migration', async () => {
    for (const row of done.results!.runs.filter((r) => r.index % 3 === 0)) {
      const run = await stack.api.sdk.get(row.migrationId);
      expect(run.experimentId).toBe(done.id);
      expect(run.spec.seed).toBe(BASE.seed + row.seedIndex);
      expect(row.seed).toBe(run.spec.seed); // the seed to submit the run alone with
      expect(run.spec.vm.vcpus).toBe(row.values['vm.vcpus']);
      expect(run.faultEvents).toBe('none');
      expect(run.eventCount).toBe(0);
      const single = await stack.api.sdk.submit(run.spec);
      const finished = await stack.api.waitFor(single.id);
      expect(finished.summary).toEqual(run.summary);
      expect(row.metrics).toEqual(runMetrics(finished.summary as never));
    }
  });

  it('aggregates each combination over its seeds', () => {
    const { runs, aggregates } = done.results!;
    expect(aggregates).toHaveLength(4);
    for (const agg of aggregates) {
      const mine = runs.filter((r) => JSON.stringify(r.values) === JSON.stringify(agg.values));
      expect(agg.runs).toBe(2);
      expect(agg.measured).toBe(2);
      expect(agg.outcomes).toEqual({ completed: 2 });
      const totals = mine.map((r) => r.metrics!.totalNs);
      const { sd, ...stat } = agg.metrics!.totalNs;
      expect(stat).toEqual({ mean: (totals[0] + totals[1]) / 2, min: Math.min(...totals), max: Math.max(...totals) });
      // Two seeds: the sample standard deviation is their difference over the square root of 2.
      expect(sd).toBeCloseTo(Math.abs(totals[0] - totals[1]) / Math.SQRT2, 3);
    }
  });

  it('exports the table as CSV and NDJSON', async () => {
    const csv = await stack.api.sdk.experimentCsv(done.id);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(9);
    const header = lines[0].split(',');
    expect(header.slice(0, 5)).toEqual(['run', 'migrationId', 'vm.vcpus', 'strategy.mechanism', 'vm.backing']);
    const first = lines[1].split(',');
    const row0 = done.results!.runs[0];
    expect(first[1]).toBe(row0.migrationId);
    expect(Number(first[header.indexOf('totalNs')])).toBe(row0.metrics!.totalNs);
    expect([first[header.indexOf('seedIndex')], first[header.indexOf('seed')]]).toEqual([String(row0.seedIndex), String(row0.seed)]);
    const ndjson = await stack.api.request('GET', `/v1/experiments/${done.id}/results?format=ndjson`);
    expect(ndjson.headers.get('content-type')).toContain('application/x-ndjson');
    const rows = String(ndjson.body).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual(done.results!.runs);
  });

  it('keeps runs out of the migration list, and other tenants out of the experiment', async () => {
    const list = await stack.api.sdk.list({ limit: 200 });
    expect(list.items.length).toBeGreaterThan(0); // the single migrations of the test above
    expect(list.items.some((m) => m.experimentId !== null)).toBe(false);
    const listed = new Set(list.items.map((m) => m.id));
    for (const run of done.results!.runs) expect(listed.has(run.migrationId)).toBe(false);
    const stranger = await stack.clientFor('someone-else');
    const res = await stranger.request('GET', `/v1/experiments/${done.id}`);
    expect(res.status).toBe(404);
    expect((await stack.api.sdk.listExperiments()).items.map((e) => e.id)).toContain(done.id);
    expect((await stranger.sdk.listExperiments()).items).toEqual([]);
  });
});

describe('reading the results while the runs end', () => {
  it('shows each run as it is at each read, and the table read meanwhile ends as the in-process one', async () => {
    const idle = await startStack({ auth: true }); // no worker yet: the runs stay queued
    try {
      const sdk = idle.api.sdk;
      const request = { label: 'read while it runs', base: BASE, axes: [{ path: 'vm.vcpus', values: [1, 2, 4] }], seeds: 3 };
      const { id } = await sdk.experiment(request);
      const queued = await sdk.getExperiment(id);
      expect(queued.results!.runs.map((r) => [r.status, r.metrics])).toEqual(Array.from({ length: 9 }, () => ['queued', null]));

      idle.startWorker();
      // Read as the dashboard does, over and over while the runs end: each read shows each run's
      // state of the moment, never a row kept from an earlier read of a run that had not ended.
      let read = queued;
      const statuses = new Set<string>();
      while (!['succeeded', 'failed', 'cancelled'].includes(read.status)) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        read = await sdk.getExperiment(id);
        for (const r of read.results!.runs) {
          statuses.add(r.status);
          expect(r.metrics === null).toBe(r.status === 'queued' || r.status === 'running');
        }
        // The progress counts what the table shows.
        expect(read.progress.done).toBe(read.results!.runs.filter((r) => ['succeeded', 'failed', 'cancelled'].includes(r.status)).length);
      }
      expect(read.status).toBe('succeeded');
      expect(read.results!.runs.every((r) => r.status === 'succeeded')).toBe(true);
      expect(statuses.has('succeeded')).toBe(true);
      const reference = runInProcess(experimentRequestSchema.parse(request));
      expect(read.results!.runs.map((r) => r.metrics)).toEqual(reference.runs.map((r) => r.metrics));
      expect(read.results!.aggregates).toEqual(reference.aggregates);
      // Read again: the same table.
      expect((await sdk.getExperiment(id)).results).toEqual(read.results);
    } finally {
      await idle.close();
    }
  });
});

describe('sharing the workers', () => {
  it('a single migration submitted after a sweep runs before the sweep\'s remaining runs', async () => {
    // Jobs of 4 runs, then 2, 1 and 1 (experiments/batches.ts): the migration waits for the batch in
    // hand at most. 64 runs of ~7 ms: the sweep still has runs queued when the migration has ended
    // and been seen (polled every 100 ms); 16 runs had ended in ~150 ms.
    const exp = await stack.api.sdk.experiment({ base: { ...BASE, vm: { arch: 'x86_64', memoryMiB: 8192, vcpus: 2 } }, seeds: 64 });
    const single = await stack.api.sdk.submit({ ...BASE, seed: 99 });
    const done = await stack.api.waitFor(single.id);
    expect(done.status).toBe('succeeded');
    const during = await stack.api.sdk.getExperiment(exp.id);
    expect(during.progress.byStatus.queued).toBeGreaterThan(0);
    expect((await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 })).status).toBe('succeeded');
  });
});

describe('reproducibility', () => {
  it('a run stores its model version and every cost it used; spec + those costs reproduce it', async () => {
    const exp = await stack.api.sdk.experiment({ base: { ...BASE, host: { costScale: 2 } }, axes: [{ path: 'costs.uffdio_copy_4k_ns', values: [null, 50] }] });
    const done = await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 });
    const [scaled, overridden] = await Promise.all(done.results!.runs.map((r) => stack.api.sdk.get(r.migrationId)));
    for (const run of [scaled, overridden]) {
      expect(run.modelVersion).toBe(MODEL_VERSION);
      expect(run.resolvedCosts).toEqual(resolveCosts(run.spec.costs, run.spec.host.costScale, run.spec.vm.arch));
    }
    expect(scaled.resolvedCosts!.ept_violation_ns).toBe(2 * COST_DEFS.ept_violation_ns.default);
    expect(overridden.resolvedCosts!.uffdio_copy_4k_ns).toBe(50);
    // Months later, with other defaults: the spec with every cost stated gives the same run.
    const again = await stack.api.sdk.submit({ ...overridden.spec, host: { costScale: 1 }, costs: overridden.resolvedCosts! });
    expect((await stack.api.waitFor(again.id)).summary).toEqual(overridden.summary);
  });
});

describe('guest impairment', () => {
  it('a run whose vCPU livelocks on a poisoned L1 table page says so in its row and in the CSV', async () => {
    // Every page holds L1 EPT tables (nestedTablePages), so poison there makes KVM's walk fail
    // (docs/model.md, 7b): the run completes correctly, but a vCPU is stuck for good.
    const faultSources = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0, nestedTablePages: 65536 };
    const exp = await stack.api.sdk.experiment({
      base: { seed: 8, vm: { arch: 'x86_64', memoryMiB: 256, vcpus: 4, nested: true }, workload: { pattern: 'uniform', faultSources }, strategy: { mechanism: 'uffd_missing' }, network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true } },
      axes: [{ path: 'vm.poisonedPages', values: [[], [{ start: 1000, count: 4096 }]] }],
    });
    const done = await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 });
    const [healthy, poisoned] = done.results!.runs;
    expect(healthy).toMatchObject({ outcome: 'completed', correct: true, guestImpaired: false });
    expect(poisoned).toMatchObject({ outcome: 'completed', correct: true, guestImpaired: true });
    expect((await stack.api.sdk.get(poisoned.migrationId)).summary!.poison.livelockedVcpus.length).toBeGreaterThan(0);
    // The column before the metrics (counted from the end: the poison list is a quoted cell with commas).
    const [header, ...lines] = (await stack.api.sdk.experimentCsv(exp.id)).trim().split('\r\n');
    const fromEnd = header.split(',').length - header.split(',').indexOf('guestImpaired');
    expect(fromEnd).toBe(RUN_METRIC_NAMES.length + 1);
    expect(lines.map((l) => l.split(',').at(-fromEnd))).toEqual(['false', 'true']);
  });
});

describe('fault events of runs', () => {
  it('sample keeps every 64th event by seq', async () => {
    const exp = await stack.api.sdk.experiment({ base: BASE, faultEvents: 'sample' });
    const done = await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 });
    const run: Migration = await stack.api.sdk.get(done.results!.runs[0].migrationId);
    const total = run.summary!.faults.total;
    expect(run.eventCount).toBe(Math.ceil(total / 64));
    const seqs: number[] = [];
    for await (const e of stack.api.sdk.faults(run.id, { limit: 1000 })) seqs.push(e.seq);
    expect(seqs).toEqual(Array.from({ length: run.eventCount }, (_, i) => i * 64));
    // Readers of the events say they are a sample: counts are ~1/64 of the summary's.
    expect((await stack.api.sdk.faultPages(run.id).next()).value!.sampleEvery).toBe(64);
    const stats = await stack.api.sdk.faultStats(run.id);
    expect(stats).toMatchObject({ total: run.eventCount, sampleEvery: 64 });
  });

  it('none: the event endpoints answer 409 saying so (not empty pages and zero percentiles that read as a measurement)', async () => {
    const exp = await stack.api.sdk.experiment({ base: BASE });
    const done = await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 });
    const id = done.results!.runs[0].migrationId;
    for (const path of ['faults', 'faults/stats', 'faults/export?format=csv']) {
      const res = await stack.api.request('GET', `/v1/migrations/${id}/${path}`);
      expect(res.status, path).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((res.body as { detail: string }).detail).toBe(
        `migration ${id} stores no fault events (faultEvents: none; the runs of experiment ${exp.id} keep none unless its request sets faultEvents to sample or all): its summary has the fault counts, latency percentiles and blocktime`,
      );
    }
  });

  it('none keeps a coarser progress history (a sample per 10% of the pages) than a migration keeping its events (per 1%)', async () => {
    const exp = await stack.api.sdk.experiment({ base: BASE });
    const done = await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 });
    const single = await stack.api.waitFor((await stack.api.sdk.submit(BASE)).id);
    const samples = async (id: string) => (await stack.container.progressLog.read(id)).filter((e) => e.entry.type === 'progress').length;
    const [coarse, fine] = [await samples(done.results!.runs[0].migrationId), await samples(single.id)];
    expect(coarse).toBeGreaterThanOrEqual(3);
    expect(coarse).toBeLessThanOrEqual(13); // 0%, every 10%, the end (and a phase change)
    expect(fine).toBeGreaterThan(4 * coarse);
  });
});

describe('validation', () => {
  it('names the axis, the run and the field of an invalid run', async () => {
    const res = await stack.api.request('POST', '/v1/experiments', {
      json: { base: BASE, axes: [{ path: 'vm.vcpus', values: [2, 5000] }] },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'axes.0', message: expect.stringContaining('run 1 (vm.vcpus=5000): vm.vcpus') })]);
  });

  it('refuses unknown fields, overlapping axes, mismatched linked values, more than 1000 runs, and labels PostgreSQL cannot store', async () => {
    const cases: [unknown, string][] = [
      [{ base: BASE, axes: [{ path: 'vm.nope', values: [1] }] }, 'axes.0'],
      [{ base: BASE, axes: [{ path: 'vm', values: [{}] }, { path: 'vm.vcpus', values: [1] }] }, 'axes.1.path'],
      [{ base: BASE, axes: [{ path: 'vm.vcpus', values: [1, 2], with: { 'vm.memoryMiB': [64] } }] }, 'axes.0.with.vm.memoryMiB'],
      [{ base: BASE, axes: [{ path: 'seed', values: Array.from({ length: 501 }, (_, i) => i) }], seeds: 2 }, 'axes'],
      [{ axes: [] }, 'base'],
      [{ preset: 'demand-paging-scaling', base: BASE }, 'preset'],
      // PostgreSQL takes neither in text or jsonb: a 400, not the 500 of a failed INSERT
      [{ base: BASE, label: 'a\u0000b' }, 'label'],
      [{ base: BASE, label: '\ud800' }, 'label'],
    ];
    for (const [json, field] of cases) {
      const res = await stack.api.request('POST', '/v1/experiments', { json });
      expect(res.status, JSON.stringify(json).slice(0, 120)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});

describe('cancel and delete', () => {
  /** 256 GiB: a job of its own, ~0.2 s of simulation on a 2-core machine. */
  const LONG_RUN_MIB = 8 * BATCH_MEMORY_MIB;

  it('cancels the runs that have not ended, keeps the ended ones, then deletes everything', async () => {
    // Runs larger than a batch, a job each (experiments/batches.ts), ~0.2 s or more: the cancel
    // finds later jobs not started. (8 GiB runs shared jobs and all ended before the cancel; runs of
    // one batch's size take ~30 ms since the simulator got faster.)
    const exp = await stack.api.sdk.experiment({
      base: { ...BASE, vm: { arch: 'x86_64', memoryMiB: LONG_RUN_MIB, vcpus: 2 } },
      axes: [{ path: 'seed', values: [1, 2, 3, 4, 5, 6] }],
    });
    // Cancel the rest once the first run has ended.
    const cancelled = await cancelAfterFirstRun(exp.id);
    expect(['running', 'cancelled']).toContain(cancelled.status);
    expect(cancelled.cancelRequested).toBe(true);
    const ended = await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 });
    expect(ended.status).toBe('cancelled');
    const statuses = ended.results!.runs.map((r) => r.status);
    expect(statuses).not.toContain('queued');
    expect(statuses).not.toContain('running');
    expect(statuses).toContain('cancelled');
    expect(statuses[0]).toBe('succeeded');

    // A run goes with its experiment, not on its own (the experiment would count a run it no longer has).
    const runId = ended.results!.runs[0].migrationId;
    const alone = await stack.api.request('DELETE', `/v1/migrations/${runId}`);
    expect(alone.status).toBe(409);
    expect((alone.body as { detail: string }).detail).toBe(`migration ${runId} is run 0 of experiment ${exp.id}; delete the experiment (DELETE /v1/experiments/${exp.id}), which deletes its runs`);
    await stack.api.sdk.deleteExperiment(exp.id);
    expect((await stack.api.request('GET', `/v1/experiments/${exp.id}`)).status).toBe(404);
    expect((await stack.api.request('GET', `/v1/migrations/${ended.results!.runs[0].migrationId}`)).status).toBe(404);
  });

  it('refuses to delete an experiment that is still running', async () => {
    // Runs of ~0.2 s or more each: the experiment is surely still running at the DELETE.
    const exp = await stack.api.sdk.experiment({ base: { ...BASE, vm: { arch: 'x86_64', memoryMiB: LONG_RUN_MIB, vcpus: 2 } }, seeds: 3 });
    const res = await stack.api.request('DELETE', `/v1/experiments/${exp.id}`);
    expect(res.status).toBe(409);
    // The detail does not contradict GET (which says running once a run started): it counts the runs.
    expect((res.body as { detail: string }).detail).toMatch(/has not ended \(\d+ of 3 runs ended\); cancel it and wait until it is cancelled before deleting it$/);
    await stack.api.sdk.cancelExperiment(exp.id);
    // Its running run stops at its next progress report: until then a DELETE says to wait (204 once it ended).
    const again = await stack.api.request('DELETE', `/v1/experiments/${exp.id}`);
    if (again.status === 204) return;
    expect(again.status).toBe(409);
    expect((again.body as { detail: string }).detail).toMatch(/it is being cancelled: wait until it is cancelled before deleting it$/);
    expect((await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 200, timeoutMs: 60_000 })).status).toBe('cancelled');
  });
});

async function cancelAfterFirstRun(id: string): Promise<Experiment> {
  for (;;) {
    const e = await stack.api.sdk.getExperiment(id);
    if (e.progress.byStatus.succeeded > 0) return stack.api.sdk.cancelExperiment(id);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('presets', () => {
  it('lists every preset with the axes and run count a submission of it gets', async () => {
    const listed = await stack.api.sdk.experimentPresets();
    expect(listed.map((p) => p.name)).toEqual(PRESET_NAMES);
    for (const p of listed) {
      const plan = experimentRequestSchema.parse({ preset: p.name });
      expect(p.runCount, p.name).toBe(plan.runs.length);
      expect(p.axes, p.name).toEqual(plan.axes.map((a) => a.path));
      expect(p).toMatchObject({ title: PRESETS[p.name].title, source: PRESETS[p.name].source, metric: PRESETS[p.name].metric });
    }
    expect(listed.find((p) => p.name === 'demand-paging-scaling')!.runCount).toBe(18);
    expect((await fetch(`${stack.baseUrl}/v1/experiments/presets`)).status).toBe(401); // no key
  });

  it('postcopy-preempt reproduces the table of docs/validation.md, with the published figures beside', async () => {
    const listed = (await stack.api.sdk.experimentPresets()).find((p) => p.name === 'postcopy-preempt')!;
    const exp = await stack.api.sdk.experiment({ preset: 'postcopy-preempt' });
    expect(exp.runCount).toBe(4);
    expect(exp.runCount).toBe(listed.runCount);
    expect(exp.label).toBe('postcopy-preempt'); // named in lists by its preset when the request gives no label
    expect(exp.request.axes.map((a) => a.path)).toEqual(['vm.pageSize', 'network.postcopyPreempt']);
    const done = await stack.api.sdk.waitForExperiment(exp.id, { intervalMs: 250, timeoutMs: 120_000 });
    const { preset, aggregates } = done.results!;
    expect(preset).toMatchObject({ name: 'postcopy-preempt', metric: 'vcpuFaultLatencyMeanNs', unit: 'ms', scale: 1e6 });
    // The rows of docs/validation.md section 2: | page | published | simulated | ratio | published | simulated | ratio |
    const doc = readFileSync(new URL('../../docs/validation.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## 2.'), doc.indexOf('## 3.'));
    for (const pageSize of ['4K', '2M']) {
      const cells = section.split('\n').find((l) => l.startsWith(`| ${pageSize} |`))!.split('|').slice(2, -1).map((c) => c.trim());
      [false, true].forEach((preempt, i) => {
        const agg = aggregates.find((a) => a.values['vm.pageSize'] === pageSize && a.values['network.postcopyPreempt'] === preempt)!;
        const [published, simulated, ratio] = cells.slice(i * 3, i * 3 + 3);
        expect((agg.published!.value / 1e6).toFixed(2)).toBe(Number(published).toFixed(2));
        expect((agg.metrics!.vcpuFaultLatencyMeanNs.mean / 1e6).toFixed(2)).toBe(simulated);
        expect(agg.published!.ratio!.toFixed(2)).toBe(ratio);
      });
    }
  });
});

describe('the list', () => {
  it('filters by status as each experiment shows it (running: queued with a run started)', async () => {
    const long = await stack.api.sdk.experiment({ base: { ...BASE, vm: { arch: 'x86_64', memoryMiB: 8 * BATCH_MEMORY_MIB, vcpus: 2 } }, seeds: 3 });
    for (let e = long; e.status !== 'running'; e = await stack.api.sdk.getExperiment(long.id)) await new Promise((r) => setTimeout(r, 20));
    const all = (await stack.api.sdk.listExperiments({ limit: 200 })).items;
    const byStatus = new Map<string, string[]>();
    for (const status of ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const) {
      const { items } = await stack.api.sdk.listExperiments({ status, limit: 200 });
      expect(items.map((e) => e.status).filter((s) => s !== status), status).toEqual([]);
      byStatus.set(status, items.map((e) => e.id));
    }
    expect(byStatus.get('running')).toContain(long.id);
    expect(byStatus.get('queued')).not.toContain(long.id);
    // every experiment in exactly one status (none of the others ended or started meanwhile but `long`)
    expect([...byStatus.values()].flat().filter((id) => id !== long.id).sort()).toEqual(all.map((e) => e.id).filter((id) => id !== long.id).sort());
    const bad = await stack.api.request('GET', '/v1/experiments?status=done');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'status' })]);
    await stack.api.sdk.cancelExperiment(long.id);
    expect((await stack.api.sdk.waitForExperiment(long.id, { intervalMs: 100, timeoutMs: 60_000 })).status).toBe('cancelled');
  });

  it('gives each experiment its own progress, as its own page does', async () => {
    const { items } = await stack.api.sdk.listExperiments();
    expect(items.length).toBeGreaterThanOrEqual(3); // the experiments of the cases above
    expect(new Set(items.map((e) => e.runCount)).size).toBeGreaterThan(1);
    for (const item of items) {
      expect(item.results).toBeNull();
      expect(item.progress).toEqual((await stack.api.sdk.getExperiment(item.id)).progress);
      expect(item.progress.total).toBe(item.runCount);
    }
  });
});
