/**
 * Page-state storage for guest memory: plain bitmaps over 4 KiB frames, and an index that can pick
 * "the k-th still-faultable frame" in O(log n). A 1 TiB guest has 2^28 frames: one bitmap is 32 MiB,
 * so the whole state stays in typed arrays and never in an object per page.
 */

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Index (0..31) of the lowest set bit of a non-zero word. */
export function lowestBit(x: number): number {
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

const BLOCK_SHIFT = 9; // 512 bits (16 words) per counted block

/**
 * A bitmap of set bits (here: frames that still fault) with per-block counts in a Fenwick tree:
 * prefix counts and select(k) in O(log n + 64 words).
 */
export class SelectIndex {
  readonly bits: Bitmap;
  private readonly tree: Int32Array; // Fenwick over blocks, 1-based
  private readonly blocks: number;
  private total: number;

  constructor(size: number) {
    this.bits = new Bitmap(size, true);
    this.blocks = Math.ceil(size / (1 << BLOCK_SHIFT));
    this.tree = new Int32Array(this.blocks + 1);
    // Linear-time Fenwick construction from full blocks.
    for (let b = 0; b < this.blocks; b++) {
      const start = b << BLOCK_SHIFT;
      const count = Math.min(size, start + (1 << BLOCK_SHIFT)) - start;
      const i = b + 1;
      this.tree[i] += count;
      const j = i + (i & -i);
      if (j <= this.blocks) this.tree[j] += this.tree[i];
    }
    this.total = size;
  }

  get count(): number {
    return this.total;
  }

  has(i: number): boolean {
    return this.bits.get(i);
  }

  /** Sets bit i (no-op if set). */
  set(i: number): void {
    if (this.bits.get(i)) return;
    this.bits.set(i);
    for (let j = (i >>> BLOCK_SHIFT) + 1; j <= this.blocks; j += j & -j) this.tree[j] += 1;
    this.total += 1;
  }

  /** Clears [a, b); returns the number of bits that were set. */
  clearRange(a: number, b: number): number {
    let removed = 0;
    let i = a;
    while (i < b) {
      const blk = i >>> BLOCK_SHIFT;
      const end = Math.min(b, (blk + 1) << BLOCK_SHIFT);
      const r = this.bits.clearRange(i, end);
      if (r !== 0) {
        removed += r;
        for (let j = blk + 1; j <= this.blocks; j += j & -j) this.tree[j] -= r;
      }
      i = end;
    }
    this.total -= removed;
    return removed;
  }

  /** Number of set bits in [0, i). */
  prefix(i: number): number {
    const blk = i >>> BLOCK_SHIFT;
    let s = 0;
    for (let j = blk; j > 0; j -= j & -j) s += this.tree[j];
    const start = blk << BLOCK_SHIFT;
    if (i > start) s += this.bits.countRange(start, i);
    return s;
  }

  countRange(a: number, b: number): number {
    return this.prefix(b) - this.prefix(a);
  }

  /** Position of the k-th set bit (0-based). k must be < count. */
  select(k: number): number {
    let pos = 0;
    let rem = k;
    let step = 1;
    while (step * 2 <= this.blocks) step *= 2;
    for (; step > 0; step >>= 1) {
      const nxt = pos + step;
      if (nxt <= this.blocks && this.tree[nxt] <= rem) {
        pos = nxt;
        rem -= this.tree[nxt];
      }
    }
    // pos = number of whole blocks before the target block.
    let w = (pos << BLOCK_SHIFT) >>> 5;
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
