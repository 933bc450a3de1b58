import type { MigrationSpecInput } from '../sim/index.js';
import { DEMAND_PAGING_SCALING, POSTCOPY_PREEMPT_LATENCY } from '../validation/calibration-tables.js';
import type { RunMetricName } from './metrics.js';
import type { Axis } from './plan.js';

/**
 * Published measurements the model is calibrated on, as experiments: POST /v1/experiments with
 * `{"preset": name}` runs them, and scripts/calibrate.ts writes docs/validation.md from the same
 * presets through the same expansion (src/experiments/plan.ts) and metrics. The published figures
 * and specs are src/validation/calibration-tables.ts's.
 */

export interface Preset {
  title: string;
  /** Where the figures were published. */
  source: string;
  base: MigrationSpecInput;
  axes: Axis[];
  /** The metric the publication reports, and how to show it (value / scale, in unit). */
  metric: RunMetricName;
  scale: number;
  unit: string;
  /** Decimals shown (docs/validation.md). */
  digits: number;
  /** The published figures, in metric units (before scale), keyed by the runs' axis values. */
  published: { values: Record<string, string | number | boolean | null>; value: number }[];
}

const VCPUS = DEMAND_PAGING_SCALING.vcpus;

export type PresetName = 'demand-paging-scaling' | 'postcopy-preempt';

export const PRESETS: Record<PresetName, Preset> = {
  'demand-paging-scaling': {
    title: 'One shared uffd vs KVM exit-on-missing (demand_paging_test)',
    source:
      'Anish Moorthy, "[PATCH v3 00/22] Improve scalability of KVM + userfaultfd live migration via annotated memory faults", kvm@vger.kernel.org, 2023-04-12 (Message-ID 20230412213510.1220557-1-amoorthy@google.com): ./demand_paging_test -b 64M -u MINOR -s shmem -a -v N -r N, average paging rate, n = 5, 256-core x86 host.',
    base: DEMAND_PAGING_SCALING.spec(1, 'uffd_minor'),
    axes: [
      {
        path: 'vm.vcpus',
        values: VCPUS,
        with: { 'vm.memoryMiB': VCPUS.map((n) => n * DEMAND_PAGING_SCALING.defaultMibPerVcpu), 'strategy.handlerThreads': VCPUS },
      },
      { path: 'strategy.mechanism', values: ['uffd_minor', 'kvm_exit_on_missing'], with: { 'strategy.uffdMode': [null, 'minor'] } },
    ],
    metric: 'pagingRatePagesPerSec',
    scale: 1000,
    unit: 'thousand pages/s',
    digits: 0,
    published: VCPUS.flatMap((n, i) =>
      (['uffd_minor', 'kvm_exit_on_missing'] as const).map((m) => ({ values: { 'vm.vcpus': n, 'strategy.mechanism': m }, value: DEMAND_PAGING_SCALING.published[m][i] * 1000 })),
    ),
  },
  'postcopy-preempt': {
    title: 'Postcopy page-request latency, vanilla vs postcopy-preempt',
    source:
      'Peter Xu, "[PATCH RFC 00/15] migration: Postcopy Preemption", qemu-devel, 2022-01-19, and v4 (2022-03-31, Message-ID 20220331150857.74406-1-peterx@redhat.com): average page request latency, 20 GiB / 40 vCPU guest, 10 Gbps NIC, one busy thread dirtying 18 GiB.',
    base: POSTCOPY_PREEMPT_LATENCY.spec('4K', false),
    axes: [
      { path: 'vm.pageSize', values: ['4K', '2M'], with: { 'vm.backing': ['anonymous', 'hugetlbfs'] } },
      { path: 'network.postcopyPreempt', values: [false, true] },
    ],
    metric: 'vcpuFaultLatencyMeanNs',
    scale: 1e6,
    unit: 'ms',
    digits: 2,
    published: POSTCOPY_PREEMPT_LATENCY.pageSizes.flatMap((ps) =>
      [false, true].map((preempt, i) => ({ values: { 'vm.pageSize': ps, 'network.postcopyPreempt': preempt }, value: POSTCOPY_PREEMPT_LATENCY.published[ps][i] * 1e6 })),
    ),
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as [PresetName, ...PresetName[]];

/** The published figure for a run with these axis values (every published key must match). */
export function publishedFigure(preset: Preset, values: Record<string, unknown>): number | null {
  const hit = preset.published.find((p) => Object.entries(p.values).every(([k, v]) => values[k] === v));
  return hit?.value ?? null;
}
