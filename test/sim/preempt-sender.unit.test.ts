import { describe, expect, it } from 'vitest';
import type { MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const spec = (network: MigrationSpecInput['network'], background = true): MigrationSpecInput => ({
  seed: 12,
  vm: { memoryMiB: 2048, vcpus: 8 },
  workload: { pattern: 'uniform', accessesPerSecond: 50_000, faultSources: quiet },
  strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: background } },
  network: { bandwidthGbps: 10, rttUs: 50, ...network },
});

describe('which source thread sends urgent pages (network.preemptSender)', () => {
  it('return_path is the default; the migration thread adds a tail while the background stream fills the socket', () => {
    const byDefault = run(spec({ postcopyPreempt: true })).result;
    expect(run(spec({ postcopyPreempt: true, preemptSender: 'return_path' })).result).toEqual(byDefault);
    const original = run(spec({ postcopyPreempt: true, preemptSender: 'migration_thread' })).result;
    expect(original.outcome).toBe('completed');
    const full = byDefault.faults.byPath.vcpu_access;
    const orig = original.faults.byPath.vcpu_access;
    expect(orig.p99Ns).toBeGreaterThan(2 * full.p99Ns);
    // The wait is at most one background write: a 1 MiB chunk at 10 Gbit/s (839 us), plus what queued behind it.
    expect(orig.maxNs).toBeLessThan(full.maxNs + 2 * 838_861);
  });

  it('changes nothing without preempt, without a background copy, or with multifd channels carrying the post-copy stream (its own threads write it)', () => {
    const same = (network: MigrationSpecInput['network'], background = true) =>
      expect(run(spec({ ...network, preemptSender: 'migration_thread' }, background)).result).toEqual(run(spec({ ...network, preemptSender: 'return_path' }, background)).result);
    same({ postcopyPreempt: false });
    same({ postcopyPreempt: true }, false);
    same({ postcopyPreempt: true, multifdChannels: 4, multifdInPostcopy: true });
  });

  it("with QEMU's multifd (channels stop at the switch to post-copy) the migration thread writes the background stream again: preempt + multifd is preempt alone", () => {
    for (const preemptSender of ['return_path', 'migration_thread'] as const) {
      const multifd = run(spec({ postcopyPreempt: true, preemptSender, multifdChannels: 4 })).result;
      expect(multifd).toEqual(run(spec({ postcopyPreempt: true, preemptSender })).result);
    }
    const thread = run(spec({ postcopyPreempt: true, preemptSender: 'migration_thread', multifdChannels: 4 })).result.faults.byPath.vcpu_access;
    const inPostcopy = run(spec({ postcopyPreempt: true, preemptSender: 'migration_thread', multifdChannels: 4, multifdInPostcopy: true })).result.faults.byPath.vcpu_access;
    expect(thread.p99Ns).toBeGreaterThan(2 * inPostcopy.p99Ns);
  });
});
