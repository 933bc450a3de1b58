/**
 * Where poisoned pages lie relative to the working set (vm.poisonPlacement; docs/model.md, 7b).
 */
import { describe, expect, it } from 'vitest';
import { RESOLUTIONS, migrationSpecSchema, type MigrationSpecInput } from '../../src/sim/index.js';
import { entryRange, placePoisonEntries } from '../../src/sim/poison.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };

/** 256 MiB, a 64 MiB zipf working set, 32 poisoned frames. */
const spec = (poisonPlacement: 'gfn' | 'hot' | 'cold', poisonedPages: MigrationSpecInput['vm']['poisonedPages'] = [{ start: 0, count: 32 }]): MigrationSpecInput => ({
  seed: 31,
  vm: { memoryMiB: 256, vcpus: 4, poisonedPages, poisonPlacement },
  workload: { pattern: 'zipf', workingSetMiB: 64, faultSources: quiet },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps: 10, rttUs: 50 },
});

const issues = (input: unknown) => {
  const r = migrationSpecSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

const MCE = RESOLUTIONS.indexOf('machine_check');

describe('poison placement', () => {
  it('hot: the guest hits its poisoned pages (the hottest of the working set) at once; cold: never', () => {
    const geometry = { frames: 256 * 256, workingSetFrames: 64 * 256, hugeFrames: 1, pattern: 'zipf', seed: 31 };
    const hotGfns = new Set(placePoisonEntries([{ start: 0, count: 32 }], 'hot', geometry).flatMap((p) => {
      const [a, b] = entryRange(p);
      return Array.from({ length: b - a }, (_, i) => a + i);
    }));
    expect(hotGfns.size).toBe(32);

    const hot = run(spec('hot'));
    expect(hot.result.poison.unreachablePages).toBe(32);
    expect(hot.result.poison.machineChecks).toBeGreaterThanOrEqual(16);
    // The machine checks land on the gfns the placement gives: the run's own placement of its hot pages.
    const checked = hot.events.gfn.filter((_, i) => hot.events.resolution[i] === MCE);
    expect(checked.every((g) => hotGfns.has(g))).toBe(true);
    // The hottest page is among the first faults of the run.
    const firstMce = hot.events.resolution.indexOf(MCE);
    expect(firstMce).toBeGreaterThanOrEqual(0);
    expect(firstMce).toBeLessThan(50);

    const cold = run(spec('cold')).result;
    expect(cold.poison.unreachablePages).toBe(32);
    expect(cold.poison.machineChecks).toBe(0);
    expect(cold.correct).toBe(true);
  });

  it('gfn (the default) keeps the listed gfns as they are', () => {
    const listed = run(spec('gfn', [{ start: 1000, count: 32 }])).result;
    expect(listed.poison.unreachablePages).toBe(32);
    expect(migrationSpecSchema.parse(spec('gfn')).vm.poisonPlacement).toBe('gfn');
    expect(migrationSpecSchema.parse({ ...spec('gfn'), vm: { memoryMiB: 256, vcpus: 4 } }).vm.poisonPlacement).toBe('gfn');
  });

  it('a placed range is split where the placement moves blocks: one setup call per piece', () => {
    // 1024 positions from 256 on span two 2 MiB blocks of the permuted working set.
    const r = run(spec('hot', [{ start: 256, count: 1024 }])).result;
    expect(r.poison.unreachablePages).toBe(1024);
    expect(r.poison.setupNs).toBe(3 * 5000);
  });

  it('positions beyond the working set, or cold with no memory outside it, are refused naming the field', () => {
    expect(issues(spec('hot', [{ start: 16_380, count: 8 }]))).toEqual([
      expect.objectContaining({ path: 'vm.poisonedPages.0', message: expect.stringMatching(/position 16387, beyond the 16384 frames of the working set/) }),
    ]);
    expect(issues(spec('cold', [49_150]))).toEqual([]);
    expect(issues(spec('cold', [49_152]))).toEqual([expect.objectContaining({ path: 'vm.poisonedPages.0', message: expect.stringMatching(/outside the working set/) })]);
    expect(issues({ ...spec('cold'), workload: { pattern: 'zipf' } })).toEqual([expect.objectContaining({ path: 'vm.poisonPlacement' })]);
  });
});
