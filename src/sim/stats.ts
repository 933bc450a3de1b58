/**
 * Latency distributions in bounded memory: a log-linear histogram (64 sub-buckets per power of
 * two, relative error < 1.6 %) instead of a list of every latency. max is exact.
 */
const SUB = 64;
const BUCKETS = SUB + 48 * SUB; // values up to 2^54 ns

export function bucketOf(v: number): number {
  if (v < SUB) return v < 0 ? 0 : Math.floor(v);
  if (v < 4294967296) {
    const iv = v >>> 0;
    const e = 31 - Math.clz32(iv);
    return SUB + (e - 6) * SUB + ((iv >>> (e - 6)) & (SUB - 1));
  }
  const e = Math.floor(Math.log2(v));
  let sub = Math.floor((v / 2 ** e - 1) * SUB);
  if (sub >= SUB) sub = SUB - 1;
  if (sub < 0) sub = 0;
  const b = SUB + (e - 6) * SUB + sub;
  return b >= BUCKETS ? BUCKETS - 1 : b;
}

function bucketMid(b: number): number {
  if (b < SUB) return b + 0.5;
  const e = Math.floor((b - SUB) / SUB) + 6;
  const sub = (b - SUB) % SUB;
  return 2 ** e * (1 + (sub + 0.5) / SUB);
}

export interface LatencySummary {
  count: number;
  meanNs: number;
  p50Ns: number;
  p90Ns: number;
  p99Ns: number;
  maxNs: number;
}

/** One bucket of a log2 histogram: [0, 1) holds latency 0, then [2^k, 2^(k+1)) (bpftrace's hist()). */
export interface Log2Bucket {
  lowerNs: number;
  upperNs: number;
  count: number;
}

/** Lower bound of the log2 bucket that holds every value of log-linear bucket b (each lies within one power of two). */
function log2LowerOf(b: number): number {
  if (b < SUB) return b === 0 ? 0 : 2 ** Math.floor(Math.log2(b));
  return 2 ** (Math.floor((b - SUB) / SUB) + 6);
}

/** The mean of `sum` over `count` values, in whole ns (0 for none). */
export function meanNs(sum: number, count: number): number {
  return count > 0 ? wholeNs(sum / count) : 0;
}

export class LatencyHistogram {
  private counts = new Float64Array(BUCKETS);
  count = 0;
  max = 0;
  sum = 0;

  /** Adds v, whose bucketOf(v) the caller computed once (one latency goes to several histograms). */
  addInBucket(b: number, v: number): void {
    this.counts[b]++;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let acc = 0;
    for (let b = 0; b < BUCKETS; b++) {
      acc += this.counts[b];
      if (acc >= rank) return Math.min(bucketMid(b), this.max);
    }
    return this.max;
  }

  /** The counts folded into log2 buckets, the non-empty ones in ascending order (exact: each log-linear bucket lies in one). */
  log2Buckets(): Log2Bucket[] {
    const out: Log2Bucket[] = [];
    for (let b = 0; b < BUCKETS; b++) {
      const n = this.counts[b];
      if (n === 0) continue;
      const lowerNs = log2LowerOf(b);
      const last = out.at(-1);
      if (last && last.lowerNs === lowerNs) last.count += n;
      else out.push({ lowerNs, upperNs: lowerNs === 0 ? 1 : lowerNs * 2, count: n });
    }
    return out;
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      meanNs: meanNs(this.sum, this.count),
      p50Ns: wholeNs(this.percentile(0.5)),
      p90Ns: wholeNs(this.percentile(0.9)),
      p99Ns: wholeNs(this.percentile(0.99)),
      maxNs: wholeNs(this.max),
    };
  }
}

/** A time in whole nanoseconds, as every time in a result is (events are whole ns already). */
export function wholeNs(v: number): number {
  return Math.round(v);
}

/** Rounds a rate to 0.001 so that results print identically everywhere. */
export function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
