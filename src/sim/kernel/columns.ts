/**
 * Structure-of-arrays tables: a record is an integer id, each field a typed-array column. Ids come
 * from a free list, so the columns stay as long as the most records alive at once.
 */
export class IdPool {
  private readonly free: number[] = [];
  private next = 0;
  alloc(): number {
    return this.free.length > 0 ? (this.free.pop() as number) : this.next++;
  }
  release(id: number): void {
    this.free.push(id);
  }
}

export function growF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Float64Array(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}
export function growI32(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Int32Array(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}
export function growU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Uint8Array(Math.max(n + 1, a.length * 2));
  b.set(a);
  return b;
}

const LOG2 = Float64Array.from({ length: 4096 }, (_, i) => (i > 0 ? Math.log2(i) : 0));

/** log2(n) for a count of threads, from a table for the common small counts. */
export function log2Of(n: number): number {
  return n < 4096 ? LOG2[n] : Math.log2(n);
}
