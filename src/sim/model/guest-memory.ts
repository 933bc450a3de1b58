import type { Context } from '../kernel/context.js';
import { Bitmap, SelectIndex } from '../memory.js';
import { PieceDist, placementFor, type Placement } from '../workload.js';
import { ZeroPages } from '../zero-pages.js';

/**
 * L1's EPT table pages for a working set of `ws` frames: as given, or one 4 KiB table of 512
 * 8-byte entries per 2 MiB of it (L2 memory mapped with 4 KiB EPT entries; the upper levels add
 * under 0.2 % more and are left out).
 */
function nestedTablePages(given: number | undefined, ws: number): number {
  return given ?? Math.ceil(ws / 512);
}

/**
 * Guest memory on the target, frame by frame: what has arrived, what the source has sent, and the
 * rank space of frames that still fault for the guest (the index the access streams sample from).
 * Frames are 4 KiB whatever the backing page size.
 */
export class GuestMemory {
  /** Where the workload's page ranks live in guest memory (hot pages scattered in 2 MiB blocks). */
  readonly placement: Placement;
  /** The frame's content is on the target. */
  readonly arrived: Bitmap;
  /** The source has sent (or is sending) the frame, or it must never be sent (poisoned). */
  readonly sent: Bitmap;
  /** By rank: the frame still faults for the guest. */
  readonly index: SelectIndex;
  /** Any working-set page. */
  readonly uniformDist: PieceDist;
  /**
   * The vhost/VMM thread's buffer pages (virtqueue rings and the packet buffers the guest posted):
   * vhostBufferMiB of the working set at a seeded position, or null without a vhost thread. A
   * guest hands its devices buffers it owns, not every page it has, so the thread's accesses stay
   * inside this region (docs/model.md, section 3).
   */
  readonly vhostDist: PieceDist | null = null;
  /**
   * With vm.nested: the pages holding L1's EPT tables for its L2 guests, the only pages KVM's walker
   * reads (nestedTablePages of the working set at a seeded position), or null. Poison elsewhere is
   * never reached by a walk (docs/model.md, section 3).
   */
  readonly nestedTableDist: PieceDist | null = null;
  /** The vCPUs' access distribution over ranks, or null for the scanning patterns. */
  readonly guestDist: PieceDist | null;
  /** Every distribution kept in step with the index. */
  private readonly dists: PieceDist[] = [];
  arrivedCount = 0;
  /** Frames the kernel filled with zeros (their content never arrives). */
  zeroFilled = 0;
  /** Frames that never travel: poisoned on the source (whole huge pages on hugetlbfs). */
  unreachable = 0;
  /**
   * The pages that are zero on the source at the pause, or null when none are (vm.zeroPageFraction
   * 0, or after pre-copy: the pages it leaves missing were all dirtied, so they hold data).
   */
  zero: ZeroPages | null;

  constructor(ctx: Context) {
    const frames = ctx.frames;
    const pattern = ctx.spec.workload.pattern;
    this.placement = placementFor(frames, ctx.hugeFrames, pattern, ctx.rng);
    this.arrived = new Bitmap(frames);
    this.sent = new Bitmap(frames);
    this.index = new SelectIndex(frames);
    const zf = ctx.spec.vm.zeroPageFraction;
    this.zero = zf > 0 ? new ZeroPages(zf, ctx.spec.seed, ctx.hugeFrames) : null;
    this.uniformDist = PieceDist.uniform(0, ctx.workingSetFrames);
    this.dists.push(this.uniformDist);
    if (pattern === 'zipf') {
      this.guestDist = PieceDist.zipf(ctx.workingSetFrames, ctx.spec.workload.zipfExponent);
      this.dists.push(this.guestDist);
    } else if (pattern === 'uniform') {
      this.guestDist = this.uniformDist;
    } else {
      this.guestDist = null;
    }
    if (ctx.vhostActor >= 0) {
      const ws = ctx.workingSetFrames;
      const n = Math.min(ws, ctx.spec.workload.faultSources.vhostBufferMiB * 256);
      const lo = n < ws ? ctx.rng.below(ws - n + 1) : 0;
      this.vhostDist = PieceDist.uniform(lo, lo + n);
      this.dists.push(this.vhostDist);
    }
    if (ctx.spec.vm.nested) {
      const ws = ctx.workingSetFrames;
      const n = Math.min(ws, nestedTablePages(ctx.spec.workload.faultSources.nestedTablePages, ws));
      const lo = n < ws ? ctx.rng.below(ws - n + 1) : 0;
      this.nestedTableDist = PieceDist.uniform(lo, lo + n);
      this.dists.push(this.nestedTableDist);
    }
  }

  /** The distributions start from the index as it stands at switchover. */
  initDistributions(): void {
    for (const d of this.dists) d.init(this.index);
  }

  /** Frames [start, start+n) stop faulting for the guest. */
  mapFrames(start: number, n: number): void {
    const r = this.placement.frameToRank(start);
    const removed = this.index.clearRange(r, r + n);
    if (removed > 0) for (const d of this.dists) d.onCleared(r, r + n, this.index, removed);
  }

  /** Every frame is on the target (poisoned ones never travel; zero-filled ones never will). */
  allArrived(): boolean {
    return this.arrivedCount + this.zeroFilled + this.unreachable === this.arrived.size;
  }

  /** Frames that should reach the target and have not. */
  missing(): number {
    return this.arrived.size - this.unreachable - this.arrivedCount - this.zeroFilled;
  }
}
