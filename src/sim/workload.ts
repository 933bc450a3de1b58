/**
 * Where accesses go. Frames are addressed in "rank space": rank 0 is the hottest page of the
 * working set. A Placement maps ranks to guest frames block by block (a seeded affine permutation,
 * so hot pages are spread over memory, or the identity for scans). A PieceDist is an access
 * distribution over ranks that is uniform within each piece; it tracks how much of its probability
 * mass still faults, which lets the engine skip every access that hits a present page.
 */
import type { Rng } from './rng.js';
import type { SelectIndex } from './memory.js';

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function modInverse(a: number, m: number): number {
  let [oldR, r] = [a, m];
  let [oldS, s] = [1, 0];
  while (r !== 0) {
    const q = Math.floor(oldR / r);
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

/** (a * b) mod m without losing precision for a, b, m < 2^32. */
function mulMod(a: number, b: number, m: number): number {
  const hi = Math.floor(b / 65536);
  const lo = b % 65536;
  return (((a * hi) % m) * 65536 + a * lo) % m;
}

/**
 * The placement of a run: blocks of at least 2 MiB (and a whole uffd unit) that divide memory,
 * permuted for the random patterns, the identity for the scans. The run draws it first from its
 * seeded generator, so a fresh generator of the same seed rebuilds it (vm.poisonPlacement).
 */
export function placementFor(frames: number, hugeFrames: number, pattern: string, rng: Rng): Placement {
  let blockFrames = Math.max(512, hugeFrames);
  while (blockFrames > hugeFrames && frames % blockFrames !== 0) blockFrames /= 2;
  if (blockFrames > frames) blockFrames = frames;
  return new Placement(frames, blockFrames, pattern === 'uniform' || pattern === 'zipf', rng);
}

export class Placement {
  readonly blockFrames: number;
  readonly blocks: number;
  private readonly a: number;
  private readonly aInv: number;
  private readonly c: number;
  /** blocks - 1 when blocks is a power of two (then 32-bit multiply-and-mask is exact), else -1. */
  private readonly mask: number;

  constructor(frames: number, blockFrames: number, permute: boolean, rng: Rng) {
    this.blockFrames = blockFrames;
    this.blocks = frames / blockFrames;
    const n = this.blocks;
    this.mask = (n & (n - 1)) === 0 && n <= 2 ** 30 ? n - 1 : -1;
    if (!permute || n <= 2) {
      this.a = 1;
      this.aInv = 1;
      this.c = 0;
      return;
    }
    let a = 1 + rng.below(n - 1);
    while (gcd(a, n) !== 1) a = (a % (n - 1)) + 1;
    this.a = a;
    this.aInv = modInverse(a, n);
    this.c = rng.below(n);
  }

  rankToFrame(r: number): number {
    const bf = this.blockFrames;
    const blk = Math.floor(r / bf);
    const pb = this.mask >= 0 ? (Math.imul(this.a, blk) + this.c) & this.mask : (mulMod(this.a, blk, this.blocks) + this.c) % this.blocks;
    return pb * bf + (r - blk * bf);
  }

  frameToRank(f: number): number {
    const bf = this.blockFrames;
    const pb = Math.floor(f / bf);
    const blk =
      this.mask >= 0
        ? Math.imul(this.aInv, (pb - this.c) & this.mask) & this.mask
        : mulMod(this.aInv, (pb - this.c + this.blocks) % this.blocks, this.blocks);
    return blk * bf + (f - pb * bf);
  }
}

/** Sum of (r+1)^-s for r in [a, b). */
function zipfMass(a: number, b: number, s: number): number {
  if (b - a <= 64) {
    let m = 0;
    for (let r = a; r < b; r++) m += (r + 1) ** -s;
    return m;
  }
  const lo = a + 0.5;
  const hi = b + 0.5;
  if (Math.abs(s - 1) < 1e-12) return Math.log(hi / lo);
  return (hi ** (1 - s) - lo ** (1 - s)) / (1 - s);
}

const HEAD = 64; // zipf ranks below this each have their own piece
const SPLIT_SHIFT = 3; // each further octave is split into 8 pieces

function zipfPieceOf(r: number): number {
  if (r < HEAD) return r;
  const j = 31 - Math.clz32(r);
  return HEAD + ((j - 6) << SPLIT_SHIFT) + (((r ^ (1 << j)) >>> (j - SPLIT_SHIFT)) | 0);
}

/**
 * An access distribution over ranks [0, W), piecewise uniform. `mass` is the probability that one
 * access hits a rank that still faults (its bit is set in the SelectIndex).
 */
export class PieceDist {
  readonly starts: Float64Array;
  readonly sizes: Float64Array;
  /** Probability of one access landing in the piece. */
  readonly weights: Float64Array;
  readonly missing: Float64Array;
  readonly end: number;
  private readonly zipf: boolean;
  /** Fenwick tree over the pieces' faulting mass (weight * missing / size), 1-based. */
  private readonly tree: Float64Array;
  private readonly top: number;
  mass = 0;
  private updates = 0;

  private constructor(starts: number[], sizes: number[], weights: number[], zipf: boolean, end: number) {
    this.starts = Float64Array.from(starts);
    this.sizes = Float64Array.from(sizes);
    const total = weights.reduce((x, y) => x + y, 0);
    this.weights = Float64Array.from(weights.map((w) => w / total));
    this.missing = new Float64Array(starts.length);
    this.zipf = zipf;
    this.end = end;
    this.tree = new Float64Array(starts.length + 1);
    let top = 1;
    while (top * 2 <= starts.length) top *= 2;
    this.top = top;
  }

  private pieceMass(p: number): number {
    return (this.weights[p] * this.missing[p]) / this.sizes[p];
  }

  private rebuild(): void {
    const n = this.starts.length;
    this.tree.fill(0);
    let m = 0;
    for (let p = 0; p < n; p++) {
      const v = this.pieceMass(p);
      m += v;
      const i = p + 1;
      this.tree[i] += v;
      const j = i + (i & -i);
      if (j <= n) this.tree[j] += this.tree[i];
    }
    this.mass = m;
  }

  private add(p: number, delta: number): void {
    for (let i = p + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta;
    this.mass += delta;
  }

  static uniform(lo: number, hi: number): PieceDist {
    return new PieceDist([lo], [hi - lo], [1], false, hi);
  }

  static zipf(w: number, s: number): PieceDist {
    const starts: number[] = [];
    const sizes: number[] = [];
    const weights: number[] = [];
    for (let r = 0; r < w; ) {
      const p = zipfPieceOf(r);
      let next = r + 1;
      if (r >= HEAD) {
        const j = 31 - Math.clz32(r);
        const width = 2 ** (j - SPLIT_SHIFT);
        next = 2 ** j + (p - HEAD - (j - 6) * (1 << SPLIT_SHIFT) + 1) * width;
      }
      if (next > w) next = w;
      starts.push(r);
      sizes.push(next - r);
      weights.push(zipfMass(r, next, s));
      r = next;
    }
    return new PieceDist(starts, sizes, weights, true, w);
  }

  private pieceOf(r: number): number {
    return this.zipf ? zipfPieceOf(r) : 0;
  }

  /** Recomputes the missing counts from the index. */
  init(index: SelectIndex): void {
    for (let p = 0; p < this.starts.length; p++) this.missing[p] = index.countRange(this.starts[p], this.starts[p] + this.sizes[p]);
    this.rebuild();
  }

  /** `removed` ranks in [a, b) stopped faulting (the caller counts them); keeps mass current. */
  onCleared(a: number, b: number, index: SelectIndex, removedTotal: number): void {
    if (a >= this.end || b <= this.starts[0]) return;
    const lo = Math.max(a, this.starts[0]);
    const hi = Math.min(b, this.end);
    const p0 = this.pieceOf(lo);
    const p1 = this.pieceOf(hi - 1);
    if (p0 === p1 && lo === a && hi === b) {
      this.missing[p0] -= removedTotal;
      this.add(p0, -(this.weights[p0] * removedTotal) / this.sizes[p0]);
    } else {
      // Rare (a range across pieces): recount the touched pieces.
      for (let p = p0; p <= p1; p++) {
        const before = this.missing[p];
        const now = index.countRange(this.starts[p], this.starts[p] + this.sizes[p]);
        this.missing[p] = now;
        this.add(p, -(this.weights[p] * (before - now)) / this.sizes[p]);
      }
    }
    // Periodic exact rebuild keeps floating-point drift away (deterministically).
    if (++this.updates % 65536 === 0) this.rebuild();
    if (this.mass < 1e-300) this.mass = 0;
  }

  /** A still-faulting rank drawn with the distribution conditioned on faulting; -1 if none. */
  pick(rng: Rng, index: SelectIndex): number {
    const n = this.starts.length;
    let p = 0;
    if (n > 1) {
      // Fenwick descent to the piece holding the target mass.
      let rem = rng.float() * this.mass;
      let pos = 0;
      for (let step = this.top; step > 0; step >>= 1) {
        const nxt = pos + step;
        if (nxt <= n && this.tree[nxt] <= rem) {
          pos = nxt;
          rem -= this.tree[nxt];
        }
      }
      p = pos < n ? pos : n - 1;
      // Rounding can land on an exhausted piece: take the nearest one that still faults.
      if (this.missing[p] <= 0) {
        let q = p;
        while (q < n && this.missing[q] <= 0) q++;
        if (q >= n) {
          q = p;
          while (q >= 0 && this.missing[q] <= 0) q--;
        }
        if (q < 0) return -1;
        p = q;
      }
    } else if (this.missing[0] <= 0) return -1;
    const miss = this.missing[p];
    const start = this.starts[p];
    const size = this.sizes[p];
    if (miss * 4 > size) {
      // Mostly missing: rejection sampling (uniform among the faulting ranks, exactly) touches one
      // bitmap word instead of scanning the count levels.
      const bits = index.bits.words;
      for (let tries = 0; tries < 4; tries++) {
        const r = start + rng.below32(size);
        if ((bits[r >>> 5] & (1 << (r & 31))) !== 0) return r;
      }
    }
    const k = rng.below32(miss);
    return index.select(start === 0 ? k : index.prefix(start) + k);
  }
}
