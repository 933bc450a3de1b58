import { describe, expect, it } from 'vitest';
import { createSimulation, migrationSpecSchema, type MigrationOutcome, type MigrationResult, type MigrationSpecInput, type SimulationProgress } from '../../src/sim/index.js';

/** Runs a spec to its end: the result, the last progress snapshot and the number of fault events. */
function simulate(input: MigrationSpecInput): { result: MigrationResult; progress: SimulationProgress; events: number } {
  const sim = createSimulation(migrationSpecSchema.parse(input));
  let events = 0;
  for (let b = sim.next(50_000); b; b = sim.next(50_000)) events += b.length;
  return { result: sim.result(), progress: sim.progress(), events };
}

const small = { memoryMiB: 64, vcpus: 4 };
const net = { bandwidthGbps: 10, rttUs: 100 };

/** What every outcome other than completed has in common: not correct, a reason, a verdict that opens with the outcome. */
function expectNotCompleted(r: MigrationResult, progress: SimulationProgress, outcome: MigrationOutcome, verdictOpening: string): void {
  expect(r.outcome).toBe(outcome);
  expect(r.correct).toBe(false);
  expect(r.failureReason).toBeTruthy();
  expect(r.verdict).toBe(`${verdictOpening}: ${r.failureReason}`);
  expect(r.verdict).not.toMatch(/correctly/);
  expect(r.truncated).toBe(outcome === 'truncated');
  expect(progress.phase).toBe(outcome);
}

