/**
 * The simulator's vocabularies. Fault events store each of these as a small integer code: the index
 * of the value in its array. The arrays are therefore APPEND-ONLY — reordering or removing a value
 * would silently relabel every stored event.
 */
export const ARCHES = ['x86_64', 'arm64'] as const;
export const PAGE_SIZES = ['4K', '2M', '1G'] as const;
export const BACKINGS = ['anonymous', 'shmem', 'hugetlbfs', 'guest_memfd'] as const;

/** How a missing page reaches the VMM (domain.md section 2). */
export const MECHANISMS = [
  'uffd_missing',
  'uffd_minor',
  'kvm_exit_on_missing',
  'kvm_userfault',
  'gmem_write_continue',
] as const;

/** Where a guest-memory access came from (domain.md section 3). */
export const FAULT_PATHS = [
  'vcpu_access',
  'kvm_user_access',
  'instruction_emulation',
  'nested_walk',
  'device_restore',
  'vhost_userspace',
  'async_page_fault', // a guest user task's access, faulted in by KVM's async-PF worker while the vCPU runs other tasks (workload.asyncPageFaults)
] as const;

/** How a fault ended. */
export const RESOLUTIONS = [
  'uffdio_copy', // handler thread fetched the page and UFFDIO_COPY installed it
  'uffdio_continue', // page cache filled, UFFDIO_CONTINUE mapped it (MINOR)
  'write_continue', // guest_memfd: write() then UFFDIO_CONTINUE
  'exit_fetch', // KVM exited to userspace; the vCPU thread fetched and installed the page itself
  'eexist_wake', // the page arrived (background copy) first: UFFDIO_COPY returned -EEXIST, waiter woken
  'joined_inflight', // another fault already requested this page; waited for that fetch
  'machine_check', // poisoned page: MCE/SEA injected, nothing fetched
  'poison_escape', // poisoned page read as healthy memory (no interception): a violation
  'unresolved', // never resolved (restore failure, VM lost)
  'zero_fill', // nothing intercepted the fault: the kernel filled the missing page with zeros (a violation)
  'partial_read', // guest_memfd write() + UFFDIO_CONTINUE without an up-to-date check: a concurrent fault mapped a half-written page (a violation)
  'efault', // a kernel access (KVM's copy_to/from_user, a vhost worker's copy) to a poisoned page failed with -EFAULT: no machine check
] as const;

/**
 * Kinds of correctness violation (docs/hazards.md). Stored by name, not by code; the last two would
 * be simulator bugs (the engine's self-checks).
 */
export const VIOLATION_KINDS = [
  'partial_page_read',
  'minor_thp_bypass',
  'zero_page_exposed',
  'its_state_lost',
  'poison_escape',
  'restore_failure',
  'ran_on_missing_page',
  'poison_transferred',
] as const;

export const ACCESS_PATTERNS = ['uniform', 'zipf', 'sequential', 'random_walk', 'demand_paging_test'] as const;

export type PageSize = (typeof PAGE_SIZES)[number];
export type Backing = (typeof BACKINGS)[number];
export type Mechanism = (typeof MECHANISMS)[number];
export type FaultPath = (typeof FAULT_PATHS)[number];
export type Resolution = (typeof RESOLUTIONS)[number];

export const PAGE_SHIFT: Record<PageSize, number> = { '4K': 12, '2M': 21, '1G': 30 };
