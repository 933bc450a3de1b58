import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMetrics } from '../../src/experiments/metrics.js';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { simulate } from '../../src/validation/simulate.js';
import { ROOT } from '../support/processes.js';

/**
 * The vCPU-scaling example for the README: docs/experiment.json is the request, and
 * docs/images/experiment.png the dashboard's plot of its results (scripts/dashboard-screenshot.ts
 * --experiment), 1400 px wide as the dashboard is reviewed.
 */
describe('the experiment example', () => {
  it('is a request the service accepts: 5 vCPU counts x 3 mechanisms', async () => {
    const request = JSON.parse(await readFile(path.join(ROOT, 'docs/experiment.json'), 'utf8'));
    const parsed = experimentRequestSchema.safeParse(request);
    expect(parsed.error?.issues).toBeUndefined();
    expect(parsed.data!.runs).toHaveLength(15);
  });

  it('has its plot as a PNG 1400 px wide, small enough for a README', async () => {
    const png = await readFile(path.join(ROOT, 'docs/images/experiment.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1400);
    expect(png.length).toBeLessThan(400_000);
  });

  it('is described in the README with the paging rates the simulator gives today (re-simulated)', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const prose = /One uffd peaks at (\d+) vCPUs and falls to ([\d.]+)k pages\/s at (\d+)[^;]*; the\s+KVM mechanisms scale to ([\d.]+)M pages\/s/.exec(readme);
    expect(prose, 'the sentence under the experiment picture').not.toBeNull();
    const [, peakVcpus, uffdAtMostK, mostVcpus, kvmM] = prose!;
    const plan = experimentRequestSchema.parse(JSON.parse(await readFile(path.join(ROOT, 'docs/experiment.json'), 'utf8')));
    const rate = (vcpus: number, mechanism: string) => {
      const run = plan.runs.find((r) => r.params.values['vm.vcpus'] === vcpus && r.params.values['strategy.mechanism'] === mechanism)!;
      return runMetrics(simulate(run.spec))!.pagingRatePagesPerSec!;
    };
    // uffd at every vCPU count (the 256-vCPU run is ~4 s of the ~7 s this test simulates), KVM at the most.
    const vcpuCounts = plan.axes[0].values as number[];
    const uffd = vcpuCounts.map((v) => rate(v, 'uffd_minor'));
    expect(vcpuCounts[uffd.indexOf(Math.max(...uffd))]).toBe(Number(peakVcpus));
    expect(Number(mostVcpus)).toBe(vcpuCounts.at(-1));
    expect((uffd.at(-1)! / 1e3).toFixed(0)).toBe(uffdAtMostK);
    expect((rate(vcpuCounts.at(-1)!, 'kvm_exit_on_missing') / 1e6).toFixed(2)).toBe(kvmM);
  });
});
