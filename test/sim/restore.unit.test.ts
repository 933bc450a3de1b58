import { describe, expect, it } from 'vitest';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const arm = (strategy: MigrationSpecInput['strategy'], extra: Partial<MigrationSpecInput> = {}): MigrationSpecInput => ({
  seed: 8,
  vm: { arch: 'arm64', memoryMiB: 1024, vcpus: 8, backing: 'hugetlbfs', pageSize: '2M', deviceRestorePages: 64 },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy,
  network: { bandwidthGbps: 25, rttUs: 50, postcopyPreempt: true },
  ...extra,
});

describe('ARM GIC/ITS restore on the target (domain.md section 4, seed 001_)', () => {
  it('relying on uffd works: the restore reads fault on the device_restore path and stall the resume', () => {
    const { result, events } = run(arm({ mechanism: 'kvm_exit_on_missing' }));
    expect(result.outcome).toBe('completed');
    expect(result.deviceRestore.outcome).toBe('ok');
    expect(result.deviceRestore.faults).toBeGreaterThan(0);
    expect(result.deviceRestore.stallNs).toBeGreaterThan(0);
    const names = result.phases.map((p) => p.name);
    expect(names.indexOf('device_restore_started')).toBeLessThan(names.indexOf('target_restored'));
    const resumed = result.phases.find((p) => p.name === 'resumed')!.atNs;
    expect(result.timing.downtimeNs).toBe(resumed);
    let restoreEvents = 0;
    for (let i = 0; i < events.n; i++) {
      if (FAULT_PATHS[events.path[i]] !== 'device_restore') continue;
      restoreEvents++;
      expect(events.vcpu[i]).toBe(-1);
      // KVM's own access goes through userfaultfd, at huge-page granularity on hugetlbfs.
      expect(MECHANISMS[events.mechanism[i]]).toBe('uffd_missing');
      expect(events.pageShift[i]).toBe(21);
      expect(events.resolvedAtNs[i]).toBeLessThanOrEqual(resumed);
    }
    expect(restoreEvents).toBe(result.deviceRestore.faults);
    expect(result.faults.byPath.device_restore.count).toBe(restoreEvents);
  });

  it('pre-transferring every table page avoids the restore faults', () => {
    const { result } = run(arm({ mechanism: 'kvm_exit_on_missing', deviceRestore: { preTransfer: true } }));
    expect(result.deviceRestore.faults).toBe(0);
    expect(result.pages.preTransferred).toBeGreaterThan(0);
    expect(result.outcome).toBe('completed');
  });

  it('covering only the vCPU path makes the restore fail with -EFAULT, loudly', () => {
    const { result, events } = run(arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none' }));
    expect(result.outcome).toBe('failed');
    expect(result.correct).toBe(false);
    expect(result.deviceRestore.outcome).toBe('failed');
    expect(result.failureReason).toMatch(/-EFAULT/);
    expect(result.violations.map((v) => v.kind)).toContain('restore_failure');
    expect(RESOLUTIONS[events.resolution[events.n - 1]]).toBe('unresolved');
    expect(result.phases.map((p) => p.name)).not.toContain('resumed');
  });

  it('"mandate that userspace transfers every GIC/ITS page" fails the day one page is missed', () => {
    const ok = run(arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true, preTransferCoverage: 1 } }));
    expect(ok.result.deviceRestore.outcome).toBe('ok');
    const missed = run(arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true, preTransferCoverage: 0.9 } }));
    expect(missed.result.deviceRestore.outcome).toBe('failed');
    expect(missed.result.outcome).toBe('failed');
  });

  it('x86_64 has nothing to restore from guest memory by default', () => {
    const { result } = run({ seed: 1, vm: { memoryMiB: 256, vcpus: 2 }, workload: { faultSources: quiet } });
    expect(result.deviceRestore).toEqual({ outcome: 'none', pages: 0, faults: 0, stallNs: 0 });
  });

  it('a vhost access with no userfaultfd behind it exposes a zero page', () => {
    const { result } = run({
      seed: 4,
      vm: { memoryMiB: 256, vcpus: 2 },
      workload: { pattern: 'uniform', faultSources: { ...quiet, vhostAccessesPerSecond: 20_000 } },
      strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none' },
    });
    expect(result.correct).toBe(false);
    expect(result.violations[0].kind).toBe('zero_page_exposed');
    expect(result.pages.zeroFilled).toBeGreaterThan(0);
    expect(result.faults.byResolution.zero_fill).toBe(result.pages.zeroFilled);
  });
});
