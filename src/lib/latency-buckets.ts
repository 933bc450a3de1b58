/**
 * The latency histogram's buckets: log-scale, `perDoubling` of them between each power of two and
 * the next (1: the classic log2 buckets [2^k, 2^(k+1))). Bounds are whole nanoseconds, the smallest
 * integer at or above 2^(i / perDoubling), so at small latencies neighbouring bounds can coincide and
 * are listed once. Bucket 0 holds latency 0; bucket b >= 1 holds [bounds[b-1], bounds[b]).
 * One definition for the database query (width_bucket over these thresholds) and for the API's bounds.
 */
export const MAX_LATENCY_BUCKETS_PER_DOUBLING = 64;
const MAX_EXPONENT = 62; // latencies are int8 nanoseconds

const cache = new Map<number, number[]>();

/** Ascending, distinct thresholds 1 .. 2^62 (exact powers of two at every perDoubling-th step). */
export function latencyBucketBounds(perDoubling: number): number[] {
  if (!Number.isInteger(perDoubling) || perDoubling < 1 || perDoubling > MAX_LATENCY_BUCKETS_PER_DOUBLING) {
    throw new RangeError(`perDoubling must be an integer in 1..${MAX_LATENCY_BUCKETS_PER_DOUBLING}`);
  }
  let bounds = cache.get(perDoubling);
  if (!bounds) {
    bounds = [];
    for (let i = 0; i <= MAX_EXPONENT * perDoubling; i++) {
      const k = Math.floor(i / perDoubling);
      const v = i % perDoubling === 0 ? 2 ** k : Math.ceil(2 ** (i / perDoubling));
      if (v > (bounds.at(-1) ?? 0)) bounds.push(v);
    }
    cache.set(perDoubling, bounds);
  }
  return bounds;
}

/** Bucket b of latencyBucketBounds(perDoubling) as [lowerNs, upperNs). */
export function latencyBucketRange(perDoubling: number, bucket: number): { lowerNs: number; upperNs: number } {
  const bounds = latencyBucketBounds(perDoubling);
  if (bucket === 0) return { lowerNs: 0, upperNs: 1 };
  return { lowerNs: bounds[bucket - 1], upperNs: bounds[bucket] ?? 2 ** (MAX_EXPONENT + 1) };
}
