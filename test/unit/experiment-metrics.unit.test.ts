// The results table's figures: what a run's metrics read from its summary, and their aggregates over
// seeds when a run lacks a metric (a slowdown needs guest accesses to compare).
import { describe, expect, it } from 'vitest';
import { createSimulation, migrationSpecSchema } from '../../src/sim/index.js';
import { aggregate, runMetrics, RUN_METRIC_NAMES, type RunMetrics } from '../../src/experiments/metrics.js';

function simulated(spec: unknown) {
  const sim = createSimulation(migrationSpecSchema.parse(spec));
  while (sim.next(10_000));
  return sim.result();
}

describe('runMetrics', () => {
  it("reads the guest slowdown beside the timings: a slow link slows the guest's work more", () => {
    const base = { seed: 3, vm: { memoryMiB: 256, vcpus: 2 }, workload: { pattern: 'uniform' }, strategy: { mechanism: 'uffd_missing' } };
    const fast = runMetrics(simulated({ ...base, network: { bandwidthGbps: 100, rttUs: 20 } }));
    const slow = runMetrics(simulated({ ...base, network: { bandwidthGbps: 1, rttUs: 500 } }));
    expect(fast.slowdown).toBeGreaterThan(1);
    expect(slow.slowdown).toBeGreaterThan(fast.slowdown!);
    expect(Object.keys(fast)).toEqual(RUN_METRIC_NAMES);
  });
});

describe('aggregate', () => {
  const metrics = (totalNs: number, slowdown: number | null): RunMetrics => ({ ...Object.fromEntries(RUN_METRIC_NAMES.map((n) => [n, 0])), totalNs, slowdown }) as RunMetrics;
  const run = (vcpus: number, seedIndex: number, m: RunMetrics | null) => ({ params: { values: { 'vm.vcpus': vcpus }, seedIndex }, outcome: m ? 'completed' : null, metrics: m });

  it('a metric a run lacks is aggregated over the runs that have it, and is null when none has', () => {
    const rows = aggregate([run(1, 0, metrics(10, 2)), run(1, 1, metrics(20, null)), run(1, 2, metrics(30, 4)), run(2, 0, metrics(5, null)), run(2, 1, null)]);
    expect(rows).toHaveLength(2);
    const [one, two] = rows;
    expect(one).toMatchObject({ runs: 3, measured: 3 });
    expect(one.metrics!.totalNs).toEqual({ mean: 20, min: 10, max: 30, sd: 10 });
    expect(one.metrics!.slowdown).toEqual({ mean: 3, min: 2, max: 4, sd: Math.SQRT2 });
    expect(two).toMatchObject({ runs: 2, measured: 1, outcomes: { completed: 1 } });
    expect(two.metrics!.totalNs).toEqual({ mean: 5, min: 5, max: 5, sd: null }); // one value: no spread to estimate
    expect(two.metrics!.slowdown).toBeNull();
  });

  it('the standard deviation keeps the digits that differ between seeds of large figures', () => {
    // Three runs of 25 minutes, 1 ns apart: the squares of the values would lose these digits.
    const base = 1_500_000_000_000;
    const [row] = aggregate([0, 1, 2].map((i) => run(1, i, metrics(base + i, null))));
    expect(row.metrics!.totalNs).toEqual({ mean: base + 1, min: base, max: base + 2, sd: 1 });
  });
});
