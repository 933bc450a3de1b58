import { describe, expect, it } from 'vitest';
import { RESOLUTIONS, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

type Failure = { component?: 'link' | 'source'; afterResumeMs: number; durationMs?: number };
const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const spec = (failures: Failure[] = [], postcopyRecovery = true): MigrationSpecInput => ({
  seed: 6,
  vm: { memoryMiB: 1024, vcpus: 4 },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true, failures, postcopyRecovery },
});

describe('link and source failures during post-copy', () => {
  it('postcopy-paused then recovered: faults stall across the outage, in-flight pages are re-requested and re-sent', () => {
    const base = run(spec()).result;
    const { result, events } = run(spec([{ afterResumeMs: 100, durationMs: 500 }]));
    expect(result.outcome).toBe('completed');
    expect(result.correct).toBe(true);
    const o = result.outages;
    expect(o.outcome).toBe('recovered');
    const names = result.phases.map((p) => p.name);
    expect(names).toContain('postcopy_paused');
    expect(names).toContain('postcopy_recovered');
    const paused = result.phases.find((p) => p.name === 'postcopy_paused')!.atNs;
    const recovered = result.phases.find((p) => p.name === 'postcopy_recovered')!.atNs;
    // The pause lasts the outage plus recovery (channels, then the received-pages bitmap).
    expect(o.pauseNs).toBe(recovered - paused);
    expect(o.pauseNs).toBeGreaterThan(500e6 + 50e6);
    expect(o.events).toEqual([{ component: 'link', atNs: paused, durationNs: 500e6, recoveredAtNs: recovered, outcome: 'recovered' }]);
    expect(o.rerequestedPages).toBeGreaterThan(0);
    expect(o.resentPages).toBeGreaterThan(0);
    expect(result.bytes.resent).toBe(o.resentPages * 4096);
    expect(result.timing.postcopyNs).toBeGreaterThan(base.timing.postcopyNs + 500e6);
    // Blocktime grows: some fault spans the whole pause.
    let longest = 0;
    for (let i = 0; i < events.n; i++) longest = Math.max(longest, events.resolvedAtNs[i] - events.raisedAtNs[i]);
    expect(longest).toBeGreaterThan(500e6);
    expect(result.blocktime.totalNs).toBeGreaterThan(base.blocktime.totalNs + 500e6);
    expect(result.pages.background + result.pages.demand).toBe(result.pages.total);
  });

  it('what was queued on the socket at the failure is lost and sent again: the copier does not know the failure in advance', () => {
    const withBuffer = (kib: number, postcopyPreempt: boolean) => {
      const base = spec([{ afterResumeMs: 100, durationMs: 200 }]);
      return run({ ...base, network: { ...base.network, postcopyPreempt }, costs: { send_buffer_kib: kib } }).result;
    };
    for (const preempt of [false, true]) {
      const full = withBuffer(12_800, preempt);
      const small = withBuffer(1_024, preempt);
      for (const [r, kib] of [[full, 12_800], [small, 1_024]] as const) {
        expect(r.outcome).toBe('completed');
        expect(r.correct).toBe(true);
        // Every page of the socket buffer the copier kept filled (between 2/3 of it, where a blocked writer is woken, and all
        // of it), plus what was on the wire (one chunk and a one-way latency at most). With preempt the demand pages'
        // connection takes part of the wire, so the buffer (kept in ns of the whole link) holds less.
        const buffered = (kib * 1024) / 4096;
        expect(r.outages.resentPages).toBeGreaterThanOrEqual(preempt ? 0.5 * (2 / 3) * buffered : (2 / 3) * buffered);
        expect(r.outages.resentPages).toBeLessThanOrEqual(buffered + 256 + 2 * 256);
        expect(r.bytes.resent).toBe(r.outages.resentPages * 4096);
        // Cut chunks are not installed: every frame is still counted once, and the wire carried the cut bytes twice.
        expect(r.pages.background + r.pages.demand).toBe(r.pages.total);
        expect(r.bytesOnWire).toBe(r.bytes.background + r.bytes.demand + r.bytes.deviceState + r.bytes.resent);
        expect(r.bytes.background + r.bytes.demand).toBeGreaterThanOrEqual(r.pages.total * 4096);
      }
    }
  });

  it('a demand page cut by the failure is requested again after recovery, and its vCPU stays blocked until it arrives', () => {
    const { result, events } = run(spec([{ afterResumeMs: 100, durationMs: 300 }]));
    const paused = result.phases.find((p) => p.name === 'postcopy_paused')!.atNs;
    const recovered = result.phases.find((p) => p.name === 'postcopy_recovered')!.atNs;
    expect(result.outages.rerequestedPages).toBeGreaterThan(0);
    let acrossThePause = 0;
    for (let i = 0; i < events.n; i++) {
      const raised = events.raisedAtNs[i];
      const resolved = events.resolvedAtNs[i];
      // Nothing is resolved by a transfer during the pause: a fault raised before it and not served by then waits past recovery
      // (a page that had arrived before the failure is still installed and its waiters woken: a few us).
      if (raised < paused && resolved > paused + 20_000) {
        acrossThePause++;
        expect(resolved).toBeGreaterThan(recovered);
      }
    }
    expect(acrossThePause).toBeGreaterThan(0);
  });

  it('an unresponsive source pauses post-copy the same way; overlapping failures pause once', () => {
    const { result } = run(spec([{ component: 'source', afterResumeMs: 50, durationMs: 200 }, { afterResumeMs: 100, durationMs: 100 }]));
    expect(result.outcome).toBe('completed');
    expect(result.outages.outcome).toBe('recovered');
    expect(result.outages.events.map((e) => e.component)).toEqual(['source', 'link']);
    expect(result.phases.filter((p) => p.name === 'postcopy_paused')).toHaveLength(1);
    const first = result.outages.events[0];
    expect(result.outages.pauseNs).toBe(first.recoveredAtNs! - first.atNs!);
  });

  it('a source that never returns loses the VM, with the number of pages that never arrived', () => {
    const { result, events } = run(spec([{ component: 'source', afterResumeMs: 100 }]));
    expect(result.outcome).toBe('vm_lost');
    expect(result.outages.outcome).toBe('lost');
    const lost = result.pages.missing;
    expect(lost).toBeGreaterThan(0);
    expect(result.outages.pagesNeverArrived).toBe(lost);
    expect(result.failureReason).toBe(`VM lost: the source host failed for good 100 ms after resume (its memory is gone), during post-copy; ${lost} page(s) never reached the target (the source held the rest of the memory)`);
    let unresolved = 0;
    for (let i = 0; i < events.n; i++) if (RESOLUTIONS[events.resolution[i]] === 'unresolved') unresolved++;
    expect(unresolved).toBeGreaterThan(0);
    expect(unresolved).toBeLessThanOrEqual(4);
  });

  it('a link that never comes back, or no migrate-recover, loses the VM too', () => {
    const forGood = run(spec([{ afterResumeMs: 100 }])).result;
    expect(forGood.failureReason).toMatch(/^VM lost: the link to the source failed for good 100 ms after resume, during post-copy; \d+ page\(s\) never reached the target/);
    const noRecovery = run(spec([{ afterResumeMs: 100, durationMs: 10 }], false)).result;
    expect(noRecovery.outcome).toBe('vm_lost');
    expect(noRecovery.failureReason).toMatch(/^VM lost: the link to the source failed 100 ms after resume and postcopy recovery is disabled \(network.postcopyRecovery false\)/);
  });

  it('a failure after the migration completed changes nothing', () => {
    const { result } = run(spec([{ afterResumeMs: 3_600_000 }]));
    expect(result.outcome).toBe('completed');
    expect(result.outages.outcome).toBe('not_reached');
    expect(result.outages.pauseNs).toBe(0);
  });
});
