import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_GIC, gicLayout } from '../../src/sim/gic.js';
import type { FaultEventPage, Migration, Problem } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';
import { gmemRaceSpec } from '../sim/helpers.js';
import type { Violation } from '../../sdk/src/index.js';

/**
 * Issue "ARM GIC/ITS restore, poisoned pages and the correctness hazards of post-copy", end to end:
 * every scenario is submitted through the API, run by the worker, and checked in the stored
 * migration: its status, the exact failure reason in `error.detail`, the summary, the fault events.
 * The requests are small (each simulates in well under a second).
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: true, env: { WORKER_CONCURRENCY: '4' } });
});
afterAll(() => stack?.close());

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const ARM = { arch: 'arm64', memoryMiB: 1024, vcpus: 8, backing: 'hugetlbfs', pageSize: '2M' } as const;
const arm = (strategy: Record<string, unknown>, vm: Record<string, unknown> = {}) => ({
  seed: 8,
  vm: { ...ARM, ...vm },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy,
  network: { bandwidthGbps: 25, rttUs: 50, postcopyPreempt: true },
});
const shmemPoison = (strategy: Record<string, unknown>, vm: Record<string, unknown> = {}) => ({
  seed: 21,
  vm: { memoryMiB: 64, vcpus: 4, backing: 'shmem', poisonedPages: [{ start: 0, count: 4096 }, 9000], ...vm },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing', ...strategy },
  network: { bandwidthGbps: 1, rttUs: 50, postcopyPreempt: true },
});
const linkSpec = (failures: unknown[]) => ({
  seed: 6,
  vm: { memoryMiB: 1024, vcpus: 4 },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true, failures },
});

const SCENARIOS = {
  restoreViaUffd: arm({ mechanism: 'kvm_exit_on_missing' }),
  restorePreTransferred: arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true } }),
  restoreNoUffd: arm({ mechanism: 'kvm_exit_on_missing', uffdMode: 'none' }),
  restoreListIncomplete: arm(
    { mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true, preTransferMissingDevices: [24] } },
    { gic: { its: { devices: [{ deviceId: 8, events: 6 }, { deviceId: 24, events: 4 }] } } },
  ),
  restoreEinval: arm({ mechanism: 'uffd_missing' }, { gic: { its: { collections: [{ id: 0, targetVcpu: 0 }, { id: 1, targetVcpu: 12 }] } } }),
  restoreEbusy: arm({ mechanism: 'kvm_exit_on_missing', deviceRestore: { vcpuStart: 'before_restore_tables' } }),
  poisonIntercepted: shmemPoison({ poisonHandling: 'uffdio_poison' }),
  poisonStrict: shmemPoison({ poisonPolicy: 'strict' }),
  poisonNoRas: shmemPoison({ poisonHandling: 'zap' }, { ras: false }),
  poisonEscape: shmemPoison({ poisonHandling: 'none' }),
  poisonMappedEexist: shmemPoison(
    { poisonHandling: 'uffdio_poison', precopy: { rounds: 1, dirtyRateMiBps: 4096 } },
    { poisonedPages: [{ start: 0, count: 4096, poisonedDuringPrecopy: true }] },
  ),
  poisonHugetlb: {
    seed: 2,
    vm: { memoryMiB: 64, vcpus: 2, backing: 'hugetlbfs', pageSize: '2M', poisonedPages: [1000] },
    workload: { pattern: 'uniform', faultSources: quiet },
    strategy: { mechanism: 'kvm_exit_on_missing', poisonHandling: 'punch_hole' },
  },
  linkRecovered: linkSpec([{ afterResumeMs: 100, durationMs: 500 }]),
  sourceLost: linkSpec([{ component: 'source', afterResumeMs: 100 }]),
  partialPageRead: gmemRaceSpec(false),
  minorThpBypass: {
    seed: 12,
    vm: { memoryMiB: 512, vcpus: 4, backing: 'shmem', thp: true, khugepagedCollapsesPerSecond: 100 },
    workload: { pattern: 'zipf', faultSources: quiet },
    strategy: { mechanism: 'uffd_minor' },
    network: { bandwidthGbps: 1, rttUs: 50, postcopyPreempt: true },
  },
  zeroPageExposed: {
    seed: 4,
    vm: { memoryMiB: 256, vcpus: 2 },
    workload: { pattern: 'uniform', faultSources: { ...quiet, vhostAccessesPerSecond: 20_000, vhostBufferMiB: 256 } },
    strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none' },
  },
} as const;
type Name = keyof typeof SCENARIOS;
const done = {} as Record<Name, Migration>;

beforeAll(async () => {
  const ids = await Promise.all(
    (Object.keys(SCENARIOS) as Name[]).map(async (name) => {
      const res = await stack.api.post<Migration>('/v1/migrations', SCENARIOS[name]);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(202);
      return [name, res.body.id] as const;
    }),
  );
  for (const [name, id] of ids) done[name] = await stack.api.waitFor(id);
});

/**
 * The simulated migration did not complete, with exactly this outcome and reason: a result, so the
 * migration itself succeeded (no error), and it is never correct.
 */
