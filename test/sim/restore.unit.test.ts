import { describe, expect, it } from 'vitest';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS, migrationSpecSchema, type MigrationSpecInput } from '../../src/sim/index.js';
import { DEFAULT_GIC, gicLayout } from '../../src/sim/gic.js';
import { restorePlan } from '../../src/sim/gic-restore.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const arm = (strategy: MigrationSpecInput['strategy'], vm: Partial<MigrationSpecInput['vm']> = {}): MigrationSpecInput => ({
  seed: 8,
  vm: { arch: 'arm64', memoryMiB: 1024, vcpus: 8, backing: 'hugetlbfs', pageSize: '2M', ...vm },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy,
  network: { bandwidthGbps: 25, rttUs: 50, postcopyPreempt: true },
});
const issues = (input: unknown) => {
  const r = migrationSpecSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('GIC/ITS tables in guest memory (domain.md section 4)', () => {
  it('are placed deterministically from the seed, aligned as the architecture requires, clear of each other', () => {
    const layout = (seed: number) => gicLayout(DEFAULT_GIC, 8, 1024 * 2 ** 20, seed, []).layout!;
    const a = layout(1);
    expect(layout(1).tables).toEqual(a.tables);
    expect(layout(2).tables.map((t) => t.address)).not.toEqual(a.tables.map((t) => t.address));
    const align = { property_table: 4096, pending_table: 65536, collection_table: 65536, device_table: 65536, device_table_l2: 65536, itt: 256 };
    const sorted = [...a.tables].sort((x, y) => x.address - y.address);
    for (const t of a.tables) {
      expect(t.address % align[t.kind]).toBe(0);
      expect(t.address + t.bytes).toBeLessThanOrEqual(1024 * 2 ** 20);
    }
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].address).toBeGreaterThanOrEqual(sorted[i - 1].address + sorted[i - 1].bytes);
    // One pending table per redistributor (vCPU); 16 LPI ID bits: 57344-byte property table, 8 KiB pending tables.
    expect(a.tables.filter((t) => t.kind === 'pending_table')).toHaveLength(8);
    expect(a.prop.bytes).toBe(2 ** 16 - 8192);
    expect(a.pend[0].bytes).toBe(8192);
  });

  it('avoid poisoned pages (widened to huge pages on hugetlbfs)', () => {
    // Poison everything but the last 64 MiB: every table must land there.
    const frames = 1024 * 256;
    const { layout } = gicLayout(DEFAULT_GIC, 4, frames * 4096, 3, [[0, frames - 64 * 256]]);
    for (const t of layout!.tables) expect(t.address).toBeGreaterThanOrEqual((frames - 64 * 256) * 4096);
  });

  it('KVM reads them in its documented order, one 8-byte entry at a time', () => {
    const { layout } = gicLayout({ lpiIdBits: 16, its: { deviceTable: 'flat', devices: [{ deviceId: 3, events: 2 }, { deviceId: 9, events: 1 }] } }, 2, 2 ** 30, 1, []);
    const plan = restorePlan(layout!, 2);
    expect(plan.steps.map((s) => s.name)).toEqual([
      'redistributors',
      'its_base',
      'gits_iidr',
      'gits_cbaser_creadr_cwriter',
      'gits_baser',
      'restore_collection_table',
      'restore_device_table',
      'gits_ctlr',
    ]);
    const tables = Array.from(plan.table);
    // Collection table: 2 CTEs + the invalid terminator. Device table: DTEs 0..3 (0-2 invalid),
    // DTE 3 -> its ITT (ITE, property byte, pending byte per event), then DTE 9 via `next`.
    expect(tables).toEqual([2, 2, 2, 3, 3, 3, 3, 5, 0, 1, 5, 0, 1, 3, 5, 0, 1]);
    const dev = layout!.dev.address / 4096;
    expect(plan.gfn[3]).toBe(Math.floor(dev));
  });

  it('a request can give addresses: misaligned, outside memory or overlapping poison is a 400 with the reason', () => {
    const base = arm({ mechanism: 'uffd_missing' }, { backing: 'anonymous', pageSize: '4K', vcpus: 2 });
    expect(issues({ ...base, vm: { ...base.vm, gic: { pendingTableAddresses: [65536, 65536 + 4096] } } })).toContainEqual({
      path: 'vm.gic.pendingTableAddresses.1',
      message: 'the LPI pending table of redistributor 1 (GICR_PENDBASER) at 0x11000 is not 64 KiB-aligned, as the architecture requires',
    });
    expect(issues({ ...base, vm: { ...base.vm, gic: { propertyTableAddress: 1024 * 2 ** 20 } } })[0].message).toMatch(/does not fit in guest memory/);
    expect(issues({ ...base, vm: { ...base.vm, poisonedPages: [17], gic: { its: { collectionTableAddress: 65536 } } } })).toContainEqual({
      path: 'vm.gic.its.collectionTableAddress',
      message: 'the ITS collection table (GITS_BASER) (0x10000, 65536 bytes) overlaps a hardware-poisoned page (vm.poisonedPages; on hugetlbfs the whole huge page is unreachable)',
    });
    expect(issues({ ...base, vm: { ...base.vm, memoryMiB: 1, vcpus: 32 } })[0].message).toMatch(/GIC\/ITS tables do not fit in guest memory/);
  });

  it('x86_64 has no GIC: describing one is refused', () => {
    expect(issues({ vm: { arch: 'x86_64', memoryMiB: 256, vcpus: 2, gic: {} } })).toEqual([
      { path: 'vm.gic', message: 'x86_64 has no GIC: vm.gic describes the ARM GICv3 redistributors and ITS, only valid with arch arm64' },
    ]);
  });
});

