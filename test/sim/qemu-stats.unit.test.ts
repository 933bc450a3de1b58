import { describe, expect, it } from 'vitest';
import { bucketOf, LatencyHistogram } from '../../src/sim/stats.js';
import type { MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

/**
 * The statistics QEMU users know (query-migrate / info migrate; docs/model.md, section 8), each
 * pinned against a small spec whose value can be worked out by hand.
 */
const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
const LINK = { bandwidthGbps: 10, rttUs: 100 }; // 1.25 bytes/ns, 50 µs one way
const MiB = 1024 * 1024;

/** One vCPU touching every page in order, no background copy: every frame is one demand request. */
const sequential = (vm: MigrationSpecInput['vm']): MigrationSpecInput => ({
  seed: 1,
  vm,
  workload: { pattern: 'sequential', faultSources: quiet },
  strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: false } },
  network: LINK,
});

/** A guest that (almost) never touches its memory: the background copy moves all of it. */
const idle = (extra: Partial<MigrationSpecInput> = {}): MigrationSpecInput => ({
  seed: 1,
  vm: { memoryMiB: 256, vcpus: 1 },
  workload: { pattern: 'uniform', accessesPerSecond: 1, faultSources: quiet },
  strategy: { mechanism: 'uffd_missing', backgroundCopy: { bandwidthShare: 1 } },
  network: LINK,
  ...extra,
});

describe('setup-time and total-time', () => {
  it('setupNs is the connection of the migration channel: one round trip; total-time includes it', () => {
    const { result: r } = run(sequential({ memoryMiB: 32, vcpus: 1 }));
    expect(r.timing.setupNs).toBe(100_000);
    expect(r.timing.totalNs).toBe(r.timing.setupNs + r.timing.precopyNs + r.timing.downtimeNs + r.timing.postcopyNs);
  });

  it('no setup for a local source (nothing to connect) or a refused migration (refused before setup)', () => {
    expect(run({ seed: 1, vm: { memoryMiB: 32, vcpus: 2 }, workload: { faultSources: quiet }, network: { sourceLocal: true } }).result.timing.setupNs).toBe(0);
    const refused = run({ seed: 1, vm: { memoryMiB: 32, vcpus: 2, poisonedPages: [3] }, strategy: { mechanism: 'uffd_missing', poisonPolicy: 'strict' }, network: LINK }).result;
    expect(refused.timing).toEqual({ totalNs: 0, setupNs: 0, downtimeNs: 0, postcopyNs: 0, precopyNs: 0 });
  });
});

