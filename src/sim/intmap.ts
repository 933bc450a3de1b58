/**
 * Open-addressing hash map from non-negative integer keys (< 2^53) to int32 values, on typed arrays
 * (linear probing, backward-shift deletion). Used for the few thousand in-flight fetches, where a
 * JavaScript Map with large numeric keys is too slow.
 */
const EMPTY = -1;

export class IntMap {
  private keys: Float64Array;
  private vals: Int32Array;
  private mask: number;
  private shift: number;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.keys = new Float64Array(cap).fill(EMPTY);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  private slot(key: number): number {
    // Fibonacci hashing (the high bits of the product are well mixed) of the low 32-bit half, mixed
    // with the high half. Keys under 2^32 (nearly all) skip the floating-point modulo, which cost
    // more than the probing: same slot, so the same iteration order and results.
    if (key < 4294967296) return (Math.imul(key | 0, 0x9e3779b1) >>> this.shift) & this.mask;
    const lo = key % 4294967296;
    const hi = (key - lo) / 4294967296;
    return (Math.imul((lo ^ Math.imul(hi, 0x85ebca77)) | 0, 0x9e3779b1) >>> this.shift) & this.mask;
  }

  get(key: number): number {
    const keys = this.keys;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === key) return this.vals[i];
      if (k === EMPTY) return -1;
    }
  }

  set(key: number, val: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    const keys = this.keys;
    for (let i = this.slot(key); ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === key) {
        this.vals[i] = val;
        return;
      }
      if (k === EMPTY) {
        keys[i] = key;
        this.vals[i] = val;
        this.size++;
        return;
      }
    }
  }

  delete(key: number): boolean {
    const keys = this.keys;
    let i = this.slot(key);
    for (; ; i = (i + 1) & this.mask) {
      const k = keys[i];
      if (k === EMPTY) return false;
      if (k === key) break;
    }
    // Backward-shift deletion keeps probe chains intact without tombstones.
    let j = i;
    for (;;) {
      j = (j + 1) & this.mask;
      const k = keys[j];
      if (k === EMPTY) break;
      const home = this.slot(k);
      const between = i <= j ? home > i && home <= j : home > i || home <= j;
      if (between) continue;
      keys[i] = k;
      this.vals[i] = this.vals[j];
      i = j;
    }
    keys[i] = EMPTY;
    this.size--;
    return true;
  }

  /** Calls fn for every entry (order: slot order, deterministic for a given history). */
  forEach(fn: (key: number, val: number) => void): void {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) fn(keys[i], this.vals[i]);
  }

  private rehash(cap: number): void {
    const oldK = this.keys;
    const oldV = this.vals;
    this.keys = new Float64Array(cap).fill(EMPTY);
    this.vals = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.size = 0;
    for (let i = 0; i < oldK.length; i++) if (oldK[i] !== EMPTY) this.set(oldK[i], oldV[i]);
  }
}
