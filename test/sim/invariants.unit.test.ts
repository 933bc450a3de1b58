import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAULT_PATHS, MAX_RECORDED_VIOLATIONS, MECHANISMS, RESOLUTIONS, VIOLATION_SAMPLE_SIZE, migrationResultSchema, migrationSpecSchema, type MigrationOutcome, type MigrationSpec, type MigrationSpecInput } from '../../src/sim/index.js';
import { placePoisonEntries } from '../../src/sim/poison.js';
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
    gic: fc.option(
      fc.record({
        deviceTable: fc.constantFrom('two_level', 'flat'),
        devices: fc.uniqueArray(fc.record({ deviceId: fc.integer({ min: 0, max: 65535 }), events: fc.integer({ min: 1, max: 40 }) }), { maxLength: 4, selector: (d) => d.deviceId }),
        badCollection: fc.constantFrom(false, false, false, true),
      }),
      { nil: undefined },
    ),
    restorePre: fc.constantFrom(false, true),
    missingDevice: fc.boolean(),
    vcpuStart: fc.constantFrom('after_restore', 'after_restore', 'after_restore', 'before_restore_tables'),
    gmemCheck: fc.boolean(),
    thp: fc.constantFrom(false, false, true),
    failures: fc.constantFrom(
      [],
      [],
      [{ afterResumeMs: 5, durationMs: 20 }],
      [{ component: 'source', afterResumeMs: 1, durationMs: 5 }, { afterResumeMs: 3, durationMs: 50 }],
      [{ afterResumeMs: 2 }],
      [{ component: 'source', afterResumeMs: 4 }],
      [{ atMs: 5, durationMs: 20 }],
      [{ atMs: -1, durationMs: 5 }],
      [{ component: 'source', atMs: 10 }],
    ),
    postcopyRecovery: fc.constantFrom(true, true, false),
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
    poisonDuringPrecopy: fc.boolean(),
    poisonHandling: fc.constantFrom(undefined, 'uffdio_poison', 'zap', 'punch_hole', 'none'),
    poisonPolicy: fc.constantFrom('intercept', 'intercept', 'intercept', 'strict'),
    ras: fc.constantFrom(true, true, false),
    zero: fc.constantFrom(0, 0, 0.3),
    multifd: fc.constantFrom(1, 1, 4),
    multifdInPostcopy: fc.boolean(),
    poisonPlacement: fc.constantFrom('gfn', 'gfn', 'hot'),
    asyncPf: fc.constantFrom(false, false, true),
    userModeShare: fc.constantFrom(1, 0.5),
  })
  .map((c): MigrationSpecInput => {
    const unitMiB = c.pageSize === '1G' ? 1024 : 64;
    const memoryMiB = unitMiB * c.memoryUnits;
    const precopyRounds = c.local ? 0 : c.precopyRounds;
    const devices = c.gic?.devices ?? [];
    return {
      seed: c.seed,
      vm: {
        arch: c.arch as 'arm64',
        memoryMiB,
        vcpus: c.vcpus,
        pageSize: c.pageSize as '4K',
        backing: c.backing as 'shmem',
        nested: c.nested,
        ras: c.ras,
        zeroPageFraction: c.zero,
        poisonPlacement: c.poisonPlacement as 'gfn',
        thp: c.thp && (c.backing === 'anonymous' || c.backing === 'shmem') && c.pageSize === '4K',
        khugepagedCollapsesPerSecond: 50,
        // Disjoint: entry i covers [i * stride, i * stride + 3).
        poisonedPages: Array.from({ length: c.poison }, (_, i) => {
          const stride = Math.floor((memoryMiB * 256) / 24);
          return i % 3 === 0 ? { start: i * stride, count: 3, poisonedDuringPrecopy: c.poisonDuringPrecopy && precopyRounds > 0 } : i * stride + 1;
        }),
        gic:
          c.arch === 'arm64' && c.gic
            ? {
                its: {
                  deviceTable: c.gic.deviceTable as 'flat',
                  devices,
                  collections: c.gic.badCollection ? [{ id: 0, targetVcpu: c.vcpus }] : undefined,
                },
              }
            : undefined,
      },
      workload: {
        pattern: c.pattern as 'uniform',
        workingSetMiB: c.wsFraction ? Math.max(1, Math.floor(memoryMiB * c.wsFraction)) : undefined,
        accessesPerSecond: c.rate,
        thinkTimeNs: c.think,
        // Async page faults where they exist: x86, a uffd mechanism, a link.
        asyncPageFaults: c.asyncPf && c.arch === 'x86_64' && !c.local && !c.mechanism.startsWith('kvm_'),
        userModeShare: c.userModeShare,
        faultSources: { vhostAccessesPerSecond: c.vhost, instructionEmulationPerSecond: c.emulation, kvmUserAccessPerSecond: c.kvmUser },
      },
      strategy: {
        mechanism: c.mechanism,
        uffdMode: c.uffdMode as 'minor' | undefined,
        handlerThreads: c.handlers,
        poisonHandling: c.poisonHandling as 'zap' | undefined,
        poisonPolicy: c.poisonPolicy as 'strict',
        gmemUptodateCheck: c.gmemCheck,
        deviceRestore: {
          preTransfer: c.restorePre,
          preTransferMissingDevices: c.restorePre && c.missingDevice && devices.length > 0 ? [devices[0].deviceId] : [],
          vcpuStart: c.vcpuStart as 'after_restore',
        },
        backgroundCopy: { enabled: c.background, bandwidthShare: c.bgShare, order: c.order as 'sequential' },
        precopy: { rounds: precopyRounds, dirtyRateMiBps: 512 },
      },
      network: {
        bandwidthGbps: c.bandwidth,
        rttUs: c.rtt,
        postcopyPreempt: c.preempt && !c.local,
        sourceLocal: c.local,
        failures: c.local ? [] : (c.failures as unknown as { afterResumeMs: number }[]),
        postcopyRecovery: c.postcopyRecovery,
        multifdChannels: c.multifd,
        multifdInPostcopy: c.multifdInPostcopy,
      },
      limits: { maxFaultEvents: 40_000, maxSimulatedSeconds: 600 },
    };
  })
  .filter((s) => migrationSpecSchema.safeParse(s).success);

