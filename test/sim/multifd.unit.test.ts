/**
 * Multifd channels for the background copy (network.multifdChannels; docs/model.md, section 5):
 * the channels share the link's bandwidth but install their chunks on receive threads of their own.
 */
import { describe, expect, it } from 'vitest';
import type { MigrationSpecInput } from '../../src/sim/index.js';
import { run } from './helpers.js';

const spec = (bandwidthGbps: number, multifdChannels: number): MigrationSpecInput => ({
  seed: 3,
  vm: { memoryMiB: 2048, vcpus: 4 },
  workload: { pattern: 'uniform' },
  strategy: { mechanism: 'uffd_missing' },
  network: { bandwidthGbps, rttUs: 50, multifdChannels },
});

describe('multifd channels', () => {
  // The cap of one receive thread, lifted on a fast link and not on a slow one: the trend check
  // multifd-lifts-receive-cap (src/validation/trends.ts, listed in docs/validation.md).

  it('chunks finished out of order by different receive threads are each installed exactly once', () => {
    const { result } = run({ ...spec(100, 6), vm: { memoryMiB: 512, vcpus: 8 } });
    expect(result.outcome).toBe('completed');
    expect(result.pages.background + result.pages.demand).toBe(result.pages.total);
    expect(result.violationCount).toBe(0);
  });
});
