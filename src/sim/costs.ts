import { z } from 'zod';

/**
 * Every cost the simulator charges is a named parameter here. Defaults come from published
 * measurements; docs/model.md cites the source of each one. A request may override any of them
 * (spec.costs). Times are nanoseconds of simulated time.
 */
export interface CostDef {
  /** The default on an x86_64 host (the calibration tables are x86). */
  default: number;
  /** The default on an arm64 host where it differs (docs/model.md, section 9: architecture-specific costs). */
  arm64?: number;
  max: number;
  unit: string;
  description: string;
}

export const COST_DEFS = {
  // --- fault delivery -------------------------------------------------------------------------
  ept_violation_ns: {
    default: 600, arm64: 410, max: 1e7, unit: 'ns',
    description: 'EPT violation (x86_64) / stage-2 abort (arm64): VM exit and KVM fault-path entry up to the host page-table walk (hva_to_pfn). arm64 with VHE (ARMv8.1+ servers) exits to the host kernel without a second world switch: its trap round trip is ~0.58x of x86 (Dall et al., USENIX ATC 2017), applied to the exit part (450 of the 600 ns).',
  },
  gup_slow_path_ns: {
    default: 500, max: 1e7, unit: 'ns',
    description: 'Slow GUP (mmap_lock, handle_mm_fault) until handle_userfault() is reached.',
  },
  uffd_enqueue_ns: {
    default: 1_992, max: 1e7, unit: 'ns',
    description: 'handle_userfault(): queueing the message on the uffd wait queue, under its spinlock (lock hold time).',
  },
  uffd_read_ns: {
    default: 1_200, max: 1e7, unit: 'ns',
    description: 'Handler thread read() of one uffd message (syscall + moving the waiter between wait queues; lock held for part of it).',
  },
  uffd_read_lock_ns: {
    default: 120, max: 1e7, unit: 'ns',
    description: 'Part of uffd_read_ns spent holding the uffd wait-queue spinlock.',
  },
  uffd_wake_ns: {
    default: 315, max: 1e7, unit: 'ns',
    description: 'Wake of the waiters of a resolved range (userfaultfd_wake / __wake_up), lock hold excluding the queue walk.',
  },
  uffd_wake_scan_per_waiter_ns: {
    default: 1, max: 1e6, unit: 'ns',
    description: 'Extra wait-queue lock hold per fault still queued on the uffd: the range wake-up walks every waiter to match its address.',
  },
  uffd_poll_herd_per_reader_ns: {
    default: 89, max: 1e6, unit: 'ns',
    description: 'Extra lock hold per idle handler thread woken by a new message (every poller on the uffd is woken; all but one find nothing).',
  },
  lock_bounce_per_log2_contender_ns: {
    default: 509, max: 1e6, unit: 'ns',
    description: 'Cache-line hand-off cost added to each uffd wait-queue lock acquisition per doubling of the threads blocked on the uffd.',
  },
  handler_wakeup_ns: {
    default: 1_000, max: 1e8, unit: 'ns',
    description: 'Scheduler latency to wake an idle handler thread sleeping in poll().',
  },
  vcpu_wakeup_ns: {
    default: 1_176, max: 1e8, unit: 'ns',
    description: 'Scheduler latency until a woken vCPU thread runs again, retries the fault and re-enters the guest.',
  },
  // --- KVM exits ------------------------------------------------------------------------------
  exit_to_userspace_ns: {
    default: 800, max: 1e7, unit: 'ns',
    description: 'KVM_RUN returns to userspace with KVM_EXIT_MEMORY_FAULT (fast-GUP miss, exit, ioctl return).',
  },
  vcpu_reentry_ns: {
    default: 700, arm64: 550, max: 1e7, unit: 'ns',
    description: 'KVM_RUN ioctl and VM entry after userspace resolved the fault. arm64 (VHE): the VM-entry part (~350 ns on x86) at ~0.58x, as for ept_violation_ns.',
  },
  async_pf_inject_ns: {
    default: 2_000, max: 1e8, unit: 'ns',
    description: 'Async page fault (workload.asyncPageFaults): after the EPT violation, KVM queues the async-PF work and injects "page not present"; the guest\'s handler parks the faulting task and schedules another one (an exception entry and a context switch; estimate).',
  },
  mmap_lock_hold_ns: {
    default: 235, max: 1e7, unit: 'ns',
    description: 'Serialized part of every install ioctl on the target mm (mmap_lock read-side and page-cache cache lines move between CPUs one at a time).',
  },
  mmap_lock_bounce_per_log2_vcpu_ns: {
    default: 1_170, max: 1e6, unit: 'ns',
    description: 'Extra cost of an install ioctl (mmap_lock read side, shared page-cache locks) per doubling of the threads inside the fault/install path at once, up to llc_cpus of them (the contended cache lines move inside one last-level cache).',
  },
  mmap_lock_bounce_cross_llc_per_log2_ns: {
    default: 3_970, max: 1e6, unit: 'ns',
    description: 'Extra cost of an install ioctl per doubling of the threads inside the fault/install path beyond llc_cpus: the contended cache lines then move between last-level caches (chiplets or sockets), several times slower than inside one.',
  },
  llc_cpus: {
    default: 8, max: 1024, unit: 'CPUs',
    description: 'CPUs sharing one last-level cache on the target host (8 on an AMD Zen 3 CCX, as on the 256-thread host [AM] measured): contention among at most that many threads stays inside one cache.',
  },
  // --- page installation ----------------------------------------------------------------------
  uffdio_copy_4k_ns: {
    default: 2_000, max: 1e8, unit: 'ns',
    description: 'UFFDIO_COPY of one 4 KiB page (allocate, copy, map; wake excluded).',
  },
  uffdio_copy_2m_ns: {
    default: 180_000, max: 1e9, unit: 'ns',
    description: 'UFFDIO_COPY of one 2 MiB huge page.',
  },
  uffdio_copy_1g_ns: {
    default: 95_000_000, max: 1e10, unit: 'ns',
    description: 'UFFDIO_COPY of one 1 GiB huge page.',
  },
  uffdio_continue_4k_ns: {
    default: 500, max: 1e8, unit: 'ns',
    description: 'UFFDIO_CONTINUE of one 4 KiB page already in the page cache (map only).',
  },
  uffdio_continue_2m_ns: {
    default: 2_000, max: 1e8, unit: 'ns',
    description: 'UFFDIO_CONTINUE of one 2 MiB page (one PMD).',
  },
  uffdio_continue_1g_ns: {
    default: 4_000, max: 1e8, unit: 'ns',
    description: 'UFFDIO_CONTINUE of one 1 GiB page (one PUD).',
  },
  uffdio_zeropage_4k_ns: {
    default: 700, max: 1e8, unit: 'ns',
    description: 'UFFDIO_ZEROPAGE of one 4 KiB zero page: maps the shared zero page (anonymous) or a freshly cleared page (shmem); no copy. Not on hugetlbfs, where a zeroed huge page is copied (UFFDIO_COPY cost).',
  },
  page_cache_write_per_kib_ns: {
    default: 100, max: 1e6, unit: 'ns/KiB',
    description: 'Filling the page cache through the second mapping or write() (memcpy at ~10 GB/s), per KiB.',
  },
  kvm_read_guest_ns: {
    default: 300, max: 1e8, unit: 'ns',
    description: 'GIC/ITS restore: one kvm_read_guest_lock() of a table entry (8 bytes) or of an LPI property/pending byte from a present page (memslot lookup, copy_from_user).',
  },
  kvm_device_attr_ns: {
    default: 1_000, max: 1e8, unit: 'ns',
    description: 'GIC/ITS restore: one KVM_SET_DEVICE_ATTR ioctl writing a redistributor or ITS register (syscall round trip and the register emulation).',
  },
  postcopy_recover_ns: {
    default: 50_000_000, max: 1e11, unit: 'ns',
    description: 'Postcopy recovery after the link is back: re-establishing the migration channels (migrate-recover) before the received-pages bitmap is exchanged.',
  },
  // --- poisoned pages ---------------------------------------------------------------------------
  mce_inject_ns: {
    default: 5_000, arm64: 7_000, max: 1e8, unit: 'ns',
    description: 'Injecting a machine check into the vCPU instead of fetching a poisoned page: x86_64 one KVM_X86_SET_MCE ioctl (the bank values) and delivery; arm64 an SEA, for which QEMU first writes the CPER record into the guest\'s ACPI GHES error block (guest-memory writes, ~2 us more), then sets the pending external abort with KVM_SET_VCPU_EVENTS.',
  },
  poison_setup_per_range_ns: {
    default: 5_000, max: 1e9, unit: 'ns',
    description: 'Before resume: one zap (MADV_DONTNEED), hole punch or UFFDIO_POISON call per poisoned range on the target.',
  },
  // --- source and network ---------------------------------------------------------------------
  request_send_ns: {
    default: 2_000, max: 1e8, unit: 'ns',
    description: 'Target thread sends a page request on the return path (syscall).',
  },
  fetch_service_ns: {
    default: 5_000, max: 1e9, unit: 'ns',
    description: 'Source side: receive the request, look up and queue the page for sending.',
  },
  send_buffer_kib: {
    default: 13_312, max: 1_048_576, unit: 'KiB',
    description: 'Send buffer of the main channel socket on the source (sk_sndbuf, autotuned up to net.ipv4.tcp_wmem\'s maximum): the background stream fills it, and a writer blocked on the full socket is woken when a third of it has drained (sk_stream_write_space). What a demand page queues behind without postcopy-preempt.',
  },
  migration_thread_send_per_kib_ns: {
    default: 180, max: 1e6, unit: 'ns/KiB',
    description: 'CPU time of the source thread that writes the background stream, per KiB written: finding and clearing dirty bits, the zero-page check, the page header, the copy into the socket and TCP segmentation. It caps one stream at about 1 / this rate (each multifd channel has a thread of its own).',
  },
  device_state_kib: {
    default: 1_024, max: 1_048_576, unit: 'KiB',
    description: 'Device state sent while the VM is paused (vCPU registers, interrupt controllers, devices).',
  },
  device_state_load_ns: {
    default: 20_000_000, max: 1e11, unit: 'ns',
    description: 'Target loads the device state before resuming the vCPUs.',
  },
} as const satisfies Record<string, CostDef>;