/** Violations a configuration deliberately allows (the hazards of docs/hazards.md); none with safe settings. */
function allowedViolations(spec: MigrationSpec): Set<string> {
  const allowed = new Set<string>();
  const s = spec.strategy;
  const method = s.poisonHandling ?? (spec.vm.backing === 'guest_memfd' ? 'punch_hole' : 'uffdio_poison');
  const mappedPoison = spec.vm.poisonedPages.some((p) => typeof p !== 'number' && p.poisonedDuringPrecopy);
  if (method === 'none' || (mappedPoison && (method === 'uffdio_poison' || (method === 'zap' && spec.vm.backing === 'shmem')))) allowed.add('poison_escape');
  if (!s.gmemUptodateCheck) allowed.add('partial_page_read');
  if (spec.vm.thp) allowed.add('minor_thp_bypass');
  if (s.uffdMode === 'none') {
    allowed.add('zero_page_exposed');
    allowed.add('its_state_lost');
  }
  const gic = spec.vm.gic;
  if (s.deviceRestore.vcpuStart === 'before_restore_tables' || gic?.its.collections?.some((c) => c.targetVcpu >= spec.vm.vcpus)) allowed.add('restore_failure');
  return allowed;
}

/** Safe settings: every hazard switched off (the property below: then no violation ever happens). */
function safe(spec: MigrationSpecInput): MigrationSpecInput {
  const parsed = migrationSpecSchema.parse(spec);
  const gic = parsed.vm.gic;
  return {
    ...spec,
    vm: {
      ...spec.vm,
      thp: false,
      poisonedPages: parsed.vm.poisonedPages.map((p) => (typeof p === 'number' ? p : { start: p.start, count: p.count })),
      gic: gic ? { ...gic, its: { ...gic.its, collections: undefined } } : undefined,
    },
    strategy: {
      ...spec.strategy,
      uffdMode: parsed.strategy.uffdMode === 'none' ? undefined : parsed.strategy.uffdMode,
      poisonHandling: parsed.strategy.poisonHandling === 'none' ? undefined : parsed.strategy.poisonHandling,
      gmemUptodateCheck: true,
      deviceRestore: { ...parsed.strategy.deviceRestore, vcpuStart: 'after_restore' },
    },
  };
}

