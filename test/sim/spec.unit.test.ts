import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COST_DEFS, COST_NAMES, createSimulation, migrationSpecSchema, type MigrationSpecInput } from '../../src/sim/index.js';
import { SMALL } from './helpers.js';

function issues(input: unknown): { path: string; message: string }[] {
  const r = migrationSpecSchema.safeParse(input);
  if (r.success) return [];
  return r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const vm = { memoryMiB: 1024, vcpus: 2 };

describe('migrationSpecSchema', () => {
  it('accepts the small example and fills defaults', () => {
    const spec = migrationSpecSchema.parse(SMALL);
    expect(spec.strategy.backgroundCopy.enabled).toBe(true);
    expect(spec.network.postcopyPreempt).toBe(false);
    expect(spec.limits.maxFaultEvents).toBe(10_000_000);
    expect(spec.workload.faultSources).toMatchObject({ kvmUserAccessPerSecond: 1_000, instructionEmulationPerSecond: 200, vhostAccessesPerSecond: 0 });
    expect(spec.vm).toMatchObject({ arch: 'x86_64', pageSize: '4K', backing: 'anonymous', thp: false, nested: false });
  });

  it('carries an example that is valid', () => {
    const meta = migrationSpecSchema.meta() as { examples?: unknown[] } | undefined;
    expect(meta?.examples?.length).toBeGreaterThan(0);
    for (const e of meta?.examples ?? []) expect(migrationSpecSchema.safeParse(e).success).toBe(true);
  });

  it('documents every field (the OpenAPI document is derived from it)', () => {
    const json = z.toJSONSchema(migrationSpecSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as { properties?: Record<string, unknown>; description?: string; anyOf?: unknown[]; items?: unknown };
      if (n.properties) {
        for (const [k, v] of Object.entries(n.properties)) {
          const child = v as { description?: string };
          if (!child.description) missing.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      }
    };
    walk(json, '$');
    expect(missing.filter((m) => !m.startsWith('$.vm.poisonedPages'))).toEqual([]);
  });

  const rejected: [string, MigrationSpecInput, string, RegExp][] = [
    ['MINOR on anonymous memory', { vm, strategy: { mechanism: 'uffd_minor' } }, 'strategy.mechanism', /page cache/],
    ['UFFDIO_COPY for guest_memfd\'s other paths', { vm: { ...vm, backing: 'guest_memfd' }, strategy: { mechanism: 'kvm_userfault', uffdMode: 'missing' } }, 'strategy.uffdMode', /direct map/],
    ['a uffd-only mechanism on guest_memfd', { vm: { ...vm, backing: 'guest_memfd' }, strategy: { mechanism: 'gmem_write_continue' } }, 'strategy.mechanism', /never handle_userfault/],
    ['MINOR alone on guest_memfd', { vm: { ...vm, backing: 'guest_memfd' }, strategy: { mechanism: 'uffd_minor' } }, 'strategy.mechanism', /kvm_gmem_get_pfn/],
    ['write()+CONTINUE outside guest_memfd', { vm: { ...vm, backing: 'shmem' }, strategy: { mechanism: 'gmem_write_continue' } }, 'strategy.mechanism', /guest_memfd/],
    ['exit-on-missing on guest_memfd', { vm: { ...vm, backing: 'guest_memfd' }, strategy: { mechanism: 'kvm_exit_on_missing' } }, 'strategy.mechanism', /GUP/],
    ['huge pages without hugetlbfs', { vm: { ...vm, pageSize: '2M' } }, 'vm.pageSize', /hugetlbfs/],
    ['THP on hugetlbfs', { vm: { ...vm, backing: 'hugetlbfs', thp: true } }, 'vm.thp', /anonymous and shmem/],
    ['memory not a multiple of 1G', { vm: { memoryMiB: 1536, vcpus: 1, pageSize: '1G', backing: 'hugetlbfs' } }, 'vm.memoryMiB', /multiple of the page size/],
    ['uffdMode with a uffd mechanism', { vm, strategy: { mechanism: 'uffd_missing', uffdMode: 'minor' } }, 'strategy.uffdMode', /KVM mechanism/],
    ['KVM fallback MINOR on anonymous', { vm, strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'minor' } }, 'strategy.uffdMode', /page cache/],
    ['working set larger than memory', { vm, workload: { workingSetMiB: 2048 } }, 'workload.workingSetMiB', /exceed/],
    ['preempt without a link', { vm, network: { sourceLocal: true, postcopyPreempt: true } }, 'network.postcopyPreempt', /no link/],
    ['poisoned page outside memory', { vm: { ...vm, poisonedPages: [1 << 30] } }, 'vm.poisonedPages.0', /beyond/],
  ];
  for (const [name, input, path, why] of rejected) {
    it(`rejects ${name} with the field and the reason`, () => {
      const found = issues(input);
      const hit = found.find((i) => i.path === path);
      expect(hit, JSON.stringify(found)).toBeDefined();
      expect(hit?.message).toMatch(why);
    });
  }

  it('accepts the supported combinations', () => {
    const ok: MigrationSpecInput[] = [
      { vm: { ...vm, backing: 'shmem' }, strategy: { mechanism: 'uffd_minor' } },
      { vm: { ...vm, backing: 'hugetlbfs', pageSize: '1G' }, strategy: { mechanism: 'uffd_missing' } },
      { vm: { ...vm, backing: 'hugetlbfs', pageSize: '2M' }, strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'minor' } },
      { vm: { ...vm, backing: 'guest_memfd' }, strategy: { mechanism: 'kvm_userfault' } },
      { vm: { ...vm, backing: 'guest_memfd' }, strategy: { mechanism: 'kvm_userfault', uffdMode: 'write_continue' } },
      { vm: { ...vm, backing: 'shmem', thp: true }, strategy: { mechanism: 'uffd_missing' } },
    ];
    for (const s of ok) expect(issues(s)).toEqual([]);
  });

  it('enforces hard limits', () => {
    expect(issues({ vm: { memoryMiB: 8 * 1024 * 1024, vcpus: 1 } }).some((i) => i.path === 'vm.memoryMiB')).toBe(true);
    expect(issues({ vm: { memoryMiB: 64, vcpus: 4096 } }).some((i) => i.path === 'vm.vcpus')).toBe(true);
    expect(issues({ vm, limits: { maxFaultEvents: 1e9 } }).some((i) => i.path === 'limits.maxFaultEvents')).toBe(true);
    expect(issues({ vm, strategy: { handlerThreads: 1000 } }).some((i) => i.path === 'strategy.handlerThreads')).toBe(true);
  });

  it('accepts cost overrides by name, rejects unknown ones and out-of-range values', () => {
    expect(issues({ vm, costs: { uffdio_copy_4k_ns: 5000 } })).toEqual([]);
    expect(issues({ vm, costs: { no_such_cost: 1 } }).length).toBeGreaterThan(0);
    expect(issues({ vm, costs: { uffdio_copy_4k_ns: -1 } }).length).toBeGreaterThan(0);
    for (const k of COST_NAMES) expect(COST_DEFS[k].default).toBeLessThanOrEqual(COST_DEFS[k].max);
  });

  it('a cost override changes the simulation', () => {
    const base: MigrationSpecInput = { ...SMALL, network: { ...SMALL.network, postcopyPreempt: true } };
    const runP50 = (costs?: Record<string, number>) => {
      const sim = createSimulation(migrationSpecSchema.parse({ ...base, costs }));
      while (sim.next(100_000));
      return sim.result().faults.latency.p50Ns;
    };
    expect(runP50({ fetch_service_ns: 500_000 })).toBeGreaterThan(runP50() + 400_000);
  });

  it('cross-field rules run only on fields that passed their own limits', () => {
    // Once an API killer: the GIC layout check ran on 2^31 vCPUs and exhausted the heap.
    expect(issues({ vm: { arch: 'arm64', memoryMiB: 1024, vcpus: 2147483648 } })).toEqual([{ path: 'vm.vcpus', message: expect.stringMatching(/1024/) }]);
    expect(issues({ vm: { arch: 'arm64', memoryMiB: 1024, vcpus: 20_000 } }).map((i) => i.path)).toEqual(['vm.vcpus']);
    // With every field in range the cross-field rules do run.
    expect(issues({ vm: { arch: 'arm64', memoryMiB: 1, vcpus: 1024 } }).length).toBeGreaterThan(0);
  });

  it('the half-of-memory poison cap applies after huge-page widening', () => {
    // Two poisoned 4 KiB frames take both 1 GiB pages of a 2 GiB VM: nothing would be left to migrate.
    const vm = { memoryMiB: 2048, vcpus: 1, backing: 'hugetlbfs', pageSize: '1G', poisonedPages: [5, 262144 + 5] };
    expect(issues({ vm })).toEqual([{ path: 'vm.poisonedPages', message: expect.stringMatching(/make 524288 frames unreachable on 1G hugetlbfs/) }]);
    expect(issues({ vm: { ...vm, poisonedPages: [5] } })).toEqual([]);
  });

  it('a host profile scales every per-operation cost, and explicit overrides stay as given', () => {
    const base: MigrationSpecInput = { ...SMALL, network: { ...SMALL.network, postcopyPreempt: true } };
    const p50 = (input: MigrationSpecInput) => {
      const sim = createSimulation(migrationSpecSchema.parse(input));
      while (sim.next(100_000));
      return sim.result().faults.latency.p50Ns;
    };
    const slow = p50({ ...base, host: { costScale: 3 } });
    expect(slow).toBeGreaterThan(1.3 * p50(base));
    // An explicit override is not scaled: the source's service time back at its default is faster.
    expect(p50({ ...base, host: { costScale: 3 }, costs: { fetch_service_ns: COST_DEFS.fetch_service_ns.default } })).toBeLessThan(slow);
    expect(issues({ vm, host: { costScale: 0 } }).map((i) => i.path)).toEqual(['host.costScale']);
  });
});
