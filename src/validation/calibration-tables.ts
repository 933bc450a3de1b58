/**
 * The published measurements the simulator is calibrated on, as data: the published figures, the
 * spec that reproduces each row, and the metric compared. scripts/calibrate.ts runs them and writes
 * docs/validation.md; anything else (experiment presets) can run the same rows.
 *
 *  1. Anish Moorthy, "[PATCH v3 00/22] Improve scalability of KVM + userfaultfd live migration via
 *     annotated memory faults" (kvm@vger.kernel.org, 2023-04-12, Message-ID
 *     20230412213510.1220557-1-amoorthy@google.com): demand_paging_test -b 64M -u MINOR -s shmem -a
 *     -v N -r N, overall demand-paging rate (thousands of pages/s, n = 5, 256-core x86 host) with one
 *     shared uffd vs with the new KVM capability (exit on missing).
 *  2. Peter Xu, "[PATCH RFC 00/15] migration: Postcopy Preemption" (qemu-devel, 2022-01-19) and v4
 *     (2022-03-31, Message-ID 20220331150857.74406-1-peterx@redhat.com): average postcopy page
 *     request latency, 20 GiB / 40 vCPU guest, 10 Gbps NIC, one busy dirty thread, vanilla vs preempt.
 */
import type { MigrationSpecInput } from '../sim/index.js';

/** A calibration row holds when simulated / published is within this factor either way. */
export const CALIBRATION_TOLERANCE = 1.25;

const QUIET = { kvmUserAccessPerSecond: 0, instructionEmulationPerSecond: 0, vhostAccessesPerSecond: 0 };

export type DemandPagingColumn = 'uffd_minor' | 'kvm_exit_on_missing';

/** [AM]'s table. Metric: result.pagingRate.overallPagesPerSec / 1000. */
export const DEMAND_PAGING_SCALING = {
  vcpus: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  /** Thousands of pages/s, per column, in the order of `vcpus`. */
  published: {
    uffd_minor: [150, 191, 210, 155, 130, 108, 86, 62, 36],
    kvm_exit_on_missing: [340, 477, 809, 1239, 1595, 2299, 3482, 4134, 4012],
  } satisfies Record<DemandPagingColumn, number[]>,
  /** The selftest's -b 64M. */
  defaultMibPerVcpu: 64,
  spec(vcpus: number, mechanism: DemandPagingColumn, mibPerVcpu = 64): MigrationSpecInput {
    return {
      seed: 1,
      vm: { memoryMiB: mibPerVcpu * vcpus, vcpus, backing: 'shmem' },
      workload: { pattern: 'demand_paging_test', accessesPerSecond: 1e9, thinkTimeNs: 0, faultSources: QUIET },
      strategy: {
        mechanism,
        uffdMode: mechanism === 'kvm_exit_on_missing' ? 'minor' : undefined,
        handlerThreads: vcpus, // -r N
        backgroundCopy: { enabled: false },
      },
      network: { sourceLocal: true },
      limits: { maxFaultEvents: 100_000_000 },
    };
  },
};

export type PreemptPageSize = '4K' | '2M';

/** [PX]'s comparison. Metric: mean latency of the vCPU's fault events, in ms. */
export const POSTCOPY_PREEMPT_LATENCY = {
  pageSizes: ['4K', '2M'] as PreemptPageSize[],
  /** Average page-request latency in ms: [vanilla, preempt]. */
  published: { '4K': [10.68, 0.57], '2M': [10.58, 4.96] } satisfies Record<PreemptPageSize, [number, number]>,
  spec(pageSize: PreemptPageSize, preempt: boolean): MigrationSpecInput {
    return {
      seed: 1,
      vm: { memoryMiB: 20 * 1024, vcpus: 1, pageSize, backing: pageSize === '4K' ? 'anonymous' : 'hugetlbfs' },
      workload: { pattern: 'uniform', workingSetMiB: 18 * 1024, writeRatio: 1, accessesPerSecond: 1e7, thinkTimeNs: 0, faultSources: QUIET },
      strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: true, bandwidthShare: 1, order: 'near_recent_faults' } },
      // [PX] measured the original postcopy-preempt: the migration thread sends the urgent pages.
      network: { bandwidthGbps: 10, rttUs: 100, postcopyPreempt: preempt, preemptSender: 'migration_thread' },
    };
  },
};
