import { describe, expect, it } from 'vitest';
import { DEMAND_PAGING_SCALING } from '../../src/validation/calibration-tables.js';
import { run } from './helpers.js';

/** ns per fault of one vCPU under exit-on-missing (demand_paging_test, 8 MiB per vCPU, local source). */
function perFaultNs(vcpus: number, costs: Record<string, number> = {}): number {
  const spec = { ...DEMAND_PAGING_SCALING.spec(vcpus, 'kvm_exit_on_missing', 8), costs };
  return (vcpus * 1e9) / run(spec).result.pagingRate.overallPagesPerSec;
}

describe('install contention: cache lines move inside one last-level cache, then between caches', () => {
  it('each doubling of installing threads costs the in-cache bounce up to llc_cpus, the cross-cache bounce beyond', () => {
    const [t4, t8, t16] = [4, 8, 16].map((n) => perFaultNs(n));
    // [AM]: +1.5 us per fault from 4 to 8 vCPUs, +3.6 us from 8 to 16 (the step grows past 8).
    expect(t8 - t4).toBeGreaterThan(1_000);
    expect(t8 - t4).toBeLessThan(1_400);
    expect((t16 - t8) / (t8 - t4)).toBeGreaterThan(2.5);
  });

  it('with one cache for all threads the growth is one log2 step per doubling again', () => {
    const flat = { llc_cpus: 1024 };
    const [t4, t8, t16] = [4, 8, 16].map((n) => perFaultNs(n, flat));
    expect((t16 - t8) / (t8 - t4)).toBeGreaterThan(0.8);
    expect((t16 - t8) / (t8 - t4)).toBeLessThan(1.2);
  });
});
