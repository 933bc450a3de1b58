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
  });

  // A blocked sendmsg() returns when a third of the send buffer has drained (sk_stream_write_space),
  // not when one background chunk fits: with the default 13 MiB buffer that is 3.6 ms at 10 Gbit/s,
  // several 1 MiB chunks (839 us each), and the wait scales with the buffer.
  const thirdOfBufferNs = (kib: number) => (kib * 1024 * 8) / 10 / 3;
  it('the migration thread waits for a third of the socket buffer to drain, more than one chunk', () => {
    const full = run(spec({ postcopyPreempt: true })).result.faults.byPath.vcpu_access;
    const orig = run(spec({ postcopyPreempt: true, preemptSender: 'migration_thread' })).result.faults.byPath.vcpu_access;
    expect(orig.maxNs).toBeGreaterThan(full.maxNs + 2 * 838_861);
    expect(orig.maxNs).toBeLessThan(full.maxNs + thirdOfBufferNs(13_312) + 838_861);
    const small = { ...spec({ postcopyPreempt: true, preemptSender: 'migration_thread' }), costs: { send_buffer_kib: 3_072 } };
    const smallMax = run(small).result.faults.byPath.vcpu_access.maxNs;
    expect(smallMax).toBeLessThan(full.maxNs + thirdOfBufferNs(3_072) + 838_861);
    expect(smallMax).toBeLessThan(orig.maxNs / 2);
  });

  it("[PX]'s shape: most urgent pages are fast, a share waits 2-4 ms for the blocked migration thread", () => {
    const one: MigrationSpecInput = {
      seed: 3,
      vm: { memoryMiB: 4096, vcpus: 1 },
      workload: { pattern: 'uniform', writeRatio: 1, accessesPerSecond: 1e7, thinkTimeNs: 0, faultSources: quiet },
      strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: true, order: 'near_recent_faults' } },
      network: { bandwidthGbps: 10, rttUs: 100, postcopyPreempt: true, preemptSender: 'migration_thread' },
    };
    const r = run(one).result;
    const total = r.faults.latency.count;
    const share = (lo: number, hi: number) => r.faults.latencyLog2.filter((b) => b.lowerNs >= lo && b.upperNs <= hi).reduce((s, b) => s + b.count, 0) / total;
    expect(share(0, 262_144)).toBeGreaterThan(0.6);
    expect(share(2_097_152, 4_194_304)).toBeGreaterThan(0.05);
    expect(share(2_097_152, 4_194_304)).toBeLessThan(0.3);
  });

  it('a paced copy leaves the socket room: the migration thread is never blocked in sendmsg()', () => {
    const paced = (preemptSender: 'return_path' | 'migration_thread') => {
      const s = spec({ postcopyPreempt: true, preemptSender });
      return run({ ...s, strategy: { ...s.strategy, backgroundCopy: { enabled: true, bandwidthShare: 0.5 } } }).result.faults.byPath.vcpu_access;
    };
    expect(paced('migration_thread').maxNs).toBeLessThan(paced('return_path').maxNs + 838_861);
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
