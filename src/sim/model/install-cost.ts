import * as codes from '../kernel/codes.js';
import * as columns from '../kernel/columns.js';
import type { Model } from '../kernel/model.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { log2Of } = columns;

// Module-local copies: read once, not through the module binding on every use (hot path).
const { M_MISSING } = codes;

/**
 * What installing a page costs on the target: the page-cache fill for UFFDIO_CONTINUE of remote
 * content (write()), the serialized part of the ioctl (mmap_lock / page-cache cache lines), the
 * ioctl itself by page size, and its contention with the other faulting threads.
 */
export class InstallCost {
  /** When the serialized part of the install path is next free (a FIFO resource). */
  private serialFreeAt = 0;
  /** The write() window of the last install computed: the folio is cached but only partly written. */
  lastFillStart = 0;
  lastFillEnd = 0;
  /** Multifd receive threads installing at once with the background chunk being costed, itself included (0 when it is alone or otherwise). */
  otherReceiversInstalling = 0;

  constructor(private readonly m: Model) {}

  /**
   * Completion time of installing `frames` frames starting at t with mechanism `mech` (a KVM exit
   * installs through the uffd mode); `queue`: wait for the serialized resource; `zero`: the page
   * is a zero page (vm.zeroPageFraction).
   */
  end(t: number, mech: number, frames: number, contentLocal: boolean, exit: boolean, queue: boolean, zero = false): number {
    const c = this.m.ctx.costs;
    const how = exit ? this.m.routing.fallbackCode : mech;
    let ioctl: number;
    let fill = 0;
    if (exit && this.m.routing.fallback === 'none') {
      // KVM userfault with no userfaultfd: the vCPU thread writes the content into guest memory
      // (nothing to write when it is already there, as in the selftest, or for a zero page: the
      // kernel hands out zeroed memory) and clears the gfn in KVM's bitmap; no uffd ioctl at all.
      ioctl = 0;
      if (!this.m.ctx.sourceLocal && !zero) fill = c.page_cache_write_per_kib_ns * frames * 4;
    } else if (how === M_MISSING) {
      // A zero page: UFFDIO_ZEROPAGE, no copy; hugetlbfs has none, so a zeroed huge page is copied.
      if (zero && this.m.ctx.hugeFrames === 1) ioctl = c.uffdio_zeropage_4k_ns * frames;
      else ioctl = frames === 1 ? c.uffdio_copy_4k_ns : frames === 512 ? c.uffdio_copy_2m_ns : frames === 262144 ? c.uffdio_copy_1g_ns : c.uffdio_copy_4k_ns * frames;
    } else {
      ioctl = frames === 1 ? c.uffdio_continue_4k_ns : frames === 512 ? c.uffdio_continue_2m_ns : frames === 262144 ? c.uffdio_continue_1g_ns : c.uffdio_continue_4k_ns * frames;
      if (!contentLocal) fill = c.page_cache_write_per_kib_ns * frames * 4;
    }
    // Contention comes from threads inside the fault/install path at the same time: vCPU threads
    // installing their own page after a KVM exit and busy uffd handlers. A thread asleep (on a uffd
    // wait queue, or in recv() for its page) holds no lock and bounces no cache line.
    const inPath = this.m.fetches.exitsInstalling + this.m.uffds.busyHandlers + this.otherReceiversInstalling;
    let bounce = 0;
    if (inPath > 1) {
      // Up to llc_cpus contenders the lines move inside one last-level cache; each doubling beyond
      // that moves them between caches, at the cross-cache transfer cost.
      const llc = c.llc_cpus;
      if (inPath <= llc) bounce = c.mmap_lock_bounce_per_log2_vcpu_ns * log2Of(inPath);
      else bounce = c.mmap_lock_bounce_per_log2_vcpu_ns * log2Of(llc) + c.mmap_lock_bounce_cross_llc_per_log2_ns * (log2Of(inPath) - log2Of(llc));
    }
    const hold = c.mmap_lock_hold_ns;
    this.lastFillStart = t;
    this.lastFillEnd = t + fill;
    let s = t + fill;
    if (queue) {
      if (this.serialFreeAt > s) s = this.serialFreeAt;
      this.serialFreeAt = s + hold;
    }
    return s + hold + ioctl + bounce;
  }
}
