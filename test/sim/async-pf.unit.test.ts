import { describe, expect, it } from 'vitest';
import { FAULT_PATHS, RESOLUTIONS, migrationSpecSchema, type MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };
/** Independent accesses (uniform over memory): a task that waits for its page does not hold up the others. */
const spec = (workload: { asyncPageFaults?: boolean; userModeShare?: number } = {}, extra: Partial<MigrationSpecInput> = {}): MigrationSpecInput => ({
  seed: 6,
  vm: { memoryMiB: 1024, vcpus: 4 },
  workload: { pattern: 'uniform', faultSources: quiet, ...workload },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true },
  ...extra,
});
const ASYNC = FAULT_PATHS.indexOf('async_page_fault');
const UNRESOLVED = RESOLUTIONS.indexOf('unresolved');

describe('async page faults (workload.asyncPageFaults, KVM_ASYNC_PF)', () => {
  it('a vCPU runs other tasks while its page is fetched: less blocktime and slowdown for independent accesses', () => {
    const sync = run(spec()).result;
    const { result, events } = run(spec({ asyncPageFaults: true }));
    expect(result.outcome).toBe('completed');
    expect(result.correct).toBe(true);
    expect(result.faults.byPath.async_page_fault.count).toBeGreaterThan(0);
    expect(result.blocktime.sumNs).toBeLessThan(0.8 * sync.blocktime.sumNs);
    expect(result.slowdown!).toBeLessThan(sync.slowdown!);
    // Blocktime counts only the faults that stalled a vCPU; an async fault still has its latency.
    const block = new Array<number>(4).fill(0);
    let outstandingMax = 0;
    const asyncByVcpu: [number, number][][] = [[], [], [], []];
    for (let i = 0; i < events.n; i++) {
      const lat = events.resolvedAtNs[i] - events.raisedAtNs[i];
      if (events.path[i] === ASYNC) asyncByVcpu[events.vcpu[i]].push([events.raisedAtNs[i], events.resolvedAtNs[i]]);
      else if (events.vcpu[i] >= 0) block[events.vcpu[i]] += lat;
    }
    expect(result.blocktime.perVcpuNs).toEqual(block);
    // At most ASYNC_PF_PER_VCPU (64) outstanding per vCPU; beyond, the fault blocks (path vcpu_access).
    for (const spans of asyncByVcpu) {
      const edges = spans.flatMap(([a, b]) => [[a, 1] as const, [b, -1] as const]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      let n = 0;
      for (const [, d] of edges) outstandingMax = Math.max(outstandingMax, (n += d));
    }
    expect(outstandingMax).toBeLessThanOrEqual(64);
    expect(outstandingMax).toBeGreaterThan(1);
  });

  it('only user-mode faults are asynchronous: a smaller userModeShare blocks more, and 0 is the same run as without async page faults', () => {
    const sync = run(spec()).result;
    const half = run(spec({ asyncPageFaults: true, userModeShare: 0.5 })).result;
    const all = run(spec({ asyncPageFaults: true })).result;
    expect(half.faults.byPath.vcpu_access.count).toBeGreaterThan(all.faults.byPath.vcpu_access?.count ?? 0);
    expect(half.blocktime.sumNs).toBeGreaterThan(all.blocktime.sumNs);
    expect(half.blocktime.sumNs).toBeLessThan(sync.blocktime.sumNs);
    expect(run(spec({ asyncPageFaults: true, userModeShare: 0 })).result).toEqual(sync);
    expect(run(spec({ asyncPageFaults: false })).result).toEqual(sync);
  });

  it('async faults outstanding when the VM is lost end unresolved at the loss, like the blocked vCPUs\' faults, and are counted', () => {
    // The link fails for good 100 ms after resume (no recovery): KVM's async-PF worker never gets its pages.
    const lost = spec({ asyncPageFaults: true }, { network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true, failures: [{ afterResumeMs: 100 }] } });
    const { result, events } = run(lost);
    expect(result.outcome).toBe('vm_lost');
    const lostAt = result.phases.find((p) => p.name === 'vm_lost')!.atNs;
    let asyncUnresolved = 0;
    let unresolved = 0;
    const raisedBefore = new Array<number>(4).fill(0);
    const resolvedBefore = new Array<number>(4).fill(0);
    for (let i = 0; i < events.n; i++) {
      if (events.resolution[i] === UNRESOLVED) {
        unresolved++;
        expect(events.resolvedAtNs[i]).toBe(lostAt);
        if (events.path[i] === ASYNC) asyncUnresolved++;
      }
      if (events.path[i] === ASYNC) {
        raisedBefore[events.vcpu[i]]++;
        if (events.resolution[i] !== UNRESOLVED) resolvedBefore[events.vcpu[i]]++;
      }
    }
    // Each vCPU had async faults in flight (up to ASYNC_PF_PER_VCPU) when the link went: all are reported.
    expect(asyncUnresolved).toBeGreaterThan(4);
    expect(asyncUnresolved).toBeLessThanOrEqual(4 * 64);
    expect(result.faults.byResolution.unresolved).toBe(unresolved);
    expect(result.faults.byPath.async_page_fault.count).toBe(raisedBefore.reduce((x, y) => x + y, 0));
    // They stalled no vCPU: blocktime still leaves them out.
    const block = new Array<number>(4).fill(0);
    for (let i = 0; i < events.n; i++) if (events.path[i] !== ASYNC && events.vcpu[i] >= 0) block[events.vcpu[i]] += events.resolvedAtNs[i] - events.raisedAtNs[i];
    expect(result.blocktime.perVcpuNs).toEqual(block);
  });

  it('is refused where it does not exist: arm64, KVM exit mechanisms, a local source', () => {
    const problem = (s: MigrationSpecInput) => {
      const r = migrationSpecSchema.safeParse(s);
      return r.success ? null : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    const on = { asyncPageFaults: true };
    expect(problem(spec(on, { vm: { arch: 'arm64', memoryMiB: 1024, vcpus: 4 } }))).toBe('workload.asyncPageFaults: arm64 has no async page faults upstream (KVM_ASYNC_PF is x86 only)');
    expect(problem(spec(on, { strategy: { mechanism: 'kvm_exit_on_missing' } }))).toMatch(/^workload.asyncPageFaults: with kvm_exit_on_missing a vCPU fault exits to userspace/);
    expect(problem(spec(on, { network: { sourceLocal: true } }))).toMatch(/^workload.asyncPageFaults: with sourceLocal/);
    expect(problem(spec(on))).toBeNull();
  });
});
