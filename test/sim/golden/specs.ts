import type { MigrationSpecInput } from '../../../src/sim/index.js';

/**
 * The golden specs: together they reach every mechanism, backing, page size and access pattern, the
 * arm64 GIC/ITS restore (served, pre-transferred, failing), poison handling, link and source
 * failures, pre-copy, khugepaged and every extra fault path. Small enough to run in about a second.
 */
export const GOLDEN_SPECS: Record<string, MigrationSpecInput> = {
  uffd_missing_anon_zipf: {
    seed: 42,
    vm: { arch: 'x86_64', memoryMiB: 256, vcpus: 4 },
    workload: { pattern: 'zipf' },
    strategy: { mechanism: 'uffd_missing', handlerThreads: 2 },
    network: { bandwidthGbps: 25, rttUs: 50 },
  },
  uffd_minor_shmem_thp_khugepaged: {
    seed: 7,
    vm: { memoryMiB: 128, vcpus: 6, backing: 'shmem', thp: true, khugepagedCollapsesPerSecond: 100 },
    workload: { pattern: 'uniform', accessesPerSecond: 20_000 },
    strategy: { mechanism: 'uffd_minor', handlerThreads: 3 },
    network: { bandwidthGbps: 1, rttUs: 100 },
  },
  exit_on_missing_hugetlb_2m_preempt: {
    seed: 3,
    vm: { memoryMiB: 512, vcpus: 8, backing: 'hugetlbfs', pageSize: '2M' },
    workload: { pattern: 'random_walk', faultSources: { vhostAccessesPerSecond: 5000, instructionEmulationPerSecond: 2000 } },
    strategy: { mechanism: 'kvm_exit_on_missing', handlerThreads: 2 },
    network: { bandwidthGbps: 25, rttUs: 50, postcopyPreempt: true },
  },
  exit_on_missing_hugetlb_1g_nested: {
    seed: 11,
    vm: { memoryMiB: 2048, vcpus: 4, backing: 'hugetlbfs', pageSize: '1G', nested: true },
    workload: { pattern: 'zipf', workingSetMiB: 1024 },
    strategy: { mechanism: 'kvm_exit_on_missing' },
    network: { bandwidthGbps: 100, rttUs: 20 },
  },
  kvm_userfault_gmem_write_continue: {
    seed: 5,
    vm: { memoryMiB: 64, vcpus: 8, backing: 'guest_memfd' },
    workload: { pattern: 'uniform', accessesPerSecond: 1_000_000, faultSources: { kvmUserAccessPerSecond: 10_000 } },
    strategy: { mechanism: 'kvm_userfault', uffdMode: 'write_continue' },
    network: { bandwidthGbps: 1, rttUs: 1000 },
  },
  gmem_write_continue_racy_zipf: {
    seed: 6,
    vm: { memoryMiB: 64, vcpus: 24, backing: 'guest_memfd' },
    workload: {
      pattern: 'zipf',
      zipfExponent: 1.5,
      workingSetMiB: 16,
      accessesPerSecond: 1_000_000,
      thinkTimeNs: 0,
      faultSources: { vhostAccessesPerSecond: 1_000_000, instructionEmulationPerSecond: 20_000 },
    },
    strategy: { mechanism: 'kvm_userfault', uffdMode: 'write_continue', gmemUptodateCheck: false, handlerThreads: 4 },
    network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true },
    costs: { page_cache_write_per_kib_ns: 5_000 },
  },
  gmem_minor_demand_paging_local: {
    seed: 9,
    vm: { memoryMiB: 64, vcpus: 16, backing: 'guest_memfd' },
    workload: { pattern: 'demand_paging_test', thinkTimeNs: 0 },
    strategy: { mechanism: 'kvm_userfault', uffdMode: 'minor', handlerThreads: 4 },
    network: { sourceLocal: true },
  },
  uffd_missing_sequential_no_background: {
    seed: 13,
    vm: { memoryMiB: 32, vcpus: 2 },
    workload: { pattern: 'sequential', writeRatio: 1 },
    strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: false } },
    network: { bandwidthGbps: 10, rttUs: 200 },
  },
  precopy_near_recent_faults_paced: {
    seed: 17,
    vm: { memoryMiB: 256, vcpus: 4 },
    workload: { pattern: 'zipf', workingSetMiB: 128 },
    strategy: { mechanism: 'uffd_missing', precopy: { rounds: 2, dirtyRateMiBps: 4096 }, backgroundCopy: { bandwidthShare: 0.5, order: 'near_recent_faults' } },
    network: { bandwidthGbps: 10, rttUs: 100 },
  },
  arm64_its_restore_on_demand: {
    seed: 21,
    vm: { arch: 'arm64', memoryMiB: 256, vcpus: 8 },
    workload: { pattern: 'uniform' },
    strategy: { mechanism: 'uffd_missing', handlerThreads: 2 },
    network: { bandwidthGbps: 25, rttUs: 50 },
  },
  arm64_its_pretransfer_missing_device_no_uffd: {
    seed: 23,
    vm: { arch: 'arm64', memoryMiB: 256, vcpus: 4, gic: { its: { devices: [{ deviceId: 8, events: 10 }, { deviceId: 9000, events: 4 }] } } },
    strategy: { mechanism: 'kvm_exit_on_missing', uffdMode: 'none', deviceRestore: { preTransfer: true, preTransferMissingDevices: [9000] } },
    network: { bandwidthGbps: 25, rttUs: 50 },
  },
  poison_intercepted_and_escaped: {
    seed: 29,
    vm: { memoryMiB: 128, vcpus: 4, poisonedPages: [100, { start: 2000, count: 64 }, { start: 9000, count: 8, poisonedDuringPrecopy: true }] },
    workload: { pattern: 'uniform', accessesPerSecond: 500_000 },
    strategy: { mechanism: 'uffd_missing', poisonHandling: 'uffdio_poison', precopy: { rounds: 1 } },
    network: { bandwidthGbps: 10, rttUs: 100 },
  },
  poison_hugetlb_punch_hole_exit: {
    seed: 31,
    vm: { memoryMiB: 256, vcpus: 4, backing: 'hugetlbfs', pageSize: '2M', poisonedPages: [{ start: 4096, count: 2 }] },
    workload: { pattern: 'uniform', accessesPerSecond: 500_000 },
    strategy: { mechanism: 'kvm_exit_on_missing', poisonHandling: 'punch_hole' },
    network: { bandwidthGbps: 25, rttUs: 50 },
  },
  link_outage_recovered_source_lost: {
    seed: 37,
    vm: { memoryMiB: 512, vcpus: 4 },
    workload: { pattern: 'zipf' },
    strategy: { mechanism: 'uffd_missing' },
    network: {
      bandwidthGbps: 10,
      rttUs: 100,
      failures: [
        { component: 'link', afterResumeMs: 20, durationMs: 30 },
        { component: 'source', afterResumeMs: 300 },
      ],
    },
  },
  link_fails_during_its_restore: {
    seed: 43,
    vm: { arch: 'arm64', memoryMiB: 256, vcpus: 4 },
    workload: { pattern: 'uniform' },
    strategy: { mechanism: 'uffd_missing' },
    network: { bandwidthGbps: 10, rttUs: 100, failures: [{ component: 'link', atMs: 21.5, durationMs: 30 }] },
  },
  async_page_faults: {
    seed: 47,
    vm: { memoryMiB: 256, vcpus: 4 },
    workload: { pattern: 'uniform', asyncPageFaults: true, userModeShare: 0.7 },
    strategy: { mechanism: 'uffd_missing' },
    network: { bandwidthGbps: 10, rttUs: 50 },
  },
  preempt_sent_by_migration_thread: {
    seed: 53,
    vm: { memoryMiB: 256, vcpus: 4 },
    workload: { pattern: 'zipf' },
    strategy: { mechanism: 'uffd_missing' },
    network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true, preemptSender: 'migration_thread' },
  },
  precopy_source_hang_aborted: {
    seed: 59,
    vm: { memoryMiB: 256, vcpus: 2 },
    workload: { pattern: 'uniform' },
    strategy: { mechanism: 'uffd_missing', precopy: { rounds: 2, dirtyRateMiBps: 256 } },
    network: { bandwidthGbps: 10, rttUs: 50, failures: [{ component: 'source', atMs: -20, durationMs: 100 }] },
  },
  limit_truncated: {
    seed: 41,
    vm: { memoryMiB: 1024, vcpus: 32 },
    workload: { pattern: 'uniform', accessesPerSecond: 1_000_000 },
    strategy: { mechanism: 'uffd_missing', handlerThreads: 4 },
    network: { bandwidthGbps: 25, rttUs: 50 },
    // Reached (model version 13): the run really is stopped by the limit.
    limits: { maxFaultEvents: 2_000 },
  },
  stalled_no_background_working_set: {
    seed: 43,
    vm: { memoryMiB: 32, vcpus: 2 },
    workload: { pattern: 'zipf', workingSetMiB: 8 },
    strategy: { mechanism: 'uffd_missing', backgroundCopy: { enabled: false } },
    network: { bandwidthGbps: 10, rttUs: 100 },
  },
  strict_poison_refused: {
    seed: 47,
    vm: { memoryMiB: 64, vcpus: 4, poisonedPages: [{ start: 10, count: 3 }] },
    strategy: { mechanism: 'uffd_missing', poisonPolicy: 'strict' },
  },
  zero_pages_exit_on_missing_preempt: {
    seed: 53,
    vm: { memoryMiB: 128, vcpus: 4, zeroPageFraction: 0.4 },
    workload: { pattern: 'zipf', faultSources: { vhostAccessesPerSecond: 2000 } },
    strategy: { mechanism: 'kvm_exit_on_missing' },
    network: { bandwidthGbps: 10, rttUs: 50, postcopyPreempt: true },
  },
  multifd_background_fast_link: {
    seed: 59,
    vm: { memoryMiB: 256, vcpus: 6 },
    workload: { pattern: 'uniform', accessesPerSecond: 200_000 },
    strategy: { mechanism: 'uffd_missing', handlerThreads: 2 },
    network: { bandwidthGbps: 100, rttUs: 20, multifdChannels: 4, multifdInPostcopy: true },
  },
  // QEMU's multifd with postcopy-preempt: the channels carry the pre-copy round only; in post-copy
  // the migration thread writes the background stream and sends the urgent pages between its writes.
  multifd_precopy_then_preempt: {
    seed: 67,
    vm: { memoryMiB: 256, vcpus: 4 },
    workload: { pattern: 'zipf' },
    strategy: { mechanism: 'uffd_missing', precopy: { rounds: 1, dirtyRateMiBps: 256 } },
    network: { bandwidthGbps: 10, rttUs: 50, multifdChannels: 4, postcopyPreempt: true, preemptSender: 'migration_thread' },
  },
  poison_hot_placement_zipf: {
    seed: 61,
    vm: { memoryMiB: 128, vcpus: 4, poisonedPages: [{ start: 0, count: 16 }, 700], poisonPlacement: 'hot' },
    workload: { pattern: 'zipf', workingSetMiB: 32 },
    strategy: { mechanism: 'uffd_missing' },
    network: { bandwidthGbps: 10, rttUs: 50 },
  },
};
