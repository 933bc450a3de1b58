/**
 * The no-post-copy baseline (docs/model.md, section 8b): the same guest work with all memory
 * present, and the slowdown post-copy caused.
 */
import { describe, expect, it } from 'vitest';
import type { MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };

/** Four vCPUs scanning their 16 MiB slices once (4096 accesses each), 1 µs apart. */
const scan = (over: Partial<MigrationSpecInput> = {}): MigrationSpecInput => ({
  seed: 7,
  vm: { memoryMiB: 64, vcpus: 4 },
  workload: { pattern: 'demand_paging_test', accessesPerSecond: 1e6, thinkTimeNs: 2_000, faultSources: quiet },
  strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: false } },
  network: { bandwidthGbps: 10, rttUs: 50 },
  ...over,
});

describe('no-post-copy baseline', () => {
  it('with every page pre-transferred nothing is slowed: slowdown 1, the baseline is the workload itself', () => {
    const { result } = run(scan({ strategy: { mechanism: 'uffd_missing', precopy: { rounds: 1, dirtyRateMiBps: 0 } } }));
    expect(result.pages.preTransferred).toBe(result.pages.total);
    expect(result.faults.total).toBe(0);
    expect(result.slowdown).toBe(1);
    expect(result.baseline.accessesPerVcpu).toEqual([4096, 4096, 4096, 4096]);
    expect(result.baseline.perVcpuNs).toEqual([4_096_000, 4_096_000, 4_096_000, 4_096_000]);
    expect(result.baseline.postcopyPerVcpuNs).toEqual(result.baseline.perVcpuNs);
  });

  it('a workload that never ends, with every page present at resume: no post-copy window, slowdown 1', () => {
    const { result } = run({ ...scan({ strategy: { precopy: { rounds: 1, dirtyRateMiBps: 0 } } }), workload: { pattern: 'zipf', faultSources: quiet } });
    expect(result.timing.postcopyNs).toBe(0);
    expect(result.slowdown).toBe(1);
    expect(result.baseline.perVcpuNs).toEqual([0, 0, 0, 0]);
  });

  it('a scan that ends: post-copy time = its accesses + the stalls + the think time after each fault', () => {
    const { result, events } = run(scan());
    const faultsOf = (v: number) => events.vcpu.filter((x) => x === v).length;
    expect(result.faults.total).toBe(4 * 4096);
    for (let v = 0; v < 4; v++) {
      expect(result.baseline.accessesPerVcpu[v]).toBe(4096);
      expect(result.baseline.perVcpuNs[v]).toBe(4_096_000);
      const expected = 4_096_000 + result.blocktime.perVcpuNs[v] + 2_000 * faultsOf(v);
      expect(Math.abs(result.baseline.postcopyPerVcpuNs[v] - expected)).toBeLessThanOrEqual(1);
    }
    const sumPost = result.baseline.postcopyPerVcpuNs.reduce((a, b) => a + b, 0);
    expect(result.slowdown).toBeCloseTo(sumPost / (4 * 4_096_000), 3);
    expect(result.slowdown).toBeGreaterThan(2);
  });

  it('a workload that runs on is compared over the post-copy window: what it did there vs the same accesses unhindered', () => {
    const { result } = run({ ...scan(), workload: { pattern: 'zipf', accessesPerSecond: 1e5, thinkTimeNs: 0, faultSources: quiet }, strategy: { mechanism: 'uffd_missing' } });
    const window = result.timing.postcopyNs;
    for (let v = 0; v < 4; v++) {
      expect(result.baseline.postcopyPerVcpuNs[v]).toBe(window);
      // Running time = window - stalls; one access per 10 µs of it.
      expect(Math.abs(result.baseline.perVcpuNs[v] - (window - result.blocktime.perVcpuNs[v]))).toBeLessThanOrEqual(1);
      expect(Math.abs(result.baseline.accessesPerVcpu[v] - result.baseline.perVcpuNs[v] / 10_000)).toBeLessThanOrEqual(0.5);
    }
    expect(result.slowdown).toBeGreaterThan(1);
  });

  // A slower link slows more, preempt less: the trend check slowdown-link-and-preempt (src/validation/trends.ts).

  it('vCPUs that never ran on the target (a refused migration) were not slowed', () => {
    const { result } = run({ ...scan(), vm: { memoryMiB: 64, vcpus: 4, poisonedPages: [5] }, strategy: { mechanism: 'uffd_missing', poisonPolicy: 'strict' } });
    expect(result.poison.refused).toBe(true);
    expect(result.slowdown).toBe(1);
    expect(result.baseline.postcopyPerVcpuNs).toEqual([0, 0, 0, 0]);
  });
});
