/**
 * QEMU's postcopy-blocktime: the time during which ALL vCPUs were blocked on a missing page at once
 * (docs/devel/migration/postcopy.rst; mark_postcopy_blocktime_end). Unlike the sum of per-vCPU
 * stalls it can never exceed the post-copy duration.
 *
 * A vCPU blocks when it raises a fault (in time order: raises happen at the current event time) and
 * unblocks when the fault is resolved, a time that is known when resolve() runs but may lie ahead.
 * So the unblocks wait in a min-heap (at most one per vCPU) and are applied in time order before
 * each later raise: a sweep over the blocked count that needs O(vCPUs) memory, not the events.
 */
export class AllVcpuBlocktime {
  /** Pending unblock times, a binary min-heap. */
  private readonly heap: Float64Array;
  private heapLen = 0;
  private blocked = 0;
  private allSince = 0;
  /** Accumulated time with every vCPU blocked. */
  totalNs = 0;

  constructor(private readonly vcpus: number) {
    this.heap = new Float64Array(vcpus + 1);
  }

  /** A vCPU blocks at t (t never decreases from one call to the next). */
  block(t: number): void {
    this.applyUnblocksUpTo(t);
    if (++this.blocked === this.vcpus) this.allSince = t;
  }

  /** A vCPU that blocked unblocks at `at` (not before the latest block time). */
  unblock(at: number): void {
    const h = this.heap;
    let i = this.heapLen++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p] <= at) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = at;
  }

  /** The overlap up to `end`, counting vCPUs still blocked then as blocked until `end`. */
  upTo(end: number): number {
    this.applyUnblocksUpTo(end);
    return this.blocked === this.vcpus && end > this.allSince ? this.totalNs + (end - this.allSince) : this.totalNs;
  }

  private applyUnblocksUpTo(t: number): void {
    const h = this.heap;
    while (this.heapLen > 0 && h[0] <= t) {
      const u = h[0];
      if (this.blocked === this.vcpus) this.totalNs += u - this.allSince;
      this.blocked--;
      const last = h[--this.heapLen];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= this.heapLen) break;
        if (c + 1 < this.heapLen && h[c + 1] < h[c]) c++;
        if (last <= h[c]) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
  }
}
