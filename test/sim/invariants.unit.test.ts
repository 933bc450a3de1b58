import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_PATHS, MECHANISMS, RESOLUTIONS, migrationResultSchema, migrationSpecSchema, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

/** Random small configurations; the schema filters out the combinations the kernel does not support. */
const configArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    mechanism: fc.constantFrom(...MECHANISMS),
    backing: fc.constantFrom('anonymous', 'shmem', 'hugetlbfs', 'guest_memfd'),
    pageSize: fc.constantFrom('4K', '4K', '2M', '1G'),
    uffdMode: fc.constantFrom(undefined, 'missing', 'minor', 'write_continue', 'none'),
    arch: fc.constantFrom('x86_64', 'arm64'),
    restorePre: fc.constantFrom(false, true),
    restoreCoverage: fc.constantFrom(1, 0.5),
    gmemCheck: fc.boolean(),
    thp: fc.constantFrom(false, false, true),
    linkFailure: fc.constantFrom(undefined, { afterResumeMs: 5, outageMs: 20, recover: true }, { afterResumeMs: 2, outageMs: 0, recover: false }),
    memoryUnits: fc.integer({ min: 1, max: 4 }),
    vcpus: fc.integer({ min: 1, max: 12 }),
    pattern: fc.constantFrom('uniform', 'zipf', 'sequential', 'random_walk', 'demand_paging_test'),
    wsFraction: fc.constantFrom(undefined, 0.25, 0.5),
    background: fc.boolean(),
    bgShare: fc.constantFrom(1, 0.5),
    order: fc.constantFrom('sequential', 'near_recent_faults'),
    preempt: fc.boolean(),
    local: fc.boolean(),
    precopyRounds: fc.constantFrom(0, 0, 1, 3),
    handlers: fc.integer({ min: 1, max: 6 }),
    nested: fc.boolean(),
    vhost: fc.constantFrom(0, 0, 5000),
    emulation: fc.constantFrom(0, 200, 20000),
    kvmUser: fc.constantFrom(0, 1000),
    rate: fc.constantFrom(1e4, 1e5, 1e6),
    think: fc.constantFrom(0, 1000, 50_000),
    bandwidth: fc.constantFrom(1, 10, 100),
    rtt: fc.constantFrom(10, 100, 1000),
    poison: fc.constantFrom(0, 0, 1, 20),
    poisonHandling: fc.constantFrom('uffdio_poison', 'zap', 'punch_hole', 'none'),
  })
  .map((c): MigrationSpecInput => {
    const unitMiB = c.pageSize === '1G' ? 1024 : 64;
    const memoryMiB = unitMiB * c.memoryUnits;
    return {
      seed: c.seed,
      vm: {
        arch: c.arch as 'arm64',
        memoryMiB,
        vcpus: c.vcpus,
        pageSize: c.pageSize as '4K',
        backing: c.backing as 'shmem',
        nested: c.nested,
        thp: c.thp && (c.backing === 'anonymous' || c.backing === 'shmem') && c.pageSize === '4K',
        khugepagedCollapsesPerSecond: 50,
        poisonedPages: Array.from({ length: c.poison }, (_, i) => (i % 3 === 0 ? { start: (i * 7919) % (memoryMiB * 200), count: 3 } : (i * 104729) % (memoryMiB * 256))),
      },
      workload: {
        pattern: c.pattern as 'uniform',
        workingSetMiB: c.wsFraction ? Math.max(1, Math.floor(memoryMiB * c.wsFraction)) : undefined,
        accessesPerSecond: c.rate,
        thinkTimeNs: c.think,
        faultSources: { vhostAccessesPerSecond: c.vhost, instructionEmulationPerSecond: c.emulation, kvmUserAccessPerSecond: c.kvmUser },
      },
      strategy: {
        mechanism: c.mechanism,
        uffdMode: c.uffdMode as 'minor' | undefined,
        handlerThreads: c.handlers,
        poisonHandling: c.poisonHandling as 'zap',
        gmemUptodateCheck: c.gmemCheck,
        deviceRestore: { preTransfer: c.restorePre, preTransferCoverage: c.restoreCoverage },
        backgroundCopy: { enabled: c.background, bandwidthShare: c.bgShare, order: c.order as 'sequential' },
        precopy: { rounds: c.local ? 0 : c.precopyRounds, dirtyRateMiBps: 512 },
      },
      network: { bandwidthGbps: c.bandwidth, rttUs: c.rtt, postcopyPreempt: c.preempt && !c.local, sourceLocal: c.local, linkFailure: c.local ? undefined : c.linkFailure },
      limits: { maxFaultEvents: 40_000, maxSimulatedSeconds: 600 },
    };
  })
  .filter((s) => migrationSpecSchema.safeParse(s).success);

