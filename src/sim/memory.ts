/**
 * Page-state storage for guest memory: plain bitmaps over 4 KiB frames, and an index that can pick
 * "the k-th still-faultable frame" in O(log n). A 1 TiB guest has 2^28 frames: one bitmap is 32 MiB,
 * so the whole state stays in typed arrays and never in an object per page.
 */

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index (0..31) of the lowest set bit of a non-zero word. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Mask of bits [lo, hi) within a 32-bit word, 0 <= lo < hi <= 32. */
function mask(lo: number, hi: number): number {
  const upper = hi === 32 ? 0xffffffff : (1 << hi) - 1;
  return (upper & ~((1 << lo) - 1)) >>> 0;
}

export class Bitmap {
  readonly size: number;
  readonly words: Uint32Array;

  constructor(size: number, initiallySet = false) {
    this.size = size;
    this.words = new Uint32Array(Math.ceil(size / 32));
    if (initiallySet) {
      this.words.fill(0xffffffff);
      const tail = size % 32;
      if (tail !== 0) this.words[this.words.length - 1] = mask(0, tail);
    }
  }

  get(i: number): boolean {
    return (this.words[i >>> 5] & (1 << (i & 31))) !== 0;
  }

  set(i: number): void {
    this.words[i >>> 5] |= 1 << (i & 31);
  }

  clear(i: number): void {
    this.words[i >>> 5] &= ~(1 << (i & 31));
  }

  /** Sets bits [a, b); returns how many were previously clear. */
  setRange(a: number, b: number): number {
    if (b - a === 1) {
      const w = a >>> 5;
      const m = 1 << (a & 31);
      const old = this.words[w];
      if ((old & m) !== 0) return 0;
      this.words[w] = old | m;
      return 1;
    }
    let changed = 0;
    let i = a;
    while (i < b) {
      const w = i >>> 5;
      const lo = i & 31;
      const hi = Math.min(32, lo + (b - i));
      const m = mask(lo, hi);
      const old = this.words[w];
      changed += popcount32(~old & m);
      this.words[w] = old | m;
      i += hi - lo;
    }
    return changed;
  }

  /** Clears bits [a, b); returns how many were previously set. */
  clearRange(a: number, b: number): number {
    if (b - a === 1) {
      const w = a >>> 5;
      const m = 1 << (a & 31);
      const old = this.words[w];
      if ((old & m) === 0) return 0;
      this.words[w] = old & ~m;
      return 1;
    }
    let changed = 0;
    let i = a;
    while (i < b) {
      const w = i >>> 5;
      const lo = i & 31;
      const hi = Math.min(32, lo + (b - i));
      const m = mask(lo, hi);
      const old = this.words[w];
      changed += popcount32(old & m);
      this.words[w] = old & ~m;
      i += hi - lo;
    }
    return changed;
  }

  /** Number of set bits in [a, b). */
  countRange(a: number, b: number): number {
    let n = 0;
    let i = a;
    while (i < b) {
      const w = i >>> 5;
      const lo = i & 31;
      const hi = Math.min(32, lo + (b - i));
      n += popcount32(this.words[w] & mask(lo, hi));
      i += hi - lo;
    }
    return n;
  }

  /** First set bit in [from, limit), or -1. */
  nextSet(from: number, limit: number): number {
    if (from >= limit) return -1;
    let w = from >>> 5;
    let word = this.words[w] & ~((1 << (from & 31)) - 1);
    const lastW = (limit - 1) >>> 5;
    for (;;) {
      if (word !== 0) {
        const i = (w << 5) + lowestBit(word);
        return i < limit ? i : -1;
      }
      if (++w > lastW) return -1;
      word = this.words[w];
    }
  }

  /** First clear bit in [from, limit), or -1. */
  nextClear(from: number, limit: number): number {
    if (from >= limit) return -1;
    let w = from >>> 5;
    let word = ~this.words[w] & ~((1 << (from & 31)) - 1);
    const lastW = (limit - 1) >>> 5;
    for (;;) {
      if (word !== 0) {
        const i = (w << 5) + lowestBit(word);
        return i < limit ? i : -1;
      }
      if (++w > lastW) return -1;
      word = ~this.words[w];
    }
  }
}

const L1_SHIFT = 9; // 512 bits (16 words) per level-1 count
const L2_SHIFT = 15; // 64 level-1 blocks per level-2 count
const L3_SHIFT = 21; // 64 level-2 blocks per level-3 count

