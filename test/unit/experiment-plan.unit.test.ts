import { describe, expect, it } from 'vitest';
import { experimentRequestSchema } from '../../src/experiments/plan.js';
import { migrationSpecSchema } from '../../src/sim/index.js';

/** A run's spec as parsing the base with its axis values and seed gives it, one by one. */
function parsedAlone(base: Record<string, unknown>, values: Record<string, unknown>, seed: number) {
  const input = structuredClone(base) as Record<string, Record<string, unknown>>;
  for (const [path, value] of Object.entries(values)) {
    const [group, field] = path.split('.');
    input[group] = { ...input[group], [field]: value };
  }
  return migrationSpecSchema.parse({ ...input, seed });
}

describe('expanding an experiment into runs', () => {
  it("gives every seed repetition the spec that parsing it alone gives (only the seed differs)", () => {
    const base = { seed: 2 ** 31 - 2, vm: { memoryMiB: 256, vcpus: 2, backing: 'hugetlbfs', pageSize: '2M' }, workload: { pattern: 'zipf' }, strategy: { mechanism: 'uffd_missing' } };
    const plan = experimentRequestSchema.parse({
      base,
      axes: [
        { path: 'vm.vcpus', values: [1, 8] },
        { path: 'strategy.mechanism', values: ['uffd_minor', 'kvm_exit_on_missing'], with: { 'vm.backing': ['shmem', 'hugetlbfs'], 'vm.pageSize': ['4K', '2M'] } },
      ],
      seeds: 3,
    });
    expect(plan.runs).toHaveLength(12);
    for (const run of plan.runs) {
      const expected = parsedAlone(base, run.params.values, (base.seed + run.params.seedIndex) % 2 ** 31);
      expect(JSON.stringify(run.spec)).toBe(JSON.stringify(expected)); // same fields, same order: the stored spec and its hash
    }
    // The seed wraps within its range: 2^31 - 2, 2^31 - 1, 0.
    expect(plan.runs.slice(0, 3).map((r) => r.spec.seed)).toEqual([2 ** 31 - 2, 2 ** 31 - 1, 0]);
    // Repetitions do not share objects: changing one run's spec leaves the others as they were.
    plan.runs[1].spec.vm.vcpus = 99;
    expect(plan.runs[2].spec.vm.vcpus).toBe(1);
  });

  it('reports an axis value that makes runs invalid once, naming the axis', () => {
    const result = experimentRequestSchema.safeParse({
      base: { seed: 1, vm: { memoryMiB: 256, vcpus: 2 } },
      axes: [{ path: 'vm.vcpus', values: [2, 0] }],
      seeds: 4,
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toHaveLength(1);
    expect(result.error!.issues[0].path).toEqual(['axes', 0]);
    expect(result.error!.issues[0].message).toMatch(/^run 4 \(vm\.vcpus=0\): vm\.vcpus: /);
  });

  it('repeats a combination whose seed an axis removed (null) with the default seed + i, not one seed n times', () => {
    const plan = experimentRequestSchema.parse({ base: { seed: 7, vm: { memoryMiB: 256, vcpus: 2 } }, axes: [{ path: 'seed', values: [null, 40] }], seeds: 3 });
    const defaultSeed = migrationSpecSchema.parse({ vm: { memoryMiB: 256, vcpus: 2 } }).seed;
    expect(plan.runs.map((r) => r.spec.seed)).toEqual([defaultSeed, defaultSeed + 1, defaultSeed + 2, 40, 41, 42]);
  });

  it('blames an axis, not the base, for a field its path goes through', () => {
    for (const path of ['vm.memoryMiB.sub', 'constructor.prototype.polluted']) {
      const result = experimentRequestSchema.safeParse({ base: { vm: { memoryMiB: 256, vcpus: 2 } }, axes: [{ path, values: [1] }] });
      expect(result.error!.issues.map((i) => i.path), path).toEqual([['axes', 0]]);
    }
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('cuts long values in its messages, and refuses more than 64 linked fields before checking them pairwise', () => {
    const long = experimentRequestSchema.safeParse({
      base: { vm: { memoryMiB: 256, vcpus: 2 } },
      axes: [{ path: 'vm.vcpus', values: [5000], with: { 'workload.pattern': ['x'.repeat(10_000)] } }],
    });
    for (const issue of long.error!.issues) expect(issue.message.length).toBeLessThan(300);
    const many = experimentRequestSchema.safeParse({
      base: { vm: { memoryMiB: 256, vcpus: 2 } },
      axes: [{ path: 'vm.vcpus', values: [1], with: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`costs.c${i}`, [1]])) }],
    });
    expect(many.error!.issues.map((i) => [i.path, i.message])).toEqual([[['axes', 0, 'with'], 'at most 64 linked fields']]);
  });

  it('refuses a label PostgreSQL cannot store (NUL, unpaired surrogates), keeps any other Unicode', () => {
    for (const label of ['a\u0000b', '\ud800', 'x \udfff']) {
      const result = experimentRequestSchema.safeParse({ base: { vm: { memoryMiB: 256, vcpus: 2 } }, label });
      expect(result.error!.issues.map((i) => i.path), JSON.stringify(label)).toEqual([['label']]);
    }
    expect(experimentRequestSchema.parse({ base: { vm: { memoryMiB: 256, vcpus: 2 } }, label: 'vCPUs 😀 é ✓' }).label).toBe('vCPUs 😀 é ✓');
  });
});
