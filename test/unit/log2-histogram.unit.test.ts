import { describe, expect, it } from 'vitest';
import { log2Histogram } from '../../src/cli/render.js';

describe('the CLI\'s log2 latency histogram', () => {
  it('prints buckets as bpftrace\'s hist() does: [0], [1], then [lo, hi) with 1024-based suffixes, bars scaled to the largest', () => {
    const lines = log2Histogram(
      [
        { lowerNs: 0, upperNs: 1, count: 1 },
        { lowerNs: 1, upperNs: 2, count: 2 },
        { lowerNs: 512, upperNs: 1024, count: 3 },
        { lowerNs: 4096, upperNs: 8192, count: 8 },
        { lowerNs: 4_194_304, upperNs: 8_388_608, count: 4 },
      ],
      8,
    );
    expect(lines).toEqual([
      '[0]       1 |@       |',
      '[1]       2 |@@      |',
      '[512, 1K) 3 |@@@     |',
      '[4K, 8K)  8 |@@@@@@@@|',
      '[4M, 8M)  4 |@@@@    |',
    ]);
  });
});
