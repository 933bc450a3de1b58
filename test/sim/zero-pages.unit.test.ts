/**
 * Zero pages (vm.zeroPageFraction; docs/model.md, section 5b): sent as a flag, not 4 KiB, and
 * installed with UFFDIO_ZEROPAGE (no copy) — or, where the kernel has no such ioctl, as it would.
 */
import { describe, expect, it } from 'vitest';
import { COST_DEFS, type MigrationSpecInput } from '../../src/sim/index.js';
import { ZeroPages } from '../../src/sim/zero-pages.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };

const remote = (zeroPageFraction: number, over: Partial<MigrationSpecInput> = {}): MigrationSpecInput => ({
  seed: 21,
  vm: { memoryMiB: 256, vcpus: 4, zeroPageFraction },
  workload: { pattern: 'zipf', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 10, rttUs: 50 },
  ...over,
});

/** demand_paging_test on a local source: every fault is one install, nothing on a wire. */
const local = (zeroPageFraction: number, mechanism: 'uffd_missing' | 'kvm_exit_on_missing', pageSize: '4K' | '2M' = '4K'): MigrationSpecInput => ({
  seed: 2,
  vm: { memoryMiB: 16, vcpus: 1, zeroPageFraction, pageSize, backing: pageSize === '4K' ? 'anonymous' : 'hugetlbfs' },
  workload: { pattern: 'demand_paging_test', accessesPerSecond: 1e9, thinkTimeNs: 0, faultSources: quiet },
  strategy: { mechanism, backgroundCopy: { enabled: false } },
  network: { sourceLocal: true },
});

const meanLatency = (spec: MigrationSpecInput) => {
  const { events } = run(spec);
  let sum = 0;
  for (let i = 0; i < events.n; i++) sum += events.resolvedAtNs[i] - events.raisedAtNs[i];
  return sum / events.n;
};

