import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKINGS, FAULT_PATHS, MECHANISMS, PAGE_SIZES } from '../../src/sim/index.js';
import { supportIssues, uffdModeMechanism, type UffdMode } from '../../src/sim/mechanisms.js';
import type { Backing, Mechanism, PageSize } from '../../src/sim/vocabulary.js';
import type { FaultEventPage, Migration, Problem } from '../support/api-client.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * Issue "simulator core", end to end: every mechanism × backing × page size either runs through
 * the API to a summary, or is refused with a 400 that names the field and gives the kernel's reason.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: true, env: { WORKER_CONCURRENCY: '2' } });
});
afterAll(() => stack?.close());

interface Combo {
  mechanism: Mechanism;
  backing: Backing;
  pageSize: PageSize;
  uffdMode?: UffdMode;
  issues: ReturnType<typeof supportIssues>;
}
const combo = (mechanism: Mechanism, backing: Backing, pageSize: PageSize, uffdMode?: UffdMode): Combo => ({
  mechanism,
  backing,
  pageSize,
  uffdMode,
  issues: supportIssues({ mechanism, backing, pageSize, thp: false, uffdMode }),
});
const combos: Combo[] = [
  ...MECHANISMS.flatMap((mechanism) => BACKINGS.flatMap((backing) => PAGE_SIZES.map((pageSize) => combo(mechanism, backing, pageSize)))),
  // guest_memfd's write() + UFFDIO_CONTINUE serves the non-vCPU paths behind KVM userfault.
  combo('kvm_userfault', 'guest_memfd', '4K', 'write_continue'),
];
const request = (c: Combo) => ({
  seed: 11,
  vm: { arch: 'x86_64', memoryMiB: 2048, vcpus: 2, pageSize: c.pageSize, backing: c.backing },
  workload: { pattern: 'uniform', workingSetMiB: 1024 },
  strategy: { mechanism: c.mechanism, ...(c.uffdMode ? { uffdMode: c.uffdMode } : {}) },
  network: { bandwidthGbps: 100, rttUs: 20 },
});
/** The mechanisms a combination uses: its own, and the uffd mode behind a KVM mechanism. */
const served = (c: Combo) => [c.mechanism, ...(c.uffdMode && c.uffdMode !== 'none' ? [uffdModeMechanism(c.uffdMode)] : [])];

describe('supported combinations run to a summary', () => {
  const supported = combos.filter((c) => c.issues.length === 0);
  it('covers every mechanism, backing and page size', () => {
    expect(new Set(supported.flatMap(served))).toEqual(new Set(MECHANISMS));
    expect(new Set(supported.map((c) => c.backing))).toEqual(new Set(BACKINGS));
    expect(new Set(supported.map((c) => c.pageSize))).toEqual(new Set(PAGE_SIZES));
  });

  it.each(supported.map((c) => ({ ...c, name: `${c.mechanism}${c.uffdMode ? ` (uffdMode ${c.uffdMode})` : ''} on ${c.backing} ${c.pageSize}` })))('$name', async (c) => {
    const { status, body } = await stack.api.post<Migration>('/v1/migrations', request(c));
    expect(status).toBe(202);
    const done = await stack.api.waitFor(body.id);
    expect(done.status).toBe('succeeded');
    expect(done.summary!.pages.missing ?? 0).toBe(0);
    expect(done.eventCount).toBe(done.summary!.faults.total);
    const vcpuMechanism = Object.keys(done.summary!.faults.byMechanism);
    expect(vcpuMechanism).toContain(c.mechanism);
  });
});

describe('unsupported combinations are refused with the reason', () => {
  const unsupported = combos.filter((c) => c.issues.length > 0);
  it.each(unsupported.map((c) => ({ ...c, name: `${c.mechanism} on ${c.backing} ${c.pageSize}` })))('$name', async (c) => {
    const res = await stack.api.post<Problem>('/v1/migrations', request(c));
    expect(res.status).toBe(400);
    for (const issue of c.issues) {
      expect(res.body.errors).toContainEqual({ in: 'body', field: issue.path.join('.'), message: issue.message });
    }
  });

  it('MINOR on anonymous memory says why', async () => {
    const res = await stack.api.post<Problem>('/v1/migrations', { vm: { memoryMiB: 64, vcpus: 1 }, strategy: { mechanism: 'uffd_minor' } });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({ field: 'strategy.mechanism', message: expect.stringContaining('page cache') });
  });
});

it('every fault path appears in the stored events when its source is active', async () => {
  const { body } = await stack.api.post<Migration>('/v1/migrations', {
    seed: 5,
    vm: { arch: 'x86_64', memoryMiB: 1024, vcpus: 4, nested: true },
    workload: {
      pattern: 'uniform',
      faultSources: { kvmUserAccessPerSecond: 20_000, instructionEmulationPerSecond: 20_000, nestedWalkShare: 0.5, vhostAccessesPerSecond: 200_000 },
    },
    strategy: { mechanism: 'kvm_exit_on_missing' },
  });
  const done = await stack.api.waitFor(body.id);
  expect(done.status).toBe('succeeded');
  // device_restore needs an arm64 GIC, async_page_fault workload.asyncPageFaults: neither source is active here.
  for (const path of FAULT_PATHS.filter((p) => p !== 'device_restore' && p !== 'async_page_fault')) {
    const page = await stack.api.get<FaultEventPage>(`/v1/migrations/${body.id}/faults?path=${path}&limit=5`);
    expect(page.body.items.length, path).toBeGreaterThan(0);
    // exit-on-missing covers only the vCPU's own stage-2 faults; every other path falls back to uffd
    const expected = path === 'vcpu_access' ? 'kvm_exit_on_missing' : 'uffd_missing';
    expect(page.body.items.every((e) => e.mechanism === expected), path).toBe(true);
  }
});
