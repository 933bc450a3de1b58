import { createSimulation, migrationSpecSchema, type FaultEventBatch, type MigrationResult, type MigrationSpecInput, type Violation } from '../../src/sim/index.js';

export interface Collected {
  n: number;
  vcpu: number[];
  thread: number[];
  gfn: number[];
  pageShift: number[];
  write: number[];
  path: number[];
  mechanism: number[];
  resolution: number[];
  raisedAtNs: number[];
  resolvedAtNs: number[];
  firstSeqs: number[];
}

function collect(batches: Iterable<FaultEventBatch>): Collected {
  const c: Collected = { n: 0, vcpu: [], thread: [], gfn: [], pageShift: [], write: [], path: [], mechanism: [], resolution: [], raisedAtNs: [], resolvedAtNs: [], firstSeqs: [] };
  for (const b of batches) {
    c.firstSeqs.push(b.firstSeq);
    for (let i = 0; i < b.length; i++) {
      c.vcpu.push(b.vcpu[i]);
      c.thread.push(b.thread[i]);
      c.gfn.push(b.gfn[i]);
      c.pageShift.push(b.pageShift[i]);
      c.write.push(b.write[i]);
      c.path.push(b.path[i]);
      c.mechanism.push(b.mechanism[i]);
      c.resolution.push(b.resolution[i]);
      c.raisedAtNs.push(b.raisedAtNs[i]);
      c.resolvedAtNs.push(b.resolvedAtNs[i]);
    }
    c.n += b.length;
  }
  return c;
}

/** Runs a spec to its end: its fault events, its summary and every recorded violation. */
export function run(input: MigrationSpecInput, batch = 10_000): { events: Collected; result: MigrationResult; violations: readonly Violation[] } {
  const sim = createSimulation(migrationSpecSchema.parse(input));
  const batches: FaultEventBatch[] = [];
  for (let b = sim.next(batch); b; b = sim.next(batch)) batches.push(b);
  return { events: collect(batches), result: sim.result(), violations: sim.violations() };
}

export const SMALL: MigrationSpecInput = {
  seed: 42,
  vm: { arch: 'x86_64', memoryMiB: 256, vcpus: 4 },
  workload: { pattern: 'zipf' },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 25, rttUs: 50 },
};

/**
 * The guest_memfd write() + UFFDIO_CONTINUE race (003_): KVM userfault serves the vCPUs' stage-2
 * faults; the vhost thread's accesses go through the userspace mapping and its MISSING
 * registration. A slow page-cache fill widens the write() window (of demand fetches and of the
 * background copy) so that those accesses to hot pages hit it.
 */
export const gmemRaceSpec = (gmemUptodateCheck: boolean): MigrationSpecInput => ({
  seed: 6,
  vm: { memoryMiB: 64, vcpus: 16, backing: 'guest_memfd' },
  workload: {
    pattern: 'uniform',
    workingSetMiB: 16,
    accessesPerSecond: 1e6,
    thinkTimeNs: 0,
    faultSources: { vhostAccessesPerSecond: 1e6, instructionEmulationPerSecond: 20_000, kvmUserAccessPerSecond: 10_000 },
  },
  strategy: { mechanism: 'kvm_userfault', uffdMode: 'write_continue', gmemUptodateCheck },
  network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true },
  costs: { page_cache_write_per_kib_ns: 5_000 },
});