describe('zero pages', () => {
  it('are a fixed, scattered share of memory, whole backing pages at a time', () => {
    const z = new ZeroPages(0.3, 1, 1);
    const n = 1 << 18;
    expect(z.countZero(0, n) / n).toBeCloseTo(0.3, 2);
    expect(new ZeroPages(0.3, 1, 1).countZero(0, n)).toBe(z.countZero(0, n)); // the same set for the same seed
    expect(new ZeroPages(0.3, 2, 1).countZero(0, 4096)).not.toBe(z.countZero(0, 4096));
    const huge = new ZeroPages(0.5, 1, 512);
    expect(huge.countZero(0, 512 * 64) % 512).toBe(0);
    expect(huge.countZero(100, 612)).toBe((huge.isZero(100) ? 412 : 0) + (huge.isZero(512) ? 100 : 0));
    expect(new ZeroPages(0, 1, 1).countZero(0, n)).toBe(0);
    expect(new ZeroPages(1, 1, 1).countZero(0, n)).toBe(n);
  });

  // Fewer bytes on the wire and a shorter post-copy: the trend check zero-pages-cut-wire (src/validation/trends.ts).
  it('travel as a 9-byte flag instead of 4 KiB', () => {
    const none = run(remote(0)).result;
    const some = run(remote(0.5)).result;
    const p = some.pages;
    expect(none.pages.sentAsZero).toBe(0);
    expect(p.sentAsZero / p.total).toBeGreaterThan(0.45);
    expect(p.sentAsZero / p.total).toBeLessThan(0.55);
    // Every frame travelled once, by background copy or demand fetch: data pages 4 KiB, zero pages 9 bytes.
    expect(p.background + p.demand).toBe(p.total);
    // (A page both fetched and pushed in a -EEXIST race travelled twice.)
    const once = (p.total - p.sentAsZero) * 4096 + p.sentAsZero * 9;
    const sent = some.bytes.background + some.bytes.demand;
    expect(sent).toBeGreaterThanOrEqual(once);
    expect(sent - once).toBeLessThanOrEqual(some.faults.eexistRaces * 4096);
  });

  it('a zero page answered on demand is not delayed by 4 KiB of serialisation (preempt channel, slow link)', () => {
    const p50 = (z: number) => run(remote(z, { network: { bandwidthGbps: 0.1, rttUs: 50, postcopyPreempt: true } })).result.faults.byPath.vcpu_access.p50Ns;
    // 4 KiB at 100 Mbit/s is 328 µs on the wire; the flag ~1 µs.
    expect(p50(0) - p50(1)).toBeGreaterThan(300_000);
  });

  it('UFFDIO_ZEROPAGE instead of UFFDIO_COPY: each zero-page install saves the copy', () => {
    const saved = COST_DEFS.uffdio_copy_4k_ns.default - COST_DEFS.uffdio_zeropage_4k_ns.default;
    expect(saved).toBeGreaterThan(0);
    expect(meanLatency(local(0, 'uffd_missing')) - meanLatency(local(1, 'uffd_missing'))).toBeCloseTo(saved, 0);
    // A KVM exit installs through the uffd mode (missing on anonymous memory): the same saving.
    expect(meanLatency(local(0, 'kvm_exit_on_missing')) - meanLatency(local(1, 'kvm_exit_on_missing'))).toBeCloseTo(saved, 0);
  });

  it('hugetlbfs has no UFFDIO_ZEROPAGE: a zero huge page is installed by copying a zeroed page (same cost)', () => {
    expect(meanLatency(local(1, 'uffd_missing', '2M'))).toBe(meanLatency(local(0, 'uffd_missing', '2M')));
  });

  it('KVM userfault with no userfaultfd writes nothing for a zero page: the kernel hands out zeroed memory', () => {
    const spec = (z: number): MigrationSpecInput => ({
      seed: 4,
      vm: { memoryMiB: 64, vcpus: 2, backing: 'guest_memfd', zeroPageFraction: z },
      workload: { pattern: 'zipf', faultSources: quiet },
      strategy: { mechanism: 'kvm_userfault', uffdMode: 'none' },
      network: { bandwidthGbps: 25, rttUs: 20, postcopyPreempt: true },
      // A slow fill (400 µs per page) makes the write the VMM skips visible.
      costs: { page_cache_write_per_kib_ns: 100_000 },
    });
    const p50 = (z: number) => run(spec(z)).result.faults.byMechanism.kvm_userfault.p50Ns;
    expect(p50(0) - p50(1)).toBeGreaterThan(350_000);
  });

  it('pre-copy sends the zero pages in round 1 as flags; what it leaves missing was dirtied, so holds data', () => {
    const spec = (z: number) => remote(z, { strategy: { mechanism: 'uffd_missing', precopy: { rounds: 2, dirtyRateMiBps: 100 } } });
    const none = run(spec(0)).result;
    const half = run(spec(0.5)).result;
    expect(half.bytes.preTransferred).toBeLessThan(0.6 * none.bytes.preTransferred);
    expect(half.timing.precopyNs).toBeLessThan(0.6 * none.timing.precopyNs);
    const zeroInRound1 = new ZeroPages(0.5, 21, 1).countZero(0, half.pages.total);
    expect(half.pages.sentAsZero).toBe(zeroInRound1);
    expect(half.bytes.background + half.bytes.demand).toBe((half.pages.background + half.pages.demand) * 4096);
  });

  it('a vhost access the kernel zero-fills (uffdMode none) is no violation when the page was zero on the source', () => {
    const spec = (z: number): MigrationSpecInput => ({
      seed: 8,
      vm: { memoryMiB: 64, vcpus: 2, backing: 'shmem', zeroPageFraction: z },
      workload: { pattern: 'uniform', faultSources: { ...quiet, vhostAccessesPerSecond: 20_000 } },
      strategy: { mechanism: 'kvm_userfault', uffdMode: 'none' },
      network: { bandwidthGbps: 10, rttUs: 50 },
    });
    const data = run(spec(0)).result;
    expect(data.violationsByKind.zero_page_exposed).toBeGreaterThan(0);
    const half = run(spec(0.5)).result;
    const zero = new ZeroPages(0.5, 8, 1);
    // Half the pages the kernel filled were zero on the source: only the others are violations.
    expect(half.violationCount).toBeGreaterThan(0);
    expect(half.violations.every((v) => v.kind === 'zero_page_exposed' && !zero.isZero(v.gfn!))).toBe(true);
    expect(half.pages.zeroFilled).toBeGreaterThan(1.5 * half.violationCount);
  });
});
