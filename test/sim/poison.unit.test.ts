import { describe, expect, it } from 'vitest';
import { MECHANISMS, RESOLUTIONS, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const spec = (poisonHandling: 'uffdio_poison' | 'zap' | 'punch_hole' | 'none', extra: Partial<MigrationSpecInput> = {}): MigrationSpecInput => ({
  seed: 21,
  vm: { memoryMiB: 64, vcpus: 4, backing: 'shmem', poisonedPages: [{ start: 0, count: 4096 }, 9000] },
  workload: { pattern: 'sequential', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing', poisonHandling },
  network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true },
  ...extra,
});

describe('poisoned pages (domain.md section 5)', () => {
  it('never travel, and an access gets a machine check instead of a fetch', () => {
    const { result, events } = run(spec('uffdio_poison'));
    expect(result.outcome).toBe('completed');
    expect(result.correct).toBe(true);
    expect(result.pages.poisoned).toBe(4097);
    expect(result.pages.background + result.pages.demand).toBe(result.pages.total - 4097);
    // The background stream never carries a poisoned page (nor any page twice).
    expect(result.bytes.background).toBeLessThanOrEqual((result.pages.total - 4097) * 4096);
    expect(result.faults.machineChecks).toBeGreaterThan(0);
    for (let i = 0; i < events.n; i++) {
      if (RESOLUTIONS[events.resolution[i]] === 'machine_check') expect(events.gfn[i] < 4096 || events.gfn[i] === 9000).toBe(true);
    }
  });

  it('UFFDIO_POISON answers faster than a zap + uffd round trip', () => {
    const fast = run(spec('uffdio_poison')).result.faults.byResolution;
    expect(fast.machine_check).toBeGreaterThan(0);
    const mce = (r: ReturnType<typeof run>) => {
      const e = r.events;
      const lat: number[] = [];
      for (let i = 0; i < e.n; i++) if (RESOLUTIONS[e.resolution[i]] === 'machine_check') lat.push(e.resolvedAtNs[i] - e.raisedAtNs[i]);
      return lat.reduce((a, b) => a + b, 0) / lat.length;
    };
    expect(mce(run(spec('uffdio_poison')))).toBeLessThan(mce(run(spec('punch_hole'))));
  });

  it('without interception the guest reads the poisoned page as healthy memory: poison_escape, not correct', () => {
    const { result } = run(spec('none'));
    expect(result.correct).toBe(false);
    expect(result.violations.length).toBeGreaterThan(0);
    expect(result.violations[0].kind).toBe('poison_escape');
    expect(result.faults.byResolution.poison_escape).toBeGreaterThan(0);
    expect(result.faults.machineChecks).toBe(0);
  });

  it('HugeTLB widens the blast radius to the whole huge page', () => {
    const { result, events } = run({
      seed: 2,
      vm: { memoryMiB: 64, vcpus: 2, backing: 'hugetlbfs', pageSize: '2M', poisonedPages: [1000] },
      workload: { pattern: 'uniform', faultSources: quiet },
      strategy: { mechanism: 'kvm_exit_on_missing', poisonHandling: 'punch_hole' },
    });
    expect(result.pages.poisoned).toBe(512);
    for (let i = 0; i < events.n; i++) {
      if (RESOLUTIONS[events.resolution[i]] === 'machine_check') {
        expect(events.gfn[i]).toBeGreaterThanOrEqual(512);
        expect(events.gfn[i]).toBeLessThan(1024);
        expect(MECHANISMS[events.mechanism[i]]).toBe('kvm_exit_on_missing');
      }
    }
  });

  it('rejects a hole punch on anonymous memory', () => {
    expect(() => run(spec('punch_hole', { vm: { memoryMiB: 64, vcpus: 1, poisonedPages: [1] } }))).toThrow(/file backing/);
  });
});
