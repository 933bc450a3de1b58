import { describe, expect, it } from 'vitest';
import { BACKINGS, FAULT_PATHS, MECHANISMS, RESOLUTIONS, migrationSpecSchema, type MigrationSpecInput } from '../../src/sim/index.js';
import { POISON_METHODS, poisonMethodProblem } from '../../src/sim/poison.js';
import { run } from './helpers.js';

const issues = (input: unknown) => {
  const r = migrationSpecSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

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
    expect(result.poison).toMatchObject({ policy: 'intercept', method: 'uffdio_poison', refused: false, ranges: 2, requestedPages: 4097, unreachablePages: 4097, healthyBytesUnreachable: 0, bytesTransferred: 0, escapes: 0 });
    expect(result.poison.setupNs).toBe(2 * 5000);
    expect(result.poison.machineChecks).toBe(result.faults.machineChecks);
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

  it('HugeTLB widens the blast radius to the whole huge page, and says how much healthy memory that costs', () => {
    const { result, events } = run({
      seed: 2,
      vm: { memoryMiB: 64, vcpus: 2, backing: 'hugetlbfs', pageSize: '2M', poisonedPages: [1000] },
      workload: { pattern: 'uniform', faultSources: quiet },
      strategy: { mechanism: 'kvm_exit_on_missing', poisonHandling: 'punch_hole' },
    });
    expect(result.pages.poisoned).toBe(512);
    expect(result.poison).toMatchObject({ requestedPages: 1, unreachablePages: 512, healthyBytesUnreachable: 511 * 4096, blastRadiusBytes: 2 * 2 ** 20 });
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

  it('each method is valid only where the kernel supports it for that backing (400 with the reason)', () => {
    const valid: Record<string, string[]> = {
      anonymous: ['uffdio_poison', 'zap', 'none'],
      shmem: ['uffdio_poison', 'zap', 'punch_hole', 'none'],
      hugetlbfs: ['uffdio_poison', 'punch_hole', 'none'],
      guest_memfd: ['punch_hole', 'none'],
    };
    for (const backing of BACKINGS) {
      for (const method of POISON_METHODS) {
        const mechanism = backing === 'guest_memfd' ? 'kvm_userfault' : backing === 'anonymous' ? 'uffd_missing' : 'uffd_minor';
        const found = issues({ vm: { memoryMiB: 64, vcpus: 1, backing, poisonedPages: [3] }, strategy: { mechanism, poisonHandling: method } });
        if (valid[backing].includes(method)) expect(found, `${method} on ${backing}`).toEqual([]);
        else expect(found, `${method} on ${backing}`).toEqual([{ path: 'strategy.poisonHandling', message: poisonMethodProblem(method, backing) }]);
      }
    }
    // The default method is one the backing supports.
    expect(run({ seed: 1, vm: { memoryMiB: 64, vcpus: 1, backing: 'guest_memfd', poisonedPages: [3] }, strategy: { mechanism: 'kvm_userfault' } }).result.poison.method).toBe('punch_hole');
  });

  it('validates the list: inside memory, no duplicates or overlaps, a sane total', () => {
    const vm = { memoryMiB: 64, vcpus: 1 };
    expect(issues({ vm: { ...vm, poisonedPages: [5, { start: 0, count: 8 }] } })).toEqual([
      { path: 'vm.poisonedPages.1', message: 'poisoned entry 1 (gfns 0-7) duplicates or overlaps entry 0: list each poisoned page once' },
    ]);
    expect(issues({ vm: { ...vm, poisonedPages: [7, 7] } })[0].message).toMatch(/duplicates or overlaps entry 0/);
    expect(issues({ vm: { ...vm, poisonedPages: [{ start: 0, count: 9000 }] } })).toEqual([
      { path: 'vm.poisonedPages', message: '9000 poisoned frames listed: at most 1048576 and at most half of guest memory (8192 frames)' },
    ]);
    expect(issues({ vm: { ...vm, poisonedPages: [{ start: 16380, count: 8 }] } })[0].message).toMatch(/beyond guest memory/);
    expect(issues({ vm: { ...vm, poisonedPages: [{ start: 1, count: 2, poisonedDuringPrecopy: true }] } })[0]).toEqual({
      path: 'vm.poisonedPages.0.poisonedDuringPrecopy',
      message: 'pages poisoned during pre-copy need pre-copy rounds (strategy.precopy.rounds >= 1)',
    });
  });

  it('a strict policy refuses to migrate a VM with poisoned pages, as QEMU does today, and says so', () => {
    const { result, events } = run(spec('uffdio_poison', { strategy: { poisonPolicy: 'strict' } }));
    expect(events.n).toBe(0);
    expect(result.outcome).toBe('refused');
    expect(result.correct).toBe(false);
    expect(result.poison.refused).toBe(true);
    expect(result.failureReason).toBe(
      `migration refused (strategy.poisonPolicy strict): the VM has 4097 hardware-poisoned page(s), and QEMU refuses to migrate it ("Can't migrate this vm with hardware poisoned memory, please reboot the vm and try again"); the VM keeps running on the source`,
    );
    expect(result.verdict).toBe(`REFUSED, nothing was migrated: ${result.failureReason}`);
    expect(result.bytesOnWire).toBe(0);
    expect(result.timing.downtimeNs).toBe(0);
    expect(result.phases).toEqual([{ name: 'migration_refused', atNs: 0 }]);
    // Without poisoned pages a strict policy changes nothing.
    expect(run({ ...spec('uffdio_poison', { strategy: { poisonPolicy: 'strict' } }), vm: { memoryMiB: 64, vcpus: 4 } }).result.outcome).toBe('completed');
  });

  it('a guest without RAS support cannot take the machine check: the VM stops', () => {
    const arm = run({ ...spec('uffdio_poison'), vm: { arch: 'arm64', memoryMiB: 64, vcpus: 4, backing: 'shmem', ras: false, poisonedPages: [{ start: 0, count: 4096 }] } });
    expect(arm.result.outcome).toBe('vm_lost');
    expect(arm.result.failureReason).toMatch(/^VM stopped: vCPU \d+ accessed poisoned gfn \d+, and the guest has no RAS support \(vm.ras false\), so the SEA \(synchronous external abort\) cannot be delivered$/);
    const last = arm.events.n - 1;
    expect(RESOLUTIONS[arm.events.resolution[last]]).toBe('unresolved');
    const x86 = run({ ...spec('zap'), vm: { memoryMiB: 64, vcpus: 4, backing: 'shmem', ras: false, poisonedPages: [{ start: 0, count: 4096 }] } });
    expect(x86.result.failureReason).toMatch(/so the machine check \(MCE\) cannot be delivered$/);
  });

  it('pages pre-copy sent before the poison: a hole punch drops the copy, UFFDIO_POISON gets -EEXIST and the guest reads it', () => {
    const hybrid = (method: 'zap' | 'punch_hole' | 'uffdio_poison', mechanism: 'uffd_missing' | 'uffd_minor' = 'uffd_missing'): MigrationSpecInput => ({
      ...spec(method),
      vm: { memoryMiB: 64, vcpus: 4, backing: 'shmem', poisonedPages: [{ start: 0, count: 4096, poisonedDuringPrecopy: true }] },
      workload: { pattern: 'uniform', faultSources: quiet },
      strategy: { mechanism, poisonHandling: method, precopy: { rounds: 1, dirtyRateMiBps: 4096 } },
      network: { bandwidthGbps: 1, rttUs: 50 },
    });
    const punched = run(hybrid('punch_hole')).result;
    expect(punched.correct).toBe(true);
    expect(punched.poison).toMatchObject({ mappedAtSwitchover: 4096, eexist: 0, escapes: 0 });
    expect(punched.poison.machineChecks).toBeGreaterThan(0);
    // A zap drops the page-table entries but shmem keeps the copy in the page cache: under MISSING a
    // page-cache hit raises no fault and the guest reads the stale copy. MINOR still faults.
    const zap = run(hybrid('zap')).result;
    expect(zap.correct).toBe(false);
    expect(zap.poison).toMatchObject({ mappedAtSwitchover: 4096, eexist: 0, machineChecks: 0 });
    expect(zap.poison.escapes).toBeGreaterThan(0);
    expect(zap.violations[0].detail).toMatch(/shmem kept the copy pre-copy had sent in the page cache/);
    const zapMinor = run(hybrid('zap', 'uffd_minor')).result;
    expect(zapMinor.correct).toBe(true);
    expect(zapMinor.poison.machineChecks).toBeGreaterThan(0);
    const poison = run(hybrid('uffdio_poison')).result;
    expect(poison.correct).toBe(false);
    expect(poison.poison).toMatchObject({ mappedAtSwitchover: 4096, eexist: 4096, machineChecks: 0, bytesTransferred: 0 });
    expect(poison.poison.escapes).toBeGreaterThan(0);
    expect(poison.violations[0]).toMatchObject({ kind: 'poison_escape' });
    expect(poison.violations[0].detail).toMatch(/UFFDIO_POISON returned -EEXIST on the mapped page/);
    expect(poison.violations[0].gfn).toBeLessThan(4096);
    expect(poison.violations[0].vcpu).not.toBeNull();
  });

  it('a THP collapse under a MINOR registration maps untouched poisoned pages without a fault (minor_thp_bypass)', () => {
    const { result } = run({
      seed: 12,
      // One poisoned page in each of 200 2 MiB ranges.
      vm: { memoryMiB: 512, vcpus: 4, backing: 'shmem', thp: true, khugepagedCollapsesPerSecond: 100, poisonedPages: Array.from({ length: 200 }, (_, i) => i * 512 + 7) },
      workload: { pattern: 'zipf', faultSources: quiet },
      strategy: { mechanism: 'uffd_minor' },
      network: { bandwidthGbps: 1, rttUs: 50, postcopyPreempt: true },
    });
    expect(result.poison.exposedByThpCollapse).toBeGreaterThan(0);
    const v = result.violations.find((x) => x.kind === 'minor_thp_bypass' && /poisoned/.test(x.detail));
    expect(v).toBeDefined();
    expect((v!.gfn ?? -1) % 512).toBe(7);
  });
});

describe('poison reached by a kernel access, not a vCPU (issue 11, error 8)', () => {
  // Every other page of the first half of guest memory poisoned, so that each path's own page set holds poisoned pages.
  const halfPoisoned = (seed: number, faultSources: Partial<typeof quiet>, extra: { arch?: 'x86_64' | 'arm64'; vhostBufferMiB?: number } = {}) =>
    run({
      seed,
      vm: { memoryMiB: 64, vcpus: 8, arch: extra.arch ?? 'x86_64', poisonedPages: Array.from({ length: 4096 }, (_, i) => 2 * i + 1) },
      workload: { pattern: 'uniform', faultSources: { ...quiet, ...faultSources, ...(extra.vhostBufferMiB ? { vhostBufferMiB: extra.vhostBufferMiB } : {}) } },
      strategy: { mechanism: 'uffd_missing' },
      // Slow enough that healthy pages are still missing after the 4096 UFFDIO_POISON calls before resume.
      network: { bandwidthGbps: 1, rttUs: 50 },
    });
  const byPath = (events: ReturnType<typeof run>['events'], path: string) => {
    const seen = new Set<string>();
    for (let i = 0; i < events.n; i++) if (FAULT_PATHS[events.path[i]] === path && events.gfn[i] < 8192 && events.gfn[i] % 2 === 1) seen.add(RESOLUTIONS[events.resolution[i]]);
    return seen;
  };

  it('KVM\'s copy_to/from_user of a poisoned paravirtual page gets -EFAULT: KVM skips the update, no machine check, the VM runs on', () => {
    const { result, events } = halfPoisoned(3, { kvmUserAccessPerSecond: 1e6 });
    expect(result.outcome).toBe('completed');
    expect(result.poison.kvmCopyEfaults).toBeGreaterThan(0);
    expect(byPath(events, 'kvm_user_access')).toEqual(new Set(['efault']));
    // The vCPUs' own accesses to poisoned pages still get machine checks.
    expect(byPath(events, 'vcpu_access')).toEqual(new Set(['machine_check']));
    expect(result.poison.machineChecks).toBe(result.faults.machineChecks);
    expect(result.faults.byResolution.efault ?? 0).toBe(result.poison.kvmCopyEfaults);
  });

  it('instruction emulation that reads a poisoned page ends KVM_RUN and the VMM stops the VM, per architecture', () => {
    // The first seed whose emulation window reaches a poisoned page; the others completed with no emulation failure.
    const stopped = (arch: 'x86_64' | 'arm64') => {
      for (let seed = 1; seed <= 8; seed++) {
        const { result } = halfPoisoned(seed, { instructionEmulationPerSecond: 1e6 }, { arch });
        if (result.outcome === 'completed') {
          expect(result.poison.emulationFailures).toBe(0);
          continue;
        }
        expect(result.outcome).toBe('vm_lost');
        expect(result.poison.emulationFailures).toBe(1);
        return result.failureReason;
      }
      return null;
    };
    expect(stopped('x86_64')).toMatch(/^VM stopped: instruction emulation on vCPU \d+ read poisoned gfn \d+: kvm_fetch_guest_virt failed .*KVM_EXIT_INTERNAL_ERROR/);
    expect(stopped('arm64')).toMatch(/read poisoned gfn \d+: the read failed with -EFAULT and KVM_RUN returned it/);
  });

  it('emulation reads pages near the vCPU\'s recent accesses: scattered poisoned pages give machine checks, not stopped VMs', () => {
    let emulations = 0;
    let machineChecks = 0;
    let stopped = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const { result, events } = run({
        seed,
        vm: { memoryMiB: 256, vcpus: 8, poisonedPages: Array.from({ length: 64 }, (_, i) => i * 1013 + 5) },
        workload: { pattern: 'uniform', faultSources: { vhostAccessesPerSecond: 1e5, instructionEmulationPerSecond: 2000 } },
        strategy: { mechanism: 'uffd_missing' },
        network: { bandwidthGbps: 10, rttUs: 50 },
      });
      // An emulation may still land on one of the 64 poisoned pages by chance (seed 5 does since model version 25).
      if (result.outcome !== 'completed') {
        expect(result.outcome).toBe('vm_lost');
        stopped++;
      }
      machineChecks += result.poison.machineChecks;
      for (let i = 0; i < events.n; i++) if (FAULT_PATHS[events.path[i]] === 'instruction_emulation') emulations++;
    }
    expect(stopped).toBeLessThanOrEqual(1);
    expect(machineChecks).toBeGreaterThan(4 * stopped);
    expect(emulations).toBeGreaterThan(0);
  });

  it('the vhost worker\'s copy of a poisoned buffer gets -EFAULT: the virtqueue breaks, the VM runs on', () => {
    // The buffer region spans all of memory (capped at the working set): it holds poisoned pages.
    const { result, events } = halfPoisoned(5, { vhostAccessesPerSecond: 1e6 }, { vhostBufferMiB: 64 });
    expect(result.outcome).toBe('completed');
    expect(result.correct).toBe(true);
    expect(result.poison.vhostEfaults).toBe(1);
    expect(result.poison.virtqueueBrokenAtNs).toBeGreaterThan(0);
    // No memory content is wrong, but the guest's network is dead: not "completed correctly".
    expect(result.guestImpaired).toBe(true);
    expect(result.verdict).toMatch(/^completed with no correctness violation, but GUEST IMPAIRED: the vhost virtqueue broke at [\d.]+ ms /);
    expect(byPath(events, 'vhost_userspace')).toEqual(new Set(['efault']));
    // The worker stops: no vhost access after the queue broke.
    for (let i = 0; i < events.n; i++) if (FAULT_PATHS[events.path[i]] === 'vhost_userspace') expect(events.raisedAtNs[i]).toBeLessThanOrEqual(result.poison.virtqueueBrokenAtNs!);
  });

  it('the vhost worker touches only its buffer region (vhostBufferMiB at a seeded position)', () => {
    const { result, events } = run({
      seed: 6,
      vm: { memoryMiB: 256, vcpus: 2 },
      workload: { pattern: 'uniform', faultSources: { ...quiet, vhostAccessesPerSecond: 1e6, vhostBufferMiB: 2 } },
      strategy: { mechanism: 'uffd_missing' },
      network: { bandwidthGbps: 10, rttUs: 50 },
    });
    expect(result.outcome).toBe('completed');
    const blocks = new Set<number>();
    let n = 0;
    for (let i = 0; i < events.n; i++) {
      if (FAULT_PATHS[events.path[i]] !== 'vhost_userspace') continue;
      n++;
      blocks.add(Math.floor(events.gfn[i] / 512));
    }
    expect(n).toBeGreaterThanOrEqual(10);
    // 2 MiB of ranks lies in at most two 2 MiB blocks of guest memory (hot pages are placed in 2 MiB blocks).
    expect(blocks.size).toBeLessThanOrEqual(2);
  });
});

