import { describe, expect, it } from 'vitest';
import { migrationSpecSchema, RESOLUTIONS, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const spec = (pageSize: '2M' | '1G', hugetlbMapping?: 'huge_page' | 'hgm_4k'): MigrationSpecInput => ({
  seed: 8,
  vm: { memoryMiB: 2048, vcpus: 8, backing: 'hugetlbfs', pageSize },
  workload: { pattern: 'uniform', accessesPerSecond: 200_000 },
  strategy: { mechanism: 'kvm_exit_on_missing', hugetlbMapping },
  network: { bandwidthGbps: 25, rttUs: 50 },
});

describe('KVM exit-on-missing on hugetlbfs', () => {
  for (const [pageSize, frames] of [
    ['2M', 512],
    ['1G', 262144],
  ] as const) {
    it(`${pageSize}: a missing host PTE is filled with the whole huge page`, () => {
      const { result, events } = run(spec(pageSize));
      const exits = events.resolution.flatMap((r, i) => (RESOLUTIONS[r] === 'exit_fetch' ? [i] : []));
      expect(exits.length).toBeGreaterThan(0);
      for (const i of exits) expect(events.pageShift[i]).toBe(pageSize === '2M' ? 21 : 30);
      // Every demand fetch brought whole huge pages, each counted once.
      expect(result.pages.demand % frames).toBe(0);
      expect(result.pages.demand + result.pages.background + result.pages.preTransferred).toBe(result.pages.total);
      // Every demand transfer is a whole huge page (some lose the race to the background copy).
      expect(result.bytes.demand % (frames * 4096)).toBe(0);
      expect(result.bytes.demand).toBeGreaterThanOrEqual(result.pages.demand * 4096);
    });
  }

  it('hgm_4k (high-granularity mapping, chosen explicitly) fills 4 KiB at a time', () => {
    const { result, events } = run(spec('2M', 'hgm_4k'));
    let exits = 0;
    for (let i = 0; i < events.n; i++) {
      if (RESOLUTIONS[events.resolution[i]] !== 'exit_fetch') continue;
      exits++;
      expect(events.pageShift[i]).toBe(12);
    }
    expect(exits).toBeGreaterThan(0);
    // Far less on the wire per fault than with whole 2 MiB pages.
    const whole = run(spec('2M')).result;
    expect(result.bytes.demand % (512 * 4096)).not.toBe(0);
    expect(result.faults.byPath.vcpu_access!.p50Ns).toBeLessThan(whole.faults.byPath.vcpu_access!.p50Ns);
  });

  it('hgm_4k needs hugetlbfs with huge pages', () => {
    const r = migrationSpecSchema.safeParse({ vm: { memoryMiB: 64, vcpus: 1 }, strategy: { hugetlbMapping: 'hgm_4k' } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['strategy.hugetlbMapping']);
  });

  it('the demand paging rate counts 4 KiB frames: a 2 MiB page brought in by a vCPU counts 512', () => {
    const { result, events } = run(spec('2M'));
    const resumed = result.phases.find((p) => p.name === 'resumed')!.atNs;
    const moved = new Set(['uffdio_copy', 'uffdio_continue', 'write_continue', 'exit_fetch']);
    let frames = 0;
    let last = resumed;
    for (let i = 0; i < events.n; i++) {
      if (events.vcpu[i] < 0) continue;
      if (moved.has(RESOLUTIONS[events.resolution[i]])) frames += 2 ** (events.pageShift[i] - 12);
      last = Math.max(last, events.resolvedAtNs[i]);
    }
    expect(frames % 512).toBe(0);
    expect(result.pagingRate.overallPagesPerSec).toBeCloseTo((frames * 1e9) / (last - resumed), 2);
  });
});