function endedWith(m: Migration, outcome: 'vm_lost' | 'refused', reason: string): void {
  expect(m.status).toBe('succeeded');
  expect(m.error).toBeNull();
  expect(m.summary!.outcome).toBe(outcome);
  expect(m.summary!.failureReason).toBe(reason);
  expect(m.summary!.correct).toBe(false);
  expect(m.summary!.verdict).toContain(reason);
}

/** Every recorded violation of one kind (GET /violations: the summary holds only the first 20). */
async function violationsOf(id: string, kind: Violation['kind']): Promise<Violation[]> {
  const out: Violation[] = [];
  for await (const v of stack.api.sdk.violations(id, { kind, limit: 1000 })) out.push(v);
  return out;
}

async function faults(id: string, query: string): Promise<FaultEventPage['items']> {
  const res = await stack.api.get<FaultEventPage>(`/v1/migrations/${id}/faults?${query}&limit=1000`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** The collection table of the default arm64 GIC of these requests: KVM's first read. */
const collectionTableGfn = Math.floor(gicLayout(DEFAULT_GIC, 8, 1024 * 2 ** 20, 8, []).layout!.coll.address / 4096);

describe('ARM GIC/ITS restore (arm64)', () => {
  it('served by uffd: the restore stalls on demand fetches, in KVM\'s order, and then the vCPUs run', async () => {
    const m = done.restoreViaUffd;
    expect(m.status).toBe('succeeded');
    const dr = m.summary!.deviceRestore;
    expect(dr.outcome).toBe('ok');
    expect(dr.steps.map((s) => s.name)).toEqual(['redistributors', 'its_base', 'gits_iidr', 'gits_cbaser_creadr_cwriter', 'gits_baser', 'restore_collection_table', 'restore_device_table', 'gits_ctlr']);
    expect(dr.faults).toBeGreaterThan(0);
    expect(dr.stallNs).toBeGreaterThan(0);
    expect(dr.pagesFetchedOnDemand).toBe(dr.faults * 512);
    expect(dr.timeNs).toBeGreaterThan(dr.stallNs);
    expect(dr.pagesRead).toBeGreaterThan(0);
    const resumed = m.summary!.phases.find((p) => p.name === 'resumed')!.atNs;
    expect(dr.steps[7].endNs).toBe(resumed);
    const restoreFaults = await faults(m.id, 'path=device_restore');
    expect(restoreFaults).toHaveLength(dr.faults);
    for (const e of restoreFaults) {
      expect(e.vcpu).toBe(-1);
      expect(e.mechanism).toBe('uffd_missing');
      expect(e.resolvedAtNs).toBeLessThanOrEqual(resumed);
    }
  });

  it('pre-transferred before resume: no restore fault, pages and bytes reported', () => {
    const m = done.restorePreTransferred;
    expect(m.status).toBe('succeeded');
    const dr = m.summary!.deviceRestore;
    expect(dr).toMatchObject({ outcome: 'ok', faults: 0, stallNs: 0 });
    expect(dr.preTransferred.pages).toBeGreaterThan(0);
    expect(dr.preTransferred.bytes).toBe(dr.preTransferred.pages * 4096);
  });

  it('neither (only the vCPU path is covered): kvm_read_guest reads zeros and the ITS state is silently lost', async () => {
    const m = done.restoreNoUffd;
    const dr = m.summary!.deviceRestore;
    // The kernel zero-fills a page no userfaultfd intercepts: the ioctl "succeeds" on empty tables.
    expect(dr).toMatchObject({ outcome: 'ok', errno: null });
    expect(m.summary!.correct).toBe(false);
    const lost = await violationsOf(m.id, 'its_state_lost');
    expect(lost.length).toBe(dr.faults);
    expect(lost[0]).toMatchObject({ gfn: collectionTableGfn, vcpu: null });
    expect(lost[0].detail).toMatch(/\(the ITS collection table\) hit a page that had not arrived and that no userfaultfd intercepts/);
    expect(m.summary!.verdict).toMatch(/its_state_lost/);
    const restoreFaults = await faults(m.id, 'path=device_restore');
    expect(restoreFaults.map((e) => e.resolution)).toEqual(restoreFaults.map(() => 'zero_fill'));
  });

  it('a pre-transfer list made before a device was added: that device\'s ITT reads as zeros', async () => {
    const m = done.restoreListIncomplete;
    const dr = m.summary!.deviceRestore;
    expect(dr.outcome).toBe('ok');
    const itt = dr.tables.find((t) => t.kind === 'itt' && t.owner === 24)!;
    expect(itt.preTransferred).toBe(false);
    const lost = await violationsOf(m.id, 'its_state_lost');
    expect(lost.some((v) => /\(the ITT of device 24\)/.test(v.detail))).toBe(true);
  });

  it('an inconsistent table: -EINVAL where KVM finds it', () => {
    const m = done.restoreEinval;
    const gfn = m.summary!.deviceRestore.gfn;
    expect(gfn).toBe(Math.floor(m.summary!.deviceRestore.tables.find((t) => t.kind === 'collection_table')!.address / 4096));
    endedWith(
      m,
      'vm_lost',
      `device-state restore failed: KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EINVAL at gfn ${gfn} (the ITS collection table): collection-table entry 1 maps collection 1 to redistributor 12, but the VM has 8 vCPUs (RDBase >= online vCPUs); the vCPUs never ran on the target`,
    );
  });

  it('vCPUs started before KVM_DEV_ARM_ITS_RESTORE_TABLES: -EBUSY', () => {
    endedWith(
      done.restoreEbusy,
      'vm_lost',
      'device-state restore failed: KVM_DEV_ARM_ITS_RESTORE_TABLES returned -EBUSY: the vCPUs were started before the ITS tables were restored (strategy.deviceRestore.vcpuStart before_restore_tables), and KVM restores them only with every vCPU stopped; the VMM aborts the migration',
    );
    expect(done.restoreEbusy.summary!.deviceRestore.errno).toBe('-EBUSY');
  });

  it('x86 requests have no GIC: giving one is a 400; so are tables that do not fit or are misaligned', async () => {
    const x86 = await stack.api.post<Problem>('/v1/migrations', { vm: { arch: 'x86_64', memoryMiB: 256, vcpus: 2, gic: {} } });
    expect(x86.status).toBe(400);
    expect(x86.body.errors).toContainEqual({ in: 'body', field: 'vm.gic', message: 'x86_64 has no GIC: vm.gic describes the ARM GICv3 redistributors and ITS, only valid with arch arm64' });
    const misaligned = await stack.api.post<Problem>('/v1/migrations', arm({}, { gic: { its: { deviceTableAddress: 4096 } } }));
    expect(misaligned.status).toBe(400);
    expect(misaligned.body.errors).toContainEqual({
      in: 'body',
      field: 'vm.gic.its.deviceTableAddress',
      message: 'the level-1 ITS device table (GITS_BASER, indirect) at 0x1000 is not 64 KiB-aligned, as the architecture requires',
    });
    const onPoison = await stack.api.post<Problem>('/v1/migrations', arm({}, { poisonedPages: [100], gic: { propertyTableAddress: 0 } }));
    expect(onPoison.status).toBe(400);
    expect(onPoison.body.errors?.[0]).toMatchObject({ field: 'vm.gic.propertyTableAddress', message: expect.stringContaining('overlaps a hardware-poisoned page') });
  });
});

describe('poisoned pages', () => {
  it('are never transferred, and an access gets a machine check, no fetch', async () => {
    const m = done.poisonIntercepted;
    expect(m.status).toBe('succeeded');
    const s = m.summary!;
    expect(s.correct).toBe(true);
    expect(s.poison).toMatchObject({ method: 'uffdio_poison', requestedPages: 4097, unreachablePages: 4097, bytesTransferred: 0, escapes: 0 });
    expect(s.pages.poisoned).toBe(4097);
    expect(s.pages.background + s.pages.demand).toBe(s.pages.total - 4097);
    expect(s.bytes.background).toBeLessThanOrEqual((s.pages.total - 4097) * 4096);
    const mce = await faults(m.id, 'resolution=machine_check');
    expect(mce.length).toBe(Math.min(1000, s.faults.machineChecks));
    expect(mce.length).toBeGreaterThan(0);
    for (const e of mce) expect(e.gfn < 4096 || e.gfn === 9000).toBe(true);
    // No poisoned gfn was ever fetched.
    const onPoison = await faults(m.id, 'gfnMin=0&gfnMax=4095');
    for (const e of onPoison) expect(e.resolution).toBe('machine_check');
  });

  it('a strict policy refuses to migrate, as QEMU does today, and says so', () => {
    const m = done.poisonStrict;
    endedWith(
      m,
      'refused',
      `migration refused (strategy.poisonPolicy strict): the VM has 4097 hardware-poisoned page(s), and QEMU refuses to migrate it ("Can't migrate this vm with hardware poisoned memory, please reboot the vm and try again"); the VM keeps running on the source`,
    );
    expect(m.summary!.poison.refused).toBe(true);
    expect(m.summary!.verdict).toMatch(/^REFUSED, nothing was migrated: migration refused/);
    expect(m.summary!.violationCount).toBe(0);
    expect(m.eventCount).toBe(0);
  });

  it('without RAS support in the guest the machine check cannot be delivered: the VM stops', async () => {
    const m = done.poisonNoRas;
    // Every vCPU blocked when the VM stopped is reported unresolved; the one on a poisoned gfn stopped it.
    const unresolved = await faults(m.id, 'resolution=unresolved');
    expect(unresolved.length).toBeGreaterThan(0);
    const last = unresolved.filter((e) => e.vcpu >= 0 && (e.gfn < 4096 || e.gfn === 9000));
    expect(last).toHaveLength(1);
    endedWith(m, 'vm_lost', `VM stopped: vCPU ${last[0].vcpu} accessed poisoned gfn ${last[0].gfn}, and the guest has no RAS support (vm.ras false), so the machine check (MCE) cannot be delivered`);
  });

  it('none: the access reads the target\'s healthy page: a poison_escape, and the result says it was not correct', () => {
    const m = done.poisonEscape;
    expect(m.status).toBe('succeeded');
    const s = m.summary!;
    expect(s.correct).toBe(false);
    expect(s.poison.escapes).toBeGreaterThan(0);
    expect(s.poison.bytesTransferred).toBe(0);
    expect(s.violationsByKind).toEqual({ poison_escape: s.poison.escapes });
    expect(s.verdict).toMatch(/^NOT CORRECT: the migration completed, but \d+ correctness violation\(s\) occurred \(\d+ poison_escape\)/);
    for (const v of s.violations) {
      expect(v.gfn! < 4096 || v.gfn === 9000).toBe(true);
      expect(v.vcpu).not.toBeNull();
    }
  });

  it('UFFDIO_POISON on a page pre-copy already mapped: -EEXIST, and the guest reads it', () => {
    const s = done.poisonMappedEexist.summary!;
    expect(s.poison).toMatchObject({ mappedAtSwitchover: 4096, eexist: 4096, machineChecks: 0 });
    expect(s.correct).toBe(false);
    expect(s.violations[0].detail).toMatch(/UFFDIO_POISON returned -EEXIST/);
  });

  it('HugeTLB: the blast radius is the whole huge page, and the healthy memory lost is reported', () => {
    const s = done.poisonHugetlb.summary!;
    expect(done.poisonHugetlb.status).toBe('succeeded');
    expect(s.poison).toMatchObject({ requestedPages: 1, unreachablePages: 512, healthyBytesUnreachable: 511 * 4096, blastRadiusBytes: 2 * 2 ** 20 });
  });

  it('are validated: a method the backing does not support, overlaps, beyond memory', async () => {
    const post = (body: unknown) => stack.api.post<Problem>('/v1/migrations', body);
    const anon = await post({ vm: { memoryMiB: 64, vcpus: 1, poisonedPages: [1] }, strategy: { poisonHandling: 'punch_hole' } });
    expect(anon.status).toBe(400);
    expect(anon.body.errors).toContainEqual({
      in: 'body',
      field: 'strategy.poisonHandling',
      message: 'punch_hole uses fallocate(FALLOC_FL_PUNCH_HOLE), which needs a file backing (shmem/tmpfs, hugetlbfs or guest_memfd), not anonymous memory: use zap or uffdio_poison',
    });
    const gmem = await post({ vm: { memoryMiB: 64, vcpus: 1, backing: 'guest_memfd', poisonedPages: [1] }, strategy: { mechanism: 'kvm_userfault', poisonHandling: 'uffdio_poison' } });
    expect(gmem.body.errors?.[0]).toMatchObject({ field: 'strategy.poisonHandling', message: expect.stringMatching(/^uffdio_poison installs a poison marker in the userspace page table/) });
    const dup = await post({ vm: { memoryMiB: 64, vcpus: 1, poisonedPages: [5, { start: 0, count: 8 }] } });
    expect(dup.body.errors).toContainEqual({ in: 'body', field: 'vm.poisonedPages.1', message: 'poisoned entry 1 (gfns 0-7) duplicates or overlaps entry 0: list each poisoned page once' });
    const beyond = await post({ vm: { memoryMiB: 64, vcpus: 1, poisonedPages: [16384] } });
    expect(beyond.body.errors).toContainEqual({ in: 'body', field: 'vm.poisonedPages.0', message: 'poisoned range ends at gfn 16384, beyond guest memory (16384 frames)' });
  });
});

describe('link and source failures', () => {
  it('a broken link pauses post-copy; recovery re-requests the pages in flight and post-copy resumes', () => {
    const m = done.linkRecovered;
    expect(m.status).toBe('succeeded');
    const o = m.summary!.outages;
    expect(o.outcome).toBe('recovered');
    expect(o.pauseNs).toBeGreaterThan(500e6);
    expect(o.rerequestedPages).toBeGreaterThan(0);
    expect(o.resentPages).toBeGreaterThan(0);
    const names = m.summary!.phases.map((p) => p.name);
    expect(names.indexOf('postcopy_paused')).toBeLessThan(names.indexOf('postcopy_recovered'));
    expect(names.indexOf('postcopy_recovered')).toBeLessThan(names.indexOf('completed'));
  });

  it('a source that never returns: the VM is lost, with the pages that never arrived', () => {
    const m = done.sourceLost;
    const missing = m.summary!.pages.missing;
    expect(missing).toBeGreaterThan(0);
    expect(m.summary!.outages).toMatchObject({ outcome: 'lost', pagesNeverArrived: missing });
    endedWith(m, 'vm_lost', `VM lost: the source host failed for good 100 ms after resume (its memory is gone), during post-copy; ${missing} page(s) never reached the target (the source held the rest of the memory)`);
  });
});

describe('hazards surfaced as violations, even when the migration finished', () => {
  it.each([
    ['partialPageRead', 'partial_page_read'],
    ['minorThpBypass', 'minor_thp_bypass'],
    ['zeroPageExposed', 'zero_page_exposed'],
  ] as const)('%s: %s', (name, kind) => {
    const m = done[name];
    expect(m.status).toBe('succeeded');
    const s = m.summary!;
    expect(s.outcome).toBe('completed');
    expect(s.correct).toBe(false);
    expect(s.violationsByKind[kind]).toBeGreaterThan(0);
    expect(s.violationCount).toBe(Object.values(s.violationsByKind).reduce((a, b) => a + b, 0));
    expect(s.verdict).toMatch(new RegExp(`^NOT CORRECT: the migration completed, but ${s.violationCount} correctness violation\\(s\\) occurred \\(.*${kind}`));
    for (const v of s.violations) {
      expect(v.kind).toBe(kind);
      expect(typeof v.atNs).toBe('number');
      expect(v.gfn).not.toBeNull();
    }
  });
});
