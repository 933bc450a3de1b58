/**
 * The simulator's only source of randomness: a seeded xoshiro128** generator (32-bit integer
 * arithmetic, so the sequence is identical on every JavaScript engine). No Math.random.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 expands the seed into the four state words (never all zero).
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() | 1;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 bits of resolution. */
  float(): number {
    const hi = this.u32() >>> 5; // 27 bits
    const lo = this.u32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform double in [0, 1) with 32 bits of resolution (one draw): for accept/reject decisions. */
  float32(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform double in (0, 1]: safe for logarithms. */
  floatOpen(): number {
    return 1 - this.float();
  }

  /** Uniform integer in [0, n) for n up to 2^32, from one 32-bit draw (bias < n / 2^32). */
  below32(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }

  /** Uniform integer in [0, n) for n up to 2^53. */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /**
   * Number of Bernoulli(p) trials up to and including the first success (>= 1), by inversion.
   * Returns Infinity when p <= 0.
   */
  geometric(p: number): number {
    if (p >= 1) return 1;
    if (p <= 0) return Infinity;
    const u = this.floatOpen();
    const k = Math.floor(Math.log(u) / Math.log1p(-p)) + 1;
    return k < 1 ? 1 : k;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