/**
 * A bitmap of set bits (here: frames that still fault) with three levels of counts (per 512 bits,
 * 32 Ki bits and 2 Mi bits): an update touches three counters, a prefix count or select(k) scans
 * at most 64 + 64 + 64 counters and 16 words, all sequential in memory (cache-friendly even for a
 * 1 TiB guest, whose bitmap is 32 MiB).
 */
export class SelectIndex {
  readonly bits: Bitmap;
  private readonly l1: Int32Array;
  private readonly l2: Int32Array;
  private readonly l3: Int32Array;
  private total: number;

  constructor(size: number) {
    this.bits = new Bitmap(size, true);
    this.l1 = new Int32Array(Math.ceil(size / (1 << L1_SHIFT)));
    this.l2 = new Int32Array(Math.ceil(size / (1 << L2_SHIFT)));
    this.l3 = new Int32Array(Math.ceil(size / (1 << L3_SHIFT)));
    for (let b = 0; b < this.l1.length; b++) {
      const start = b << L1_SHIFT;
      const n = Math.min(size, start + (1 << L1_SHIFT)) - start;
      this.l1[b] = n;
      this.l2[b >>> (L2_SHIFT - L1_SHIFT)] += n;
      this.l3[b >>> (L3_SHIFT - L1_SHIFT)] += n;
    }
    this.total = size;
  }

  get count(): number {
    return this.total;
  }

  has(i: number): boolean {
    return this.bits.get(i);
  }

  private add(i: number, d: number): void {
    this.l1[i >>> L1_SHIFT] += d;
    this.l2[i >>> L2_SHIFT] += d;
    this.l3[i >>> L3_SHIFT] += d;
    this.total += d;
  }

  /** Sets bit i (no-op if set). */
  set(i: number): void {
    if (this.bits.get(i)) return;
    this.bits.set(i);
    this.add(i, 1);
  }

  /** Clears [a, b); returns the number of bits that were set. */
  clearRange(a: number, b: number): number {
    if (b - a === 1) {
      if (this.bits.clearRange(a, b) === 0) return 0;
      this.add(a, -1);
      return 1;
    }
    let removed = 0;
    let i = a;
    while (i < b) {
      const end = Math.min(b, ((i >>> L1_SHIFT) + 1) << L1_SHIFT);
      const r = this.bits.clearRange(i, end);
      if (r !== 0) {
        removed += r;
        this.add(i, -r);
      }
      i = end;
    }
    return removed;
  }

  /** Number of set bits in [0, i). */
  prefix(i: number): number {
    let s = 0;
    const b3 = i >>> L3_SHIFT;
    for (let k = 0; k < b3; k++) s += this.l3[k];
    const b2 = i >>> L2_SHIFT;
    for (let k = b3 << (L3_SHIFT - L2_SHIFT); k < b2; k++) s += this.l2[k];
    const b1 = i >>> L1_SHIFT;
    for (let k = b2 << (L2_SHIFT - L1_SHIFT); k < b1; k++) s += this.l1[k];
    const start = b1 << L1_SHIFT;
    if (i > start) s += this.bits.countRange(start, i);
    return s;
  }

  /** Number of set bits in [a, b). */
  countRange(a: number, b: number): number {
    // A short range (an emulation window is 16 frames) is its few words, not two prefix sums that
    // each scan up to 192 counters.
    if (b - a <= 1 << L1_SHIFT) return this.bits.countRange(a, b);
    return this.prefix(b) - this.prefix(a);
  }

  /** Position of the k-th set bit (0-based). k must be < count. */
  select(k: number): number {
    let rem = k;
    let b3 = 0;
    while (this.l3[b3] <= rem) rem -= this.l3[b3++];
    let b2 = b3 << (L3_SHIFT - L2_SHIFT);
    while (this.l2[b2] <= rem) rem -= this.l2[b2++];
    let b1 = b2 << (L2_SHIFT - L1_SHIFT);
    while (this.l1[b1] <= rem) rem -= this.l1[b1++];
    let w = (b1 << L1_SHIFT) >>> 5;
    const words = this.bits.words;
    for (;;) {
      const word = words[w];
      const c = popcount32(word);
      if (rem < c) {
        let x = word;
        for (let r = 0; r < rem; r++) x &= x - 1;
        return (w << 5) + lowestBit(x);
      }
      rem -= c;
      w++;
    }
  }
}
