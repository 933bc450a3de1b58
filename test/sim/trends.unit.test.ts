/**
 * The trend checks (src/validation/trends.ts: the definitions npm run calibrate also lists in
 * docs/validation.md), and the behaviours around them that are not trends.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MECHANISMS, type MigrationSpecInput } from '../../src/sim/index.js';
import { conditionHolds, runTrend, trendRows, TRENDS } from '../../src/validation/trends.js';
import { run } from './helpers.js';

const quiet = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };

describe('trend checks', () => {
  const validation = readFileSync(new URL('../../docs/validation.md', import.meta.url), 'utf8');

  for (const check of TRENDS) {
    it(`${check.id}: ${check.claim}`, () => {
      const outcome = runTrend(check);
      expect(outcome.conditions.length).toBeGreaterThan(0);
      for (const c of outcome.conditions) expect(conditionHolds(c), `${c.quantity} = ${c.value} ${c.unit}, expected ${c.op} ${c.bound}`).toBe(true);
      // The rows in docs/validation.md are this measurement, as of the last `npm run calibrate`.
      expect(validation, 'docs/validation.md does not show what this trend measures today: run npm run calibrate').toContain(trendRows(outcome).join('\n'));
    });
  }

  it('a trend that does not hold is shown as a failure', () => {
    const failing = { check: TRENDS[0], conditions: [{ quantity: 'q', value: 2.5, op: '<' as const, bound: 1.5, unit: 'x' }], pass: false };
    expect(trendRows(failing)[0]).toMatch(/\| 2\.50x \| < 1\.50x \| \*\*FAIL\*\* \|$/);
  });
});

it('with high-granularity mapping (hgm_4k) the KVM mechanisms resolve faults at 4K even on 1G HugeTLB', () => {
  const spec = (hugetlbMapping: 'huge_page' | 'hgm_4k'): MigrationSpecInput => ({
    seed: 5,
    vm: { memoryMiB: 2048, vcpus: 2, pageSize: '1G', backing: 'hugetlbfs' },
    workload: { pattern: 'uniform', faultSources: { ...quiet, instructionEmulationPerSecond: 2000 } },
    strategy: { mechanism: 'kvm_exit_on_missing', hugetlbMapping },
    network: { bandwidthGbps: 25, rttUs: 50, postcopyPreempt: true },
  });
  const shifts = (events: ReturnType<typeof run>['events'], mech: string) => new Set(events.pageShift.filter((_, i) => MECHANISMS[events.mechanism[i]] === mech));
  const hgm = run(spec('hgm_4k')).events;
  expect(hgm.mechanism.filter((m) => MECHANISMS[m] === 'kvm_exit_on_missing').length).toBeGreaterThan(50);
  expect(shifts(hgm, 'kvm_exit_on_missing')).toEqual(new Set([12]));
  // Without it the host maps only whole 1 GiB pages, whoever faults.
  const whole = run(spec('huge_page')).events;
  expect(shifts(whole, 'kvm_exit_on_missing')).toEqual(new Set([30]));
});

it('background copy and demand fetches race (-EEXIST) but never install a page twice', () => {
  const { result } = run({
    seed: 13,
    vm: { memoryMiB: 2048, vcpus: 8 },
    workload: { pattern: 'uniform', accessesPerSecond: 50_000, faultSources: quiet },
    strategy: { mechanism: 'uffd_missing', backgroundCopy: { order: 'near_recent_faults' } },
    network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true },
  });
  expect(result.faults.eexistRaces).toBeGreaterThan(0);
  expect(result.pages.background + result.pages.demand).toBe(result.pages.total);
});

it('pre-copy rounds are phases before the pause (negative times)', () => {
  const { result } = run({
    seed: 9,
    vm: { memoryMiB: 1024, vcpus: 4 },
    workload: { pattern: 'zipf', faultSources: quiet },
    strategy: { precopy: { rounds: 3, dirtyRateMiBps: 200 } },
    network: { bandwidthGbps: 10, rttUs: 50 },
  });
  expect(result.timing.precopyNs).toBeGreaterThan(0);
  expect(result.phases[0].name).toBe('precopy_round_1');
  expect(result.phases[0].atNs).toBeLessThan(0);
});
