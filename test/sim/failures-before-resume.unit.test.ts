import { describe, expect, it } from 'vitest';
import { migrationSpecSchema, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

type Failure = { component?: 'link' | 'source'; atMs?: number; afterResumeMs?: number; durationMs?: number };
const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const spec = (failures: Failure[], opts: { rounds?: number; arch?: 'x86_64' | 'arm64' } = {}): MigrationSpecInput => ({
  seed: 6,
  vm: { arch: opts.arch ?? 'x86_64', memoryMiB: 1024, vcpus: 4 },
  workload: { pattern: 'uniform', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing', precopy: { rounds: opts.rounds ?? 0, dirtyRateMiBps: 256 } },
  network: { bandwidthGbps: 10, rttUs: 50, failures },
});
const phase = (r: { phases: { name: string; atNs: number }[] }, name: string) => r.phases.find((p) => p.name === name)?.atNs;

describe('failures before the vCPUs run on the target (network.failures[].atMs)', () => {
  it('during pre-copy the migration is aborted and the VM keeps running on the source; the rounds stop at the failure', () => {
    const full = run(spec([], { rounds: 2 })).result;
    const { result } = run(spec([{ atMs: -50, durationMs: 100 }], { rounds: 2 }));
    expect(result.outcome).toBe('aborted');
    expect(result.correct).toBe(false);
    expect(result.verdict).toMatch(/^ABORTED, the VM stays on the source: migration aborted: the link to the target failed \(down 100 ms\) during pre-copy round 2, 50 ms before the planned switchover; .*the VM keeps running on the source$/);
    // The source never paused: no downtime, no post-copy; pre-copy ran from its start until the failure.
    expect(result.timing.downtimeNs).toBe(0);
    expect(result.timing.postcopyNs).toBe(0);
    expect(result.phases.map((p) => p.name)).toEqual(['precopy_round_1', 'precopy_round_2', 'migration_aborted']);
    expect(phase(result, 'migration_aborted')).toBe(-50e6);
    expect(result.timing.precopyNs).toBe(full.timing.precopyNs - 50e6);
    expect(result.precopyRounds[0]).toEqual(full.precopyRounds[0]);
    expect(result.precopyRounds[1].bytes).toBeLessThan(full.precopyRounds[1].bytes);
    expect(result.bytes.preTransferred).toBe(result.precopyRounds[0].bytes + result.precopyRounds[1].bytes);
    expect(result.outages.outcome).toBe('aborted');
    expect(result.outages.events).toEqual([{ component: 'link', atNs: -50e6, durationNs: 100e6, recoveredAtNs: null, outcome: 'aborted' }]);
    expect(result.faults.total).toBe(0);
  });

  it('a source that fails for good during pre-copy takes the VM with it', () => {
    const { result } = run(spec([{ component: 'source', atMs: -50 }], { rounds: 2 }));
    expect(result.outcome).toBe('vm_lost');
    expect(result.failureReason).toMatch(/^VM lost: the source host failed for good during pre-copy round 2, .*the VM was running on it/);
    expect(phase(result, 'vm_lost')).toBe(-50e6);
  });

  it('during the switchover (device state sent or loaded) the target cannot start: aborted, the VM stays paused on the source', () => {
    const normal = run(spec([])).result;
    const sent = phase(normal, 'device_state_sent')!;
    const resumed = phase(normal, 'resumed')!;
    const during = (atMs: number) => run(spec([{ atMs, durationMs: 100 }])).result;
    const sending = during(sent / 2e6);
    expect(sending.outcome).toBe('aborted');
    expect(sending.failureReason).toMatch(/while the device state was being sent; the target cannot start/);
    const loading = during((sent + resumed) / 2e6);
    expect(loading.failureReason).toMatch(/while the target was loading the device state; the target cannot start .* the VM stays paused on the source with its state intact/);
    for (const r of [sending, loading]) {
      // Nothing after the failure happened: no resume, and downtime ends at the abort.
      expect(r.phases.map((p) => p.name)).not.toContain('resumed');
      const at = phase(r, 'migration_aborted')!;
      expect(r.timing.downtimeNs).toBe(at);
      expect(r.timing.postcopyNs).toBe(0);
      expect(r.pages.missing).toBeGreaterThan(0);
    }
    // Recovery does not apply, whatever the duration or postcopyRecovery.
    expect(run(spec([{ atMs: (sent + resumed) / 2e6 }])).result.outcome).toBe('aborted');
    // A source lost for good during the switchover loses the VM.
    const lost = run(spec([{ component: 'source', atMs: (sent + resumed) / 2e6 }])).result;
    expect(lost.outcome).toBe('vm_lost');
    expect(lost.failureReason).toMatch(/the VM was paused on it and the target had not started/);
  });

  it('during the GIC/ITS restore on arm64 (part of loading the device state) as well', () => {
    const normal = run(spec([], { arch: 'arm64' })).result;
    const started = phase(normal, 'device_restore_started')!;
    const resumed = phase(normal, 'resumed')!;
    expect(resumed).toBeGreaterThan(started);
    const { result } = run(spec([{ atMs: (started + resumed) / 2e6, durationMs: 10 }], { arch: 'arm64' }));
    expect(result.outcome).toBe('aborted');
    expect(result.failureReason).toMatch(/during the GIC\/ITS restore on the target/);
    // The restore did not finish: the step under way at the failure never ended.
    expect(normal.deviceRestore.outcome).toBe('ok');
    expect(result.deviceRestore.outcome).toBe('failed');
    expect(result.deviceRestore.steps.some((st) => st.startNs !== null && st.endNs === null)).toBe(true);
  });

  it('atMs after resume is a post-copy failure, the same as afterResumeMs', () => {
    const resumed = phase(run(spec([])).result, 'resumed')!;
    const byPause = run(spec([{ atMs: (resumed + 100e6) / 1e6, durationMs: 100 }])).result;
    const byResume = run(spec([{ afterResumeMs: 100, durationMs: 100 }])).result;
    expect(byPause.outcome).toBe('completed');
    expect(byPause.outages).toEqual(byResume.outages);
    expect(byPause.timing).toEqual(byResume.timing);
  });

  it('asks for exactly one of afterResumeMs and atMs, and pre-copy for a negative atMs', () => {
    const problems = (failures: Failure[], rounds = 0) => {
      const r = migrationSpecSchema.safeParse(spec(failures, { rounds }));
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems([{ durationMs: 5 }])).toEqual(['network.failures.0.afterResumeMs: give exactly one of afterResumeMs (after resume) and atMs (from the pause, t = 0)']);
    expect(problems([{ afterResumeMs: 1, atMs: 1 }])).toEqual(['network.failures.0.atMs: give exactly one of afterResumeMs (after resume) and atMs (from the pause, t = 0)']);
    expect(problems([{ atMs: -1 }])[0]).toMatch(/^network.failures.0.atMs: a negative atMs is a failure during pre-copy: it needs strategy.precopy.rounds >= 1/);
    expect(problems([{ atMs: -1 }], 1)).toEqual([]);
  });
});