const VERDICT_OPENING: Record<MigrationOutcome, RegExp> = {
  completed: /^(completed correctly|NOT CORRECT: the migration completed)/,
  vm_lost: /^VM LOST, the migration did not complete: /,
  refused: /^REFUSED, nothing was migrated: /,
  aborted: /^ABORTED, the VM stays on the source: /,
  truncated: /^TRUNCATED, a limit stopped the run before the migration completed: /,
  stalled: /^STALLED, the migration could not complete: /,
};
const FAILURE_REASON: Record<Exclude<MigrationOutcome, 'completed'>, RegExp> = {
  vm_lost: /^(VM lost|VM stopped|device-state restore failed)/,
  refused: /^migration refused/,
  aborted: /^migration aborted/,
  truncated: /^limit: /,
  stalled: /^migration cannot complete/,
};

function checkInvariants(spec: MigrationSpecInput, batch: number): void {
  const { events, result, violations } = run(spec, batch);
  const parsed = migrationSpecSchema.parse(spec);
  // The result is JSON-clean and valid.
  expect(migrationResultSchema.safeParse(result).success).toBe(true);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  // No correctness violation (the engine self-checks that nothing runs on a missing page and that
  // no poisoned page is sent), except the hazards the configuration asks for.
  const allowed = allowedViolations(parsed);
  const escapes = violations.filter((v) => v.kind === 'poison_escape').length;
  expect(violations.filter((v) => !allowed.has(v.kind))).toEqual([]);
  // The summary's sample is the first recorded ones; every one is recorded up to the cap.
  expect(result.violations).toEqual(violations.slice(0, VIOLATION_SAMPLE_SIZE));
  expect(result.violationsRecorded).toBe(Math.min(result.violationCount, MAX_RECORDED_VIOLATIONS));
  expect(violations.length).toBe(result.violationsRecorded);
  // Only a completed migration without violations is correct; the verdict opens with the outcome and its reason.
  expect(result.correct).toBe(result.outcome === 'completed' && result.violationCount === 0);
  expect(result.verdict).toMatch(VERDICT_OPENING[result.outcome]);
  if (result.violationCount > 0) expect(result.verdict).toMatch(/NOT CORRECT/);
  if (result.outcome !== 'completed') {
    expect(result.failureReason).toMatch(FAILURE_REASON[result.outcome]);
    expect(result.verdict).toContain(result.failureReason);
  }
  expect(result.truncated).toBe(result.outcome === 'truncated');
  if (violations.some((v) => v.kind === 'restore_failure')) {
    expect(result.outcome).toBe('vm_lost');
    expect(result.deviceRestore.errno).toMatch(/^-E(FAULT|INVAL|BUSY)$/);
  }
  expect(result.violationCount).toBeGreaterThanOrEqual(violations.length);
  expect(Object.values(result.violationsByKind).reduce((a, b) => a + b, 0)).toBe(result.violationCount);
  if (result.violationCount === violations.length) expect(escapes).toBe(result.faults.byResolution.poison_escape ?? 0);
  expect(result.faults.machineChecks).toBe(result.faults.byResolution.machine_check ?? 0);
  // Every non-poisoned page ends on the target exactly once; a poisoned page never travels.
  const p = result.pages;
  expect(p.background + p.demand + p.preTransferred + p.missing + p.poisoned + p.zeroFilled).toBe(p.total);
  expect(result.poison.bytesTransferred).toBe(0);
  expect(result.poison.unreachablePages).toBe(p.poisoned);
  expect(result.poison.healthyBytesUnreachable).toBe((p.poisoned - result.poison.requestedPages) * 4096);
  const b = result.bytes;
  expect(result.bytesOnWire).toBe(b.background + b.demand + b.preTransferred + b.deviceState + b.resent);
  if (parsed.vm.zeroPageFraction === 0) expect(p.sentAsZero).toBe(0);
  // QEMU's statistics agree with the rest of the result.
  expect(result.ram.transferredBytes).toBe(result.bytesOnWire - b.deviceState);
  expect(result.ram.precopyBytes + result.ram.downtimeBytes + result.ram.postcopyBytes).toBe(result.ram.transferredBytes);
  expect(result.ram.remainingBytes).toBe(p.missing * 4096);
  expect(result.ram.totalBytes).toBe(p.total * 4096);
  expect(result.faults.latencyLog2.reduce((n, x) => n + x.count, 0)).toBe(result.faults.total);
  expect(result.faults.meanLatency.perVcpuNs).toHaveLength(parsed.vm.vcpus);
  expect(result.precopyRounds).toHaveLength(result.outcome === 'refused' ? 0 : parsed.strategy.precopy.rounds);
  expect(result.precopyRounds.reduce((n, x) => n + x.bytes, 0)).toBeLessThanOrEqual(b.preTransferred);
  const dr = result.deviceRestore;
  expect(dr.faults).toBeLessThanOrEqual(dr.reads + 1);
  expect(dr.pagesRead).toBeLessThanOrEqual(dr.reads);
  expect(dr.stallNs).toBeLessThanOrEqual(dr.timeNs + 1);
  if (parsed.vm.arch === 'x86_64') expect(dr.outcome).toBe('none');
  if (dr.outcome === 'failed') expect(result.phases.map((x) => x.name)).not.toContain('resumed');
  if (result.poison.refused) expect(events.n).toBe(0);
  if (result.outcome === 'completed') expect(p.missing).toBe(0);
  else expect(result.failureReason).toBeTruthy();
  if (result.outages.outcome === 'lost') expect(result.outages.pagesNeverArrived).toBe(p.missing);
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
  const unit = parsed.vm.backing === 'hugetlbfs' ? { '4K': 1, '2M': 512, '1G': 262144 }[parsed.vm.pageSize] : 1;
  const placed = placePoisonEntries(parsed.vm.poisonedPages, parsed.vm.poisonPlacement, {
    frames: p.total,
    workingSetFrames: Math.min(p.total, (parsed.workload.workingSetMiB ?? parsed.vm.memoryMiB) * 256),
    hugeFrames: unit,
    pattern: parsed.workload.pattern,
    seed: parsed.seed,
  });
  const ranges = placed.map((x) => (typeof x === 'number' ? [x, x + 1] : [x.start, x.start + x.count])).map(([a, z]) => [a - (a % unit), Math.ceil(z / unit) * unit]);
  const poisoned = (g: number): boolean => ranges.some(([a, z]) => g >= a && g < z);
  for (const i of order) {
    const lat = events.resolvedAtNs[i] - events.raisedAtNs[i];
    // A fault is resolved after it was raised.
    if (!(lat >= 0)) bad.push(`event ${i}: resolved before raised`);
    maxLat = Math.max(maxLat, lat);
    byPath.set(FAULT_PATHS[events.path[i]], (byPath.get(FAULT_PATHS[events.path[i]]) ?? 0) + 1);
    byMech.set(MECHANISMS[events.mechanism[i]], (byMech.get(MECHANISMS[events.mechanism[i]]) ?? 0) + 1);
    byRes.set(RESOLUTIONS[events.resolution[i]], (byRes.get(RESOLUTIONS[events.resolution[i]]) ?? 0) + 1);
    // A poisoned gfn is never fetched: a machine check, -EFAULT to a kernel access, an escape, or the VM was lost meanwhile.
    if (poisoned(events.gfn[i]) && !['machine_check', 'efault', 'poison_escape', 'unresolved'].includes(RESOLUTIONS[events.resolution[i]])) bad.push(`event ${i}: poisoned gfn ${events.gfn[i]} resolved by ${RESOLUTIONS[events.resolution[i]]}`);
    const v = events.vcpu[i];
    if (v < -1 || v >= parsed.vm.vcpus) bad.push(`event ${i}: vcpu ${v}`);
    if (![12, 21, 30].includes(events.pageShift[i])) bad.push(`event ${i}: pageShift`);
    if (!(events.gfn[i] >= 0 && events.gfn[i] < p.total)) bad.push(`event ${i}: gfn out of range`);
    // An async page fault does not stall its vCPU (workload.asyncPageFaults): not in its blocktime.
    if (v >= 0 && FAULT_PATHS[events.path[i]] !== 'async_page_fault') {
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
  // The no-post-copy baseline never takes longer than the run did.
  const bl = result.baseline;
  for (let v = 0; v < parsed.vm.vcpus; v++) expect(bl.perVcpuNs[v]).toBeLessThanOrEqual(bl.postcopyPerVcpuNs[v]);
  if (result.slowdown !== null) expect(result.slowdown).toBeGreaterThanOrEqual(1);
  // Timing is consistent.
  expect(result.timing.totalNs).toBeCloseTo(result.timing.setupNs + result.timing.precopyNs + result.timing.downtimeNs + result.timing.postcopyNs, -1);
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

  it('with safe settings no correctness violation ever happens, and poisoned pages never travel', () => {
    fc.assert(
      fc.property(configArb, (spec) => {
        const s = safe(spec);
        const { result, events, violations } = run(s, 50_000);
        expect(violations).toEqual([]);
        expect(result.violationCount).toBe(0);
        // Safe settings rule out violations, not a VM lost to a failure or a run stopped by a limit.
        expect(result.correct).toBe(result.outcome === 'completed');
        expect(result.poison.bytesTransferred).toBe(0);
        expect(result.poison.escapes).toBe(0);
        // Every poisoned frame is accounted as poisoned, never as arrived.
        expect(result.pages.poisoned).toBe(result.poison.unreachablePages);
        for (let i = 0; i < events.n; i++) expect(RESOLUTIONS[events.resolution[i]]).not.toMatch(/^(poison_escape|zero_fill|partial_read)$/);
      }),
      { numRuns: 60, seed: 424242 },
    );
  });

  it('the random configurations cover the hazards (the properties above are not vacuous)', () => {
    const specs = fc.sample(configArb, { numRuns: 200, seed: 20240601 }).map((x) => migrationSpecSchema.parse(x));
    const count = (f: (s: MigrationSpec) => boolean): number => specs.filter(f).length;
    const coverage = {
      arm64: count((s) => s.vm.arch === 'arm64'),
      gicDevices: count((s) => (s.vm.gic?.its.devices?.length ?? 0) > 0),
      inconsistentGic: count((s) => s.vm.gic?.its.collections !== undefined),
      preTransferIncomplete: count((s) => s.strategy.deviceRestore.preTransferMissingDevices.length > 0),
      vcpusEarly: count((s) => s.vm.arch === 'arm64' && s.strategy.deviceRestore.vcpuStart === 'before_restore_tables'),
      failures: count((s) => s.network.failures.length > 0),
      permanentFailure: count((s) => s.network.failures.some((f) => f.durationMs === undefined)),
      poisoned: count((s) => s.vm.poisonedPages.length > 0),
      poisonedDuringPrecopy: count((s) => s.vm.poisonedPages.some((p) => typeof p !== 'number' && p.poisonedDuringPrecopy)),
      strict: count((s) => s.vm.poisonedPages.length > 0 && s.strategy.poisonPolicy === 'strict'),
      noRas: count((s) => s.vm.poisonedPages.length > 0 && !s.vm.ras),
      hugetlbPoison: count((s) => s.vm.poisonedPages.length > 0 && s.vm.backing === 'hugetlbfs'),
      thpMinor: count((s) => s.vm.thp && s.vm.backing === 'shmem'),
      gmemNoCheck: count((s) => s.vm.backing === 'guest_memfd' && !s.strategy.gmemUptodateCheck),
      uffdNone: count((s) => s.strategy.uffdMode === 'none'),
    };
    for (const [k, n] of Object.entries(coverage)) expect(n, `${k}: ${JSON.stringify(coverage)}`).toBeGreaterThanOrEqual(3);
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