describe('ram: transferred, remaining, total, mbps, postcopy-requests', () => {
  it('32 MiB touched in order with 4 KiB pages: 8192 demand requests, all 32 MiB transferred, nothing remaining', () => {
    const { result: r } = run(sequential({ memoryMiB: 32, vcpus: 1 }));
    expect(r.ram).toMatchObject({ postcopyRequests: 8192, transferredBytes: 32 * MiB, remainingBytes: 0, totalBytes: 32 * MiB });
    expect(r.pages.demand).toBe(8192);
  });

  it('the same on 2 MiB hugetlbfs pages: one request per huge page, 16', () => {
    const { result: r } = run(sequential({ memoryMiB: 32, vcpus: 1, backing: 'hugetlbfs', pageSize: '2M' }));
    expect(r.ram.postcopyRequests).toBe(16);
    expect(r.ram.transferredBytes).toBe(32 * MiB);
  });

  it('a local source sends no request and no byte over a link: mbps 0', () => {
    const { result: r } = run({ seed: 1, vm: { memoryMiB: 32, vcpus: 2 }, workload: { faultSources: quiet }, network: { sourceLocal: true } });
    expect(r.ram).toMatchObject({ postcopyRequests: 0, transferredBytes: 0, throughputMbps: 0 });
  });

  it('mbps: bytes on the wire x 8 over total minus setup; an idle guest copied in the background nearly fills the 10 Gbit/s link', () => {
    const { result: r } = run(idle());
    expect(r.ram.postcopyRequests).toBe(0);
    expect(r.ram.transferredBytes).toBe(256 * MiB);
    // 256 MiB of pages + 1 MiB of device state (device_state_kib 1024) at 10 Gbit/s.
    expect(r.bytesOnWire).toBe(257 * MiB);
    const mbps = (257 * MiB * 8 * 1000) / (r.timing.totalNs - r.timing.setupNs);
    expect(r.ram.throughputMbps).toBe(Math.round(mbps * 1000) / 1000);
    expect(r.ram.throughputMbps).toBeGreaterThan(9_900);
    expect(r.ram.throughputMbps).toBeLessThanOrEqual(10_000);
    // Pure post-copy: every guest page travels in post-copy; the device state is not guest memory.
    expect(r.ram).toMatchObject({ precopyBytes: 0, downtimeBytes: 0, postcopyBytes: 256 * MiB });
  });

  it('precopy-, downtime- and postcopy-bytes: the rounds, the GIC/ITS pre-transfer list sent while paused, the rest', () => {
    const pre = run(idle({ vm: { memoryMiB: 64, vcpus: 1 }, strategy: { mechanism: 'uffd_missing', precopy: { rounds: 2, dirtyRateMiBps: 1024 } } })).result;
    // Round 1: 16384 frames, round 2: the 9449 dirtied meanwhile; the 6445 dirtied in round 2 follow by the background copy.
    expect(pre.ram).toMatchObject({ precopyBytes: (16384 + 9449) * 4096, downtimeBytes: 0, postcopyBytes: 6445 * 4096 });
    const arm = run({
      seed: 21,
      vm: { arch: 'arm64', memoryMiB: 256, vcpus: 8 },
      strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true } },
      network: LINK,
    }).result;
    expect(arm.ram.downtimeBytes).toBe(arm.deviceRestore.preTransferred.bytes);
    expect(arm.ram.downtimeBytes).toBeGreaterThan(0);
    expect(arm.ram.precopyBytes + arm.ram.downtimeBytes + arm.ram.postcopyBytes).toBe(arm.ram.transferredBytes);
  });

  it('remaining: the pages still missing when a limit stopped the run', () => {
    const { result: r } = run({ ...sequential({ memoryMiB: 32, vcpus: 1 }), limits: { maxFaultEvents: 1000 } });
    expect(r.outcome).toBe('truncated');
    expect(r.ram.postcopyRequests).toBeGreaterThanOrEqual(1000);
    expect(r.ram.remainingBytes).toBe(r.pages.missing * 4096);
    expect(r.ram.remainingBytes).toBeGreaterThanOrEqual((8192 - 1001) * 4096);
  });
});

describe('pre-copy rounds', () => {
  it('round 1 sends all memory in memory / bandwidth + one way; the next sends what the guest dirtied meanwhile', () => {
    const { result: r } = run(idle({ vm: { memoryMiB: 64, vcpus: 1 }, strategy: { mechanism: 'uffd_missing', precopy: { rounds: 2, dirtyRateMiBps: 1024 } } }));
    const [one, two] = r.precopyRounds;
    // 64 MiB / 1.25 bytes per ns + 50 µs = 53,737,091.2 ns.
    expect(one).toEqual({ round: 1, pages: 16384, bytes: 64 * MiB, durationNs: 53_737_091, dirtyPages: two.pages });
    // Dirtied during round 1: 16384 x (1 - e^(-rate x duration / 16384)), rate = 1024 MiB/s = 262,144 frames/s.
    expect(two.pages).toBe(Math.round(16384 * (1 - Math.exp((-262_144e-9 * 53_737_091.2) / 16384))));
    expect(two.pages).toBe(9449);
    expect(two).toMatchObject({ round: 2, bytes: 9449 * 4096, durationNs: Math.round((9449 * 4096) / 1.25 + 50_000) });
    // After the last round, its dirty pages are missing at switchover: the rest arrived by pre-copy.
    expect(r.pages.preTransferred).toBe(16384 - two.dirtyPages);
    expect(r.bytes.preTransferred).toBe(one.bytes + two.bytes);
    expect(Math.abs(one.durationNs + two.durationNs - r.timing.precopyNs)).toBeLessThanOrEqual(1);
  });

  it('pure post-copy has none', () => {
    expect(run(idle()).result.precopyRounds).toEqual([]);
  });
});

