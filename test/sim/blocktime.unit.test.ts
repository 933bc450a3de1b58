import { describe, expect, it } from 'vitest';
import type { MigrationSpecInput } from '../../src/sim/index.js';
import { run, SMALL } from './helpers.js';

/** Time with every vCPU blocked, recomputed from the fault events by a sweep over their intervals. */
function overlapFromEvents(events: ReturnType<typeof run>['events'], vcpus: number, end: number): number {
  const points: [number, number][] = [];
  for (let i = 0; i < events.n; i++) {
    if (events.vcpu[i] < 0) continue;
    points.push([events.raisedAtNs[i], +1], [Math.min(events.resolvedAtNs[i], end), -1]);
  }
  // Half-open intervals: at equal times an unblock comes before a block.
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let blocked = 0;
  let since = 0;
  let total = 0;
  for (const [t, d] of points) {
    if (blocked === vcpus && d < 0) total += t - since;
    blocked += d;
    if (blocked === vcpus && d > 0) since = t;
  }
  return total;
}

const SLOW: MigrationSpecInput = {
  seed: 4,
  vm: { memoryMiB: 64, vcpus: 3 },
  workload: { pattern: 'uniform', accessesPerSecond: 1_000_000, thinkTimeNs: 0 },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 1, rttUs: 1000 },
};

describe('blocktime (QEMU postcopy-blocktime)', () => {
  for (const [name, spec] of [
    ['small', SMALL],
    ['slow link, 3 vCPUs', SLOW],
    ['exit-on-missing, 16 vCPUs', { ...SLOW, vm: { memoryMiB: 64, vcpus: 16 }, strategy: { mechanism: 'kvm_exit_on_missing' } }],
  ] as [string, MigrationSpecInput][]) {
    it(`${name}: allVcpusNs is the time every vCPU was blocked at once, recomputed from the events`, () => {
      const { result, events } = run(spec);
      const resumed = result.phases.find((p) => p.name === 'resumed')!.atNs;
      const end = resumed + result.timing.postcopyNs;
      const vcpus = result.blocktime.perVcpuNs.length;
      expect(result.blocktime.allVcpusNs).toBe(overlapFromEvents(events, vcpus, end));
      expect(result.blocktime.allVcpusNs).toBeLessThanOrEqual(result.timing.postcopyNs);
      expect(result.blocktime.allVcpusNs).toBeLessThanOrEqual(Math.min(...result.blocktime.perVcpuNs));
      expect(result.blocktime.sumNs).toBe(result.blocktime.totalNs);
    });
  }

  it('is a real share of post-copy when the link is slow, and far below the per-vCPU sum', () => {
    const { result } = run(SLOW);
    expect(result.blocktime.allVcpusNs).toBeGreaterThan(0.1 * result.timing.postcopyNs);
    expect(result.blocktime.sumNs).toBeGreaterThan(result.timing.postcopyNs);
  });

  it('with one vCPU it equals that vCPU blocktime within the run', () => {
    const { result, events } = run({ ...SLOW, vm: { memoryMiB: 64, vcpus: 1 } });
    const end = result.phases.find((p) => p.name === 'resumed')!.atNs + result.timing.postcopyNs;
    let within = 0;
    for (let i = 0; i < events.n; i++) if (events.vcpu[i] === 0) within += Math.min(events.resolvedAtNs[i], end) - events.raisedAtNs[i];
    expect(result.blocktime.allVcpusNs).toBe(within);
    // The last wake-up may land just after the last page arrived: the sum counts it, the overlap stops at the end.
    expect(result.blocktime.perVcpuNs[0] - result.blocktime.allVcpusNs).toBeLessThan(100_000);
  });
});