export type CostName = keyof typeof COST_DEFS;
export type Costs = Record<CostName, number>;

export const COST_NAMES = Object.keys(COST_DEFS) as CostName[];

/** Host architectures whose defaults differ (spec vm.arch). */
export type CostArch = 'x86_64' | 'arm64';

function defaultCosts(arch: CostArch): Costs {
  const c = {} as Costs;
  for (const k of COST_NAMES) {
    const d: CostDef = COST_DEFS[k];
    c[k] = arch === 'arm64' && d.arm64 !== undefined ? d.arm64 : d.default;
  }
  return c;
}

/** One cost parameter's value, with its meaning, unit and default. */
function costValue(k: CostName): z.ZodNumber {
  const d: CostDef = COST_DEFS[k];
  const dflt = d.arm64 === undefined ? `${d.default}` : `${d.default} on x86_64, ${d.arm64} on arm64`;
  return z.number().min(0).max(d.max).describe(`${d.description} Unit: ${d.unit}. Default: ${dflt}.`);
}

/** The `costs` override object of the request: every parameter optional. */
export const costsSchema = z
  .object(Object.fromEntries(COST_NAMES.map((k) => [k, costValue(k).optional()])) as { [K in CostName]: z.ZodOptional<z.ZodNumber> })
  .strict()
  .describe('Overrides of named cost parameters; any omitted parameter keeps its published default (docs/model.md).');

export type CostOverrides = z.output<typeof costsSchema>;

/** Every cost parameter of a run as the simulator charged it (resolveCosts): what reproduces it. */
export const resolvedCostsSchema = z
  .object(Object.fromEntries(COST_NAMES.map((k) => [k, costValue(k)])) as { [K in CostName]: z.ZodNumber })
  .describe('Every cost parameter the simulator used: the defaults of its model version for vm.arch, scaled by host.costScale, with the request\'s overrides.');

/**
 * The costs of a run: the defaults of the architecture, the per-operation CPU costs (ns and ns/KiB, not the sizes nor
 * the management layer's recovery time) scaled by the host profile, then the request's overrides
 * taken as they are.
 */
export function resolveCosts(overrides: CostOverrides | undefined, hostCostScale = 1, arch: CostArch = 'x86_64'): Costs {
  const c = defaultCosts(arch);
  if (hostCostScale !== 1) {
    for (const k of COST_NAMES) if (COST_DEFS[k].unit.startsWith('ns') && k !== 'postcopy_recover_ns') c[k] *= hostCostScale;
  }
  if (overrides) {
    for (const k of COST_NAMES) {
      const v = overrides[k];
      if (v !== undefined) c[k] = v;
    }
  }
  return c;
}
