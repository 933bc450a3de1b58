import { describe, expect, it } from 'vitest';
import { COST_NAMES, RESOLUTIONS, resolveCosts, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const ARM64_DIFFERS = { ept_violation_ns: [600, 410], vcpu_reentry_ns: [700, 550], mce_inject_ns: [5_000, 7_000] } as const;

describe('architecture-specific costs (vm.arch)', () => {
  it('arm64 resolves its own stage-2 abort, VM entry and SEA costs; every other default is the x86 one, and overrides and host.costScale apply as on x86', () => {
    const x86 = resolveCosts(undefined);
    const arm = resolveCosts(undefined, 1, 'arm64');
    for (const k of COST_NAMES) {
      const pair = (ARM64_DIFFERS as Record<string, readonly [number, number]>)[k];
      expect([x86[k], arm[k]]).toEqual(pair ?? [x86[k], x86[k]]);
    }
    expect(resolveCosts({ ept_violation_ns: 600 }, 1, 'arm64').ept_violation_ns).toBe(600);
    expect(resolveCosts(undefined, 2, 'arm64').mce_inject_ns).toBe(14_000);
  });

  const faultLatency = (arch: 'x86_64' | 'arm64', mechanism: 'kvm_exit_on_missing' | 'uffd_missing', extra: Partial<MigrationSpecInput> = {}) => {
    const spec: MigrationSpecInput = {
      seed: 3,
      vm: { arch, memoryMiB: 64, vcpus: 1 },
      workload: { pattern: 'demand_paging_test', faultSources: { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 } },
      strategy: { mechanism, backgroundCopy: { enabled: false } },
      network: { sourceLocal: true },
      ...extra,
    };
    return run(spec).result.faults;
  };

  it('a KVM exit costs less on arm64 by exactly the cheaper stage-2 abort and VM entry (one vCPU, local source: no contention)', () => {
    const x86 = faultLatency('x86_64', 'kvm_exit_on_missing');
    const arm = faultLatency('arm64', 'kvm_exit_on_missing');
    expect(arm.total).toBe(x86.total);
    // (means of whole-ns latencies: within a few ns)
    expect(Math.abs(x86.latency.meanNs - arm.latency.meanNs - (600 - 410 + (700 - 550)))).toBeLessThanOrEqual(3);
    // The uffd path pays the stage-2 abort once too.
    const ux86 = faultLatency('x86_64', 'uffd_missing');
    const uarm = faultLatency('arm64', 'uffd_missing');
    expect(Math.abs(ux86.latency.meanNs - uarm.latency.meanNs - (600 - 410))).toBeLessThanOrEqual(3);
  });

  it('a machine check (SEA on arm64) costs more than an MCE on x86', () => {
    const mceLatency = (arch: 'x86_64' | 'arm64') => {
      const { events } = run({
        seed: 5,
        vm: { arch, memoryMiB: 64, vcpus: 1, poisonedPages: [{ start: 0, count: 64 }], poisonPlacement: 'hot' },
        workload: { pattern: 'uniform', workingSetMiB: 1, faultSources: { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 } },
        strategy: { mechanism: 'uffd_missing', poisonHandling: 'uffdio_poison' },
        network: { bandwidthGbps: 10 },
      });
      const lat: number[] = [];
      for (let i = 0; i < events.n; i++) if (RESOLUTIONS[events.resolution[i]] === 'machine_check') lat.push(events.resolvedAtNs[i] - events.raisedAtNs[i]);
      expect(lat.length).toBeGreaterThan(0);
      return Math.min(...lat);
    };
    // UFFDIO_POISON: stage-2 abort, slow GUP to the marker, the injection, VM entry.
    expect(mceLatency('arm64') - mceLatency('x86_64')).toBe(7_000 - 5_000 - (600 - 410) - (700 - 550));
  });
});