describe("KVM's nested walk of L1's EPT tables (vm.nested, path nested_walk)", () => {
  const nested = (poisonedPages: MigrationSpecInput['vm']['poisonedPages'], nestedTablePages?: number) =>
    run({
      seed: 8,
      vm: { memoryMiB: 256, vcpus: 4, nested: true, poisonedPages },
      workload: { pattern: 'uniform', faultSources: { ...quiet, ...(nestedTablePages ? { nestedTablePages } : {}) } },
      strategy: { mechanism: 'uffd_missing' },
      network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true },
    });
  const walks = (events: ReturnType<typeof run>['events']) => {
    const idx: number[] = [];
    for (let i = 0; i < events.n; i++) if (FAULT_PATHS[events.path[i]] === 'nested_walk') idx.push(i);
    return idx;
  };

  it('reads only the table pages (nestedTablePages at a seeded position), so poison elsewhere never meets a walk', () => {
    const clean = nested([], 1024);
    const cleanWalks = walks(clean.events);
    expect(cleanWalks.length).toBeGreaterThan(100);
    // 4 MiB of consecutive ranks lies in at most three 2 MiB blocks of guest memory.
    expect(new Set(cleanWalks.map((i) => Math.floor(clean.events.gfn[i] / 512))).size).toBeLessThanOrEqual(3);
    expect(new Set(cleanWalks.map((i) => clean.events.gfn[i])).size).toBeLessThanOrEqual(1024);
    // Poison 16 MiB that holds none of those pages (the table region does not depend on the poison list).
    const tables = cleanWalks.map((i) => clean.events.gfn[i]);
    const start = [0, 16384, 32768, 49152].find((s) => tables.every((g) => g < s || g >= s + 4096))!;
    const { result, events } = nested([{ start, count: 4096 }], 1024);
    expect(result.outcome).toBe('completed');
    expect(result.poison.machineChecks).toBeGreaterThan(0); // the vCPUs' own accesses
    expect(result.poison.nestedWalkEfaults).toBe(0);
    expect(result.poison.livelockedVcpus).toEqual([]);
    expect(result).toMatchObject({ correct: true, guestImpaired: false });
    expect(result.verdict).toMatch(/^completed correctly/);
    for (const i of walks(events)) expect(RESOLUTIONS[events.resolution[i]]).not.toBe('machine_check');
  });

  it("a walk's get_user of a poisoned table page gets -EFAULT: KVM reflects the fault into L1 and the vCPU livelocks (no machine check, no exit, the VM runs on)", () => {
    // Every page of the working set holds L1 tables, and 1/16 of memory is poisoned.
    const { result, events } = nested([{ start: 1000, count: 4096 }], 65536);
    expect(result.outcome).toBe('completed');
    expect(result.poison.nestedWalkEfaults).toBeGreaterThan(0);
    // Correct (no memory content is wrong), but the verdict and guestImpaired say the vCPUs are stuck.
    expect(result).toMatchObject({ correct: true, guestImpaired: true });
    expect(result.verdict).toBe(
      `completed with no correctness violation, but GUEST IMPAIRED: ${result.poison.livelockedVcpus.length} vCPU(s) livelocked (a nested walk read a poisoned L1 EPT table page: -EFAULT reflected into L1, which retries forever); the same poison does this on the source`,
    );
    expect(result.poison.livelockedVcpus.length).toBe(result.poison.nestedWalkEfaults);
    const poisoned = (g: number) => g >= 1000 && g < 5096;
    let efaults = 0;
    for (const i of walks(events)) {
      const res = RESOLUTIONS[events.resolution[i]];
      expect(res).not.toBe('machine_check');
      if (poisoned(events.gfn[i])) {
        expect(res).toBe('efault');
        efaults++;
      }
    }
    expect(efaults).toBe(result.poison.nestedWalkEfaults);
    // A livelocked vCPU raises nothing after it, and did no guest work from then on.
    for (const { vcpu, atNs } of result.poison.livelockedVcpus) {
      for (let i = 0; i < events.n; i++) if (events.vcpu[i] === vcpu) expect(events.raisedAtNs[i]).toBeLessThan(atNs);
      // Its guest work fits between resume (t = downtime) and the livelock.
      expect(result.baseline.perVcpuNs[vcpu]).toBeLessThanOrEqual(atNs - result.timing.downtimeNs);
    }
  });
});