describe('how a simulated migration ends (summary.outcome)', () => {
  it('completed: every page arrived; correct, with no failure reason', () => {
    const { result: r, progress } = simulate({ seed: 1, vm: small, strategy: { mechanism: 'uffd_missing' }, network: net });
    expect(r).toMatchObject({ outcome: 'completed', correct: true, failureReason: null, truncated: false, violationCount: 0 });
    expect(r.verdict).toMatch(/^completed correctly: /);
    expect(r.pages.missing).toBe(0);
    expect(r.phases.at(-1)!.name).toBe('completed');
    expect(progress.phase).toBe('completed');
  });

  it('the last progress of a completed migration is at its completion, not at the last internal event drained after it', () => {
    // docs/tour.json's VM: events ran on 32 ms past the completion (copies already in flight), and the
    // CLI showed t=2.378 s beside a total time of 2.346 s.
    const { result: r, progress } = simulate({ seed: 7, vm: { memoryMiB: 4096, vcpus: 8 }, workload: { pattern: 'zipf' }, strategy: { mechanism: 'uffd_missing', handlerThreads: 2 }, network: { bandwidthGbps: 25, rttUs: 50 } });
    expect(progress.simTimeNs).toBe(r.phases.find((p) => p.name === 'completed')!.atNs);
    expect(r.timing.totalNs).toBe(r.timing.setupNs + r.timing.precopyNs + progress.simTimeNs);
  });

  it('vm_lost: the source fails for good during post-copy', () => {
    const { result: r, progress } = simulate({
      seed: 6,
      vm: { memoryMiB: 1024, vcpus: 4 },
      workload: { pattern: 'uniform' },
      strategy: { mechanism: 'uffd_missing' },
      network: { ...net, failures: [{ component: 'source', afterResumeMs: 100 }] },
    });
    expectNotCompleted(r, progress, 'vm_lost', 'VM LOST, the migration did not complete');
    expect(r.failureReason).toMatch(/^VM lost: the source host failed for good 100 ms after resume/);
    expect(r.pages.missing).toBeGreaterThan(0);
    expect(r.phases.at(-1)!.name).toBe('vm_lost');
  });

  it('vm_lost: the GIC/ITS restore fails (-EBUSY), and the violation is in the verdict', () => {
    const { result: r, progress } = simulate({
      seed: 3,
      vm: { arch: 'arm64', memoryMiB: 128, vcpus: 4 },
      strategy: { mechanism: 'kvm_exit_on_missing', deviceRestore: { vcpuStart: 'before_restore_tables' } },
      network: net,
    });
    expect(r.deviceRestore.errno).toBe('-EBUSY');
    expect(r.violationsByKind).toEqual({ restore_failure: 1 });
    expect(r).toMatchObject({ outcome: 'vm_lost', correct: false, truncated: false });
    expect(r.verdict).toBe(`VM LOST, the migration did not complete: ${r.failureReason}; and NOT CORRECT: 1 correctness violation(s) (1 restore_failure)`);
    expect(progress.phase).toBe('vm_lost');
  });

  it('refused: a strict poison policy moves nothing, and a refusal never reads as correct', () => {
    const { result: r, progress, events } = simulate({ seed: 2, vm: { ...small, poisonedPages: [{ start: 10, count: 3 }] }, strategy: { mechanism: 'uffd_missing', poisonPolicy: 'strict' }, network: net });
    expectNotCompleted(r, progress, 'refused', 'REFUSED, nothing was migrated');
    expect(r.violationCount).toBe(0);
    expect(events).toBe(0);
    expect(r.bytesOnWire).toBe(0);
    expect(r.phases).toEqual([{ name: 'migration_refused', atNs: 0 }]);
  });

  it('truncated: limits.maxFaultEvents stops the run after exactly that many events', () => {
    const { result: r, progress, events } = simulate({ seed: 41, vm: { memoryMiB: 1024, vcpus: 32 }, workload: { pattern: 'uniform', accessesPerSecond: 1_000_000 }, strategy: { mechanism: 'uffd_missing' }, network: net, limits: { maxFaultEvents: 500 } });
    expectNotCompleted(r, progress, 'truncated', 'TRUNCATED, a limit stopped the run before the migration completed');
    expect(events).toBe(500);
    expect(r.faults.total).toBe(500);
    expect(r.failureReason).toBe('limit: reached limits.maxFaultEvents (500) before the migration finished');
    expect(r.phases.at(-1)!.name).toBe('truncated');
  });

  it('truncated: limits.maxSimulatedSeconds stops post-copy at that time', () => {
    const { result: r, progress } = simulate({ seed: 5, vm: { memoryMiB: 1024, vcpus: 4 }, strategy: { mechanism: 'uffd_missing' }, network: net, limits: { maxSimulatedSeconds: 0.01 } });
    expectNotCompleted(r, progress, 'truncated', 'TRUNCATED, a limit stopped the run before the migration completed');
    expect(r.failureReason).toMatch(/^limit: simulated time exceeded limits.maxSimulatedSeconds \(0.01 s\)/);
    expect(r.timing.postcopyNs).toBe(10_000_000);
  });

  it('aborted: the link fails during pre-copy, or while the target loads the device state; the VM stays on the source', () => {
    const precopy = simulate({
      seed: 6,
      vm: small,
      strategy: { mechanism: 'uffd_missing', precopy: { rounds: 2, dirtyRateMiBps: 256 } },
      network: { ...net, failures: [{ atMs: -10, durationMs: 50 }] },
    });
    expectNotCompleted(precopy.result, precopy.progress, 'aborted', 'ABORTED, the VM stays on the source');
    expect(precopy.result.failureReason).toMatch(/^migration aborted: .* the VM keeps running on the source$/);
    expect(precopy.result.phases.at(-1)!.name).toBe('migration_aborted');
    const loading = simulate({ seed: 6, vm: small, strategy: { mechanism: 'uffd_missing' }, network: { ...net, failures: [{ atMs: 10, durationMs: 50 }] } });
    expectNotCompleted(loading.result, loading.progress, 'aborted', 'ABORTED, the VM stays on the source');
    expect(loading.result.failureReason).toMatch(/the target cannot start .* the VM stays paused on the source/);
  });

  it('stalled: no background copy and pages nobody touches never arrive', () => {
    const { result: r, progress } = simulate({ seed: 43, vm: { memoryMiB: 32, vcpus: 2 }, workload: { pattern: 'zipf', workingSetMiB: 8 }, strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: false } }, network: net });
    expectNotCompleted(r, progress, 'stalled', 'STALLED, the migration could not complete');
    expect(r.failureReason).toBe(`migration cannot complete: ${r.pages.missing} pages never reached the target (background copy disabled and no further access faults on them)`);
    expect(r.pages.missing).toBeGreaterThan(0);
    expect(r.phases.at(-1)!.name).toBe('stalled');
  });
});
