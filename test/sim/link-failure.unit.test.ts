import { describe, expect, it } from 'vitest';
import { RESOLUTIONS, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const spec = (linkFailure?: { afterResumeMs: number; outageMs: number; recover: boolean }): MigrationSpecInput => ({
  seed: 6,
  vm: { memoryMiB: 1024, vcpus: 4 },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true, linkFailure },
});

describe('link failure during post-copy', () => {
  it('postcopy-paused then recovered: faults stall across the outage and the migration completes', () => {
    const base = run(spec()).result;
    const { result, events } = run(spec({ afterResumeMs: 100, outageMs: 500, recover: true }));
    expect(result.outcome).toBe('completed');
    expect(result.correct).toBe(true);
    expect(result.linkFailure.outcome).toBe('recovered');
    const names = result.phases.map((p) => p.name);
    expect(names).toContain('postcopy_paused');
    expect(names).toContain('postcopy_recovered');
    expect(result.timing.postcopyNs).toBeGreaterThan(base.timing.postcopyNs + 500e6);
    // Some fault spans the whole outage.
    let longest = 0;
    for (let i = 0; i < events.n; i++) longest = Math.max(longest, events.resolvedAtNs[i] - events.raisedAtNs[i]);
    expect(longest).toBeGreaterThan(500e6);
    expect(result.pages.background + result.pages.demand).toBe(result.pages.total);
  });

  it('without recovery the VM is lost, and the stalled faults are reported as unresolved', () => {
    const { result, events } = run(spec({ afterResumeMs: 100, outageMs: 0, recover: false }));
    expect(result.outcome).toBe('failed');
    expect(result.linkFailure.outcome).toBe('lost');
    expect(result.failureReason).toMatch(/VM is lost/);
    expect(result.pages.missing).toBeGreaterThan(0);
    let unresolved = 0;
    for (let i = 0; i < events.n; i++) if (RESOLUTIONS[events.resolution[i]] === 'unresolved') unresolved++;
    expect(unresolved).toBeGreaterThan(0);
    expect(unresolved).toBeLessThanOrEqual(4);
  });

  it('a failure after the migration completed changes nothing', () => {
    const { result } = run(spec({ afterResumeMs: 3_600_000, outageMs: 10, recover: false }));
    expect(result.outcome).toBe('completed');
    expect(result.linkFailure.outcome).toBe('not_reached');
  });
});
