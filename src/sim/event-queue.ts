/**
 * Discrete-event queue: a 4-ary min-heap over typed arrays, ordered by (time, insertion sequence).
 * The insertion sequence breaks ties, so events at the same simulated time pop in the order they
 * were scheduled: the simulation is deterministic by construction. The heap moves only its keys and
 * a slot number; the payload (kind, arg, gen) stays in its slot.
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private slot: Int32Array;
  private kind: Uint8Array;
  private arg: Int32Array;
  private gen: Int32Array;
  private freeSlots: Int32Array;
  private nFree = 0;
  private n = 0;
  private nextSeq = 0;

  // The popped event.
  t = 0;
  k = 0;
  a = 0;
  g = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.slot = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.arg = new Int32Array(capacity);
    this.gen = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    for (let i = capacity - 1; i >= 0; i--) this.freeSlots[this.nFree++] = i;
  }

  get size(): number {
    return this.n;
  }

  push(time: number, kind: number, arg: number, gen = 0): void {
    // Simulated time is whole nanoseconds: fault events are stored and served as integers.
    time = Math.ceil(time);
    if (this.n === this.time.length) this.grow();
    const sl = this.freeSlots[--this.nFree];
    this.kind[sl] = kind;
    this.arg[sl] = arg;
    this.gen[sl] = gen;
    const s = this.nextSeq++;
    const T = this.time;
    const S = this.seq;
    const L = this.slot;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = T[p];
      if (pt < time || (pt === time && S[p] < s)) break;
      T[i] = pt;
      S[i] = S[p];
      L[i] = L[p];
      i = p;
    }
    T[i] = time;
    S[i] = s;
    L[i] = sl;
  }

  /** Removes the earliest event into (t, k, a, g). Returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const T = this.time;
    const S = this.seq;
    const L = this.slot;
    const top = L[0];
    this.t = T[0];
    this.k = this.kind[top];
    this.a = this.arg[top];
    this.g = this.gen[top];
    this.freeSlots[this.nFree++] = top;
    const last = --this.n;
    if (last === 0) return true;
    const lt = T[last];
    const ls = S[last];
    const ll = L[last];
    let i = 0;
    for (;;) {
      const c0 = 4 * i + 1;
      if (c0 >= last) break;
      let c = c0;
      let ct = T[c0];
      let cs = S[c0];
      const cEnd = c0 + 4 < last ? c0 + 4 : last;
      for (let j = c0 + 1; j < cEnd; j++) {
        const jt = T[j];
        if (jt < ct || (jt === ct && S[j] < cs)) {
          c = j;
          ct = jt;
          cs = S[j];
        }
      }
      if (lt < ct || (lt === ct && ls < cs)) break;
      T[i] = ct;
      S[i] = cs;
      L[i] = L[c];
      i = c;
    }
    T[i] = lt;
    S[i] = ls;
    L[i] = ll;
    return true;
  }

  private grow(): void {
    const old = this.time.length;
    const cap = old * 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.time = f64(this.time);
    this.seq = f64(this.seq);
    this.slot = i32(this.slot);
    this.arg = i32(this.arg);
    this.gen = i32(this.gen);
    const k = new Uint8Array(cap);
    k.set(this.kind);
    this.kind = k;
    // All slots were in use: the new ones are free.
    this.freeSlots = new Int32Array(cap);
    this.nFree = 0;
    for (let i = cap - 1; i >= old; i--) this.freeSlots[this.nFree++] = i;
  }
}