describe('fault latency: log2 histogram and means', () => {
  it('log2 buckets as bpftrace prints them: [0, 1), [1, 2), [2, 4), ...; mean and count exact', () => {
    const h = new LatencyHistogram();
    for (const v of [0, 1, 2, 3, 4, 7, 8, 1000, 1023, 1024, 5_000_000]) h.addInBucket(bucketOf(v), v);
    expect(h.log2Buckets()).toEqual([
      { lowerNs: 0, upperNs: 1, count: 1 },
      { lowerNs: 1, upperNs: 2, count: 1 },
      { lowerNs: 2, upperNs: 4, count: 2 },
      { lowerNs: 4, upperNs: 8, count: 2 },
      { lowerNs: 8, upperNs: 16, count: 1 },
      { lowerNs: 512, upperNs: 1024, count: 2 },
      { lowerNs: 1024, upperNs: 2048, count: 1 },
      { lowerNs: 4_194_304, upperNs: 8_388_608, count: 1 },
    ]);
    // (0+1+2+3+4+7+8+1000+1023+1024+5,000,000) / 11 = 5,003,072 / 11 = 454,824.7
    expect(h.summary()).toMatchObject({ count: 11, meanNs: 454_825, maxNs: 5_000_000 });
  });

  it('the summary\'s histogram and means are those of the fault events, per vCPU and for non-vCPU threads', () => {
    // Two vCPUs and a vhost thread whose accesses userfaultfd intercepts (non-vCPU faults).
    const { result: r, events } = run({
      seed: 3,
      vm: { memoryMiB: 64, vcpus: 2 },
      workload: { pattern: 'uniform', faultSources: { ...quiet, vhostAccessesPerSecond: 50_000 } },
      strategy: { mechanism: 'uffd_missing' },
      network: LINK,
    });
    const log2 = new Map<number, number>();
    const sums = new Map<number, { sum: number; n: number }>();
    let total = 0;
    for (let i = 0; i < events.n; i++) {
      const lat = events.resolvedAtNs[i] - events.raisedAtNs[i];
      const lower = lat < 1 ? 0 : 2 ** Math.floor(Math.log2(lat));
      log2.set(lower, (log2.get(lower) ?? 0) + 1);
      const s = sums.get(events.vcpu[i]) ?? { sum: 0, n: 0 };
      s.sum += lat;
      s.n++;
      sums.set(events.vcpu[i], s);
      total += lat;
    }
    const mean = (s: { sum: number; n: number } | undefined) => (s ? Math.round(s.sum / s.n) : 0);
    expect(r.faults.latencyLog2).toEqual([...log2].sort((a, b) => a[0] - b[0]).map(([lowerNs, count]) => ({ lowerNs, upperNs: lowerNs === 0 ? 1 : 2 * lowerNs, count })));
    expect(r.faults.latency.meanNs).toBe(Math.round(total / events.n));
    expect(r.faults.meanLatency.perVcpuNs).toEqual([mean(sums.get(0)), mean(sums.get(1))]);
    expect(sums.get(-1)!.n).toBeGreaterThan(0);
    expect(r.faults.meanLatency.nonVcpuNs).toBe(mean(sums.get(-1)));
    expect(r.faults.byPath.vhost_userspace.meanNs).toBe(mean(sums.get(-1)));
  });
});
