import { describe, expect, it } from 'vitest';
import { BATCH_MEMORY_MIB, BATCH_RUNS, batchRuns, TAIL_BATCH_MIB } from '../../src/experiments/batches.js';

const sizes = (mibs: number[]) => batchRuns(mibs, (m) => m);

describe('batchRuns', () => {
  it('groups small runs in order up to the memory budget, each run exactly once', () => {
    const runs = Array.from({ length: 200 }, () => 1024);
    const batches = sizes(runs);
    expect(batches.flat()).toEqual(runs);
    // Full batches (32 runs), then the tail halves: 40 GiB left → 20, 10, then the smallest batches (8 GiB).
    expect(batches.map((b) => b.length)).toEqual([...Array(5).fill(32), 20, 10, 8, 2]);
    for (const b of batches) expect(b.reduce((a, m) => a + m, 0)).toBeLessThanOrEqual(BATCH_MEMORY_MIB);
  });

  it('never gives a batch more than half the memory not yet batched, unless that is under the smallest batch', () => {
    for (const mib of [256, 1024, 3072, 8192]) {
      const runs = Array.from({ length: 300 }, (_, i) => mib * (1 + (i % 3)));
      let unbatched = runs.reduce((a, m) => a + m, 0);
      for (const b of batchRuns(runs, (m) => m)) {
        const size = b.reduce((a, m) => a + m, 0);
        // A batch closes when the next run would pass its cap: it may end one run short of it, never past it.
        if (b.length > 1) expect(size).toBeLessThanOrEqual(Math.max(TAIL_BATCH_MIB, Math.min(BATCH_MEMORY_MIB, unbatched / 2)));
        unbatched -= size;
      }
      expect(unbatched).toBe(0);
    }
  });

  it('caps the runs per batch however small they are', () => {
    const batches = sizes(Array.from({ length: 100 }, () => 64));
    expect(batches.map((b) => b.length)).toEqual([BATCH_RUNS, BATCH_RUNS, BATCH_RUNS, 100 - 3 * BATCH_RUNS]);
  });

  it('gives a run as large as the budget (or larger) a batch of its own', () => {
    const budget = BATCH_MEMORY_MIB;
    expect(sizes([1024, budget, 1024, 4 * budget, 2048, 2048])).toEqual([[1024], [budget], [1024], [4 * budget], [2048, 2048]]);
  });

  it('keeps run order across mixed sizes, so that a batch is a contiguous range of run indices', () => {
    const runs = [8192, 4096, 4096, 8192, 512, 512, 16384];
    const batches = batchRuns(runs.map((mib, index) => ({ mib, index })), (r) => r.mib);
    expect(batches.map((b) => b.map((r) => r.index))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(sizes([])).toEqual([]);
  });
});