function checkInvariants(spec: MigrationSpecInput, batch: number): void {
  const { events, result } = run(spec, batch);
  const parsed = migrationSpecSchema.parse(spec);
  // The result is JSON-clean and valid.
  expect(migrationResultSchema.safeParse(result).success).toBe(true);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  // No correctness violation (the engine self-checks that nothing runs on a missing page), except
  // the ones the configuration asks for: poison escapes with poisonHandling "none", zero pages and
  // restore failures when only the vCPU path is covered (uffdMode "none").
  const allowed = new Set<string>();
  if (parsed.strategy.poisonHandling === 'none') allowed.add('poison_escape');
  if (!parsed.strategy.gmemUptodateCheck) allowed.add('partial_page_read');
  if (parsed.vm.thp) allowed.add('minor_thp_bypass');
  if (parsed.strategy.uffdMode === 'none') {
    allowed.add('zero_page_exposed');
    allowed.add('restore_failure');
  }
  const escapes = result.violations.filter((v) => v.kind === 'poison_escape').length;
  expect(result.violations.filter((v) => !allowed.has(v.kind))).toEqual([]);
  expect(result.correct).toBe(result.violations.length === 0);
  if (result.violations.some((v) => v.kind === 'restore_failure')) expect(result.outcome).toBe('failed');
  expect(result.violationCount).toBeGreaterThanOrEqual(result.violations.length);
  if (result.violationCount === result.violations.length) expect(escapes).toBe(result.faults.byResolution.poison_escape ?? 0);
  expect(result.faults.machineChecks).toBe(result.faults.byResolution.machine_check ?? 0);
  // Every non-poisoned page ends on the target exactly once; a poisoned page never travels.
  const p = result.pages;
  expect(p.background + p.demand + p.preTransferred + p.missing + p.poisoned + p.zeroFilled).toBe(p.total);
  expect(result.deviceRestore.faults).toBeLessThanOrEqual(result.deviceRestore.pages);
  if (result.outcome === 'completed') expect(p.missing).toBe(0);
  else expect(result.failureReason).toBeTruthy();
  // Totals equal sums over the events.
  expect(result.faults.total).toBe(events.n);
  expect(result.faults.latency.count).toBe(events.n);
  const byPath = new Map<string, number>();
  const byMech = new Map<string, number>();
  const byRes = new Map<string, number>();
  const block = new Array<number>(parsed.vm.vcpus).fill(0);
  const lastResolved = new Array<number>(parsed.vm.vcpus).fill(-Infinity);
  const order = events.raisedAtNs.map((_, i) => i).sort((a, b) => events.raisedAtNs[a] - events.raisedAtNs[b]);
  let maxLat = 0;
  const bad: string[] = [];
  for (const i of order) {
    const lat = events.resolvedAtNs[i] - events.raisedAtNs[i];
    // A fault is resolved after it was raised.
    if (!(lat >= 0)) bad.push(`event ${i}: resolved before raised`);
    maxLat = Math.max(maxLat, lat);
    byPath.set(FAULT_PATHS[events.path[i]], (byPath.get(FAULT_PATHS[events.path[i]]) ?? 0) + 1);
    byMech.set(MECHANISMS[events.mechanism[i]], (byMech.get(MECHANISMS[events.mechanism[i]]) ?? 0) + 1);
    byRes.set(RESOLUTIONS[events.resolution[i]], (byRes.get(RESOLUTIONS[events.resolution[i]]) ?? 0) + 1);
    const v = events.vcpu[i];
    if (v < -1 || v >= parsed.vm.vcpus) bad.push(`event ${i}: vcpu ${v}`);
    if (![12, 21, 30].includes(events.pageShift[i])) bad.push(`event ${i}: pageShift`);
    if (!(events.gfn[i] >= 0 && events.gfn[i] < p.total)) bad.push(`event ${i}: gfn out of range`);
    if (v >= 0) {
      // Time never goes backwards for a vCPU: it stalls on one fault at a time.
      if (events.raisedAtNs[i] < lastResolved[v]) bad.push(`event ${i}: vCPU ${v} raised a fault while stalled`);
      lastResolved[v] = events.resolvedAtNs[i];
      block[v] += lat;
    }
    if (bad.length > 5) break;
  }
  expect(bad).toEqual([]);
  for (const [k, n] of byPath) expect(result.faults.byPath[k]?.count).toBe(n);
  for (const [k, n] of byMech) expect(result.faults.byMechanism[k]?.count).toBe(n);
  for (const [k, n] of byRes) expect(result.faults.byResolution[k]).toBe(n);
  expect(Object.values(result.faults.byResolution).reduce((a, b) => a + b, 0)).toBe(events.n);
  for (let v = 0; v < block.length; v++) expect(result.blocktime.perVcpuNs[v]).toBeCloseTo(block[v], 0);
  expect(result.blocktime.totalNs).toBeCloseTo(block.reduce((a, b) => a + b, 0), -1);
  expect(result.faults.latency.maxNs).toBeCloseTo(maxLat, 2);
  // Timing is consistent.
  expect(result.timing.totalNs).toBeCloseTo(result.timing.precopyNs + result.timing.downtimeNs + result.timing.postcopyNs, -1);
}

describe('invariants of domain.md section 7 on random configurations', () => {
  it('hold for every supported configuration', () => {
    fc.assert(
      fc.property(configArb, fc.constantFrom(1000, 4096, 50_000), (spec, batch) => {
        checkInvariants(spec, batch);
      }),
      { numRuns: 100, seed: 20240601 },
    );
  });

  it('are deterministic across batch sizes on random configurations', () => {
    fc.assert(
      fc.property(configArb, (spec) => {
        const a = run(spec, 333);
        const b = run(spec, 100_000);
        expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result));
        expect(b.events.resolvedAtNs).toEqual(a.events.resolvedAtNs);
        expect(b.events.gfn).toEqual(a.events.gfn);
      }),
      { numRuns: 20, seed: 7 },
    );
  });
});
