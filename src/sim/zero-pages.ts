/**
 * Which guest pages hold only zeros on the source (vm.zeroPageFraction): memory the guest never
 * wrote or freed and cleared. A page is zero by a hash of its backing-page index and the seed, so
 * the set is fixed for a request, scattered over memory, and costs no draw from the generator (the
 * workload's random stream is the same with or without zero pages). Zero-ness is per backing page:
 * a huge page on hugetlbfs is zero as a whole or not at all.
 */

/** Bytes on the wire for a zero page: QEMU's 8-byte page header with RAM_SAVE_FLAG_ZERO and the fill byte. */
export const ZERO_PAGE_WIRE_BYTES = 9;

/** murmur3's 32-bit finaliser: a well-mixed hash of a 32-bit integer. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class ZeroPages {
  private readonly threshold: number;
  private readonly salt: number;

  /** `unitFrames`: 4 KiB frames per backing page. */
  constructor(
    fraction: number,
    seed: number,
    private readonly unitFrames: number,
  ) {
    this.threshold = fraction * 2 ** 32;
    this.salt = mix32(seed ^ 0x5a17e0);
  }

  /** The page holding this frame is all zeros. */
  isZero(frame: number): boolean {
    // Units fit in 30 bits (4 TiB is 2^30 frames).
    return mix32(Math.floor(frame / this.unitFrames) ^ this.salt) < this.threshold;
  }

  /** Zero frames in [s, e). */
  countZero(s: number, e: number): number {
    let n = 0;
    const u = this.unitFrames;
    for (let f = s; f < e; ) {
      const next = Math.min(e, (Math.floor(f / u) + 1) * u);
      if (this.isZero(f)) n += next - f;
      f = next;
    }
    return n;
  }
}