describe('ARM GIC/ITS restore on the target (seed 001_)', () => {
  it('relying on uffd works: restore reads fault on the device_restore path and stall the resume', () => {
    const { result, events } = run(arm({ mechanism: 'kvm_exit_on_missing' }));
    const dr = result.deviceRestore;
    expect(result.outcome).toBe('completed');
    expect(dr.outcome).toBe('ok');
    expect(dr.errno).toBeNull();
    expect(dr.faults).toBeGreaterThan(0);
    expect(dr.stallNs).toBeGreaterThan(0);
    expect(dr.stallNs).toBeLessThanOrEqual(dr.timeNs);
    // On hugetlbfs a restore fault brings a whole 2 MiB page.
    expect(dr.pagesFetchedOnDemand).toBe(dr.faults * 512);
    expect(dr.reads).toBeGreaterThan(dr.pagesRead);
    // The steps ran in order, back to back, and only then the vCPUs.
    const steps = dr.steps;
    for (let i = 1; i < steps.length; i++) expect(steps[i].startNs).toBe(steps[i - 1].endNs);
    const resumed = result.phases.find((p) => p.name === 'resumed')!.atNs;
    expect(steps[steps.length - 1].endNs).toBe(resumed);
    expect(steps.reduce((a, s) => a + s.faults, 0)).toBe(dr.faults);
    expect(steps.reduce((a, s) => a + s.reads, 0)).toBe(dr.reads);
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
    expect(restoreEvents).toBe(dr.faults);
  });

  it('pre-transferring every table page avoids the restore faults, and reports pages and bytes', () => {
    const { result } = run(arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true } }));
    const dr = result.deviceRestore;
    expect(dr.outcome).toBe('ok');
    expect(dr.faults).toBe(0);
    expect(dr.stallNs).toBe(0);
    // Whole huge pages on hugetlbfs.
    expect(dr.preTransferred.pages % 512).toBe(0);
    expect(dr.preTransferred.bytes).toBe(dr.preTransferred.pages * 4096);
    expect(result.bytes.preTransferred).toBe(dr.preTransferred.bytes);
    expect(dr.tables.every((t) => t.preTransferred)).toBe(true);
    expect(result.outcome).toBe('completed');
  });

  it('covering only the vCPU path: kvm_read_guest reads zeros and the ITS state is silently lost', () => {
    const { result, events, violations } = run(arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none' }));
    const dr = result.deviceRestore;
    // The kernel fills a page no userfaultfd intercepts with zeros: the ioctl "succeeds" on empty tables.
    expect(dr).toMatchObject({ outcome: 'ok', errno: null });
    expect(result.correct).toBe(false);
    const lost = violations.filter((v) => v.kind === 'its_state_lost');
    expect(lost.length).toBe(dr.faults);
    expect(lost[0].detail).toMatch(/kvm_read_guest of gfn \d+ \(the ITS collection table\) hit a page that had not arrived and that no userfaultfd intercepts/);
    expect(result.verdict).toMatch(/its_state_lost/);
    // Each faulting read is a zero_fill event of the restore (vcpu -1), and those frames never arrive.
    const zeroFills = events.resolution.filter((r, i) => RESOLUTIONS[r] === 'zero_fill' && events.vcpu[i] === -1).length;
    expect(zeroFills).toBe(dr.faults);
    expect(result.pages.zeroFilled).toBeGreaterThan(0);
    expect(result.phases.map((p) => p.name)).toContain('resumed');
  });

  it('"mandate that userspace transfers every GIC/ITS page" fails the day a device is added after the list was made', () => {
    const devices = [{ deviceId: 8, events: 4 }, { deviceId: 40000, events: 8 }];
    const ok = run(arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true } }, { gic: { its: { devices } } }));
    expect(ok.result.deviceRestore.outcome).toBe('ok');
    const missed = run(arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true, preTransferMissingDevices: [40000] } }, { gic: { its: { devices } } }));
    const dr = missed.result.deviceRestore;
    // It "succeeds": the missed pages read as zeros, and the new device's interrupts are lost.
    expect(dr.outcome).toBe('ok');
    expect(missed.result.correct).toBe(false);
    // Device 40000 sits in its own level-2 device table (DeviceIDs 32768-40959): the list lacks it too.
    const lost = missed.violations.filter((v) => v.kind === 'its_state_lost');
    expect(lost[0].detail).toMatch(/kvm_read_guest of gfn \d+ \(a level-2 ITS device table\)/);
    expect(lost.some((v) => /the ITT of device 40000/.test(v.detail))).toBe(true);
    expect(dr.tables.filter((t) => !t.preTransferred).map((t) => t.kind).sort()).toEqual(['device_table_l2', 'itt']);
    // With uffd behind it, the same incomplete list works: the missed pages are fetched on demand.
    const served = run(arm({ mechanism: 'kvm_exit_on_missing', deviceRestore: { preTransfer: true, preTransferMissingDevices: [40000] } }, { gic: { its: { devices } } }));
    expect(served.result.deviceRestore.outcome).toBe('ok');
    expect(served.result.deviceRestore.faults).toBeGreaterThan(0);
  });

  it('an inconsistent table fails with -EINVAL where KVM finds it', () => {
    const bad = run(arm({ mechanism: 'uffd_missing' }, { gic: { its: { collections: [{ id: 0, targetVcpu: 0 }, { id: 1, targetVcpu: 12 }] } } }));
    expect(bad.result.deviceRestore).toMatchObject({ outcome: 'failed', errno: '-EINVAL', table: 'collection_table', failedStep: 'restore_collection_table' });
    expect(bad.result.failureReason).toMatch(/-EINVAL at gfn \d+ \(the ITS collection table\): collection-table entry 1 maps collection 1 to redistributor 12, but the VM has 8 vCPUs/);
    const orphan = run(arm({ mechanism: 'uffd_missing' }, { gic: { its: { devices: [{ deviceId: 5, events: 2, collectionId: 99 }] } } }));
    expect(orphan.result.deviceRestore).toMatchObject({ errno: '-EINVAL', table: 'itt' });
    expect(orphan.result.failureReason).toMatch(/the ITT of device 5 maps event 0 to collection 99, which is not in the collection table/);
  });

  it('starting the vCPUs before KVM_DEV_ARM_ITS_RESTORE_TABLES gives -EBUSY', () => {
    const { result } = run(arm({ mechanism: 'kvm_exit_on_missing', deviceRestore: { vcpuStart: 'before_restore_tables' } }));
    expect(result.deviceRestore).toMatchObject({ outcome: 'failed', errno: '-EBUSY', failedStep: 'restore_collection_table', reads: 0 });
    expect(result.failureReason).toBe(
      'device-state restore failed: KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EBUSY: the vCPUs were started before the ITS tables were restored (strategy.deviceRestore.vcpuStart before_restore_tables), and KVM restores them only with every vCPU stopped; the VMM aborts the migration',
    );
  });

  it('x86_64 has nothing to restore from guest memory', () => {
    const { result } = run({ seed: 1, vm: { memoryMiB: 256, vcpus: 2 }, workload: { faultSources: quiet } });
    expect(result.deviceRestore).toMatchObject({ outcome: 'none', errno: null, reads: 0, faults: 0, timeNs: 0, steps: [], tables: [] });
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

  it("KVM's own accesses with no userfaultfd behind them read zero-filled pages too: no -EFAULT, the VM runs on, not correct", () => {
    // KVM userfault's bitmap is checked on the stage-2 fault path only; copy_to/from_user, emulation
    // and a nested walk's get_user go through the userspace mapping, where the kernel populates an
    // unregistered missing page with zeros.
    const cases = [
      ['kvm_user_access', { ...quiet, kvmUserAccessPerSecond: 1e5 }, false],
      ['instruction_emulation', { ...quiet, instructionEmulationPerSecond: 1e5 }, false],
      ['nested_walk', quiet, true],
    ] as const;
    for (const [path, faultSources, nested] of cases) {
      const { result, events, violations } = run({
        seed: 4,
        vm: { memoryMiB: 256, vcpus: 2, nested },
        workload: { pattern: 'uniform', faultSources },
        strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none' },
      });
      expect(result.outcome, path).toBe('completed');
      expect(result.correct).toBe(false);
      const resolutions = new Set<string>();
      for (let i = 0; i < events.n; i++) if (FAULT_PATHS[events.path[i]] === path) resolutions.add(RESOLUTIONS[events.resolution[i]]);
      expect(resolutions).toEqual(new Set(['zero_fill']));
      expect(result.violationsByKind).toEqual({ zero_page_exposed: result.faults.byResolution.zero_fill });
      expect(violations[0].vcpu).not.toBeNull();
      expect(violations[0].detail).toMatch(/populated it with zeros/);
    }
  });
});
