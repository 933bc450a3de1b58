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

const backgroundGbps = (s: MigrationSpecInput) => {
  const { result } = run(s, 100_000);
  expect(result.outcome).toBe('completed');
  return (result.bytes.background * 8) / result.timing.postcopyNs;
};

describe('multifd channels', () => {
  it('one receive thread caps the background copy below a fast link; several install in parallel, up to the link', () => {
    const one = backgroundGbps(spec(25, 1));
    const four = backgroundGbps(spec(25, 4));
    const eight = backgroundGbps(spec(25, 8));
    expect(one).toBeLessThan(17); // UFFDIO_COPY of 256 pages per MiB on one thread
    expect(four).toBeGreaterThan(1.4 * one);
    expect(eight).toBeGreaterThan(four);
    expect(eight).toBeLessThan(25 * 1.03); // they share the link: never more than it carries
  });

  it('on a link slower than one receive thread, more channels add nothing: they share its bandwidth', () => {
    const one = backgroundGbps(spec(10, 1));
    const four = backgroundGbps(spec(10, 4));
    expect(four / one).toBeGreaterThan(0.99);
    expect(four / one).toBeLessThan(1.01);
  });

  it('chunks finished out of order by different receive threads are each installed exactly once', () => {
    const { result } = run({ ...spec(100, 6), vm: { memoryMiB: 512, vcpus: 8 } });
    expect(result.outcome).toBe('completed');
    expect(result.pages.background + result.pages.demand).toBe(result.pages.total);
    expect(result.violationCount).toBe(0);
  });
});
