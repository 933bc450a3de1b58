import { allocateBatch, type FaultEventBatch } from '../events.js';

type Column = Int32Array | Float64Array | Uint8Array;

/** Growable columnar buffer of resolved fault events waiting to be handed out in batches. */
export class Outbox {
  private cap = 1024;
  len = 0;
  private vcpu = new Int32Array(this.cap);
  private thread = new Int32Array(this.cap);
  private gfn = new Float64Array(this.cap);
  private pageShift = new Uint8Array(this.cap);
  private write = new Uint8Array(this.cap);
  private path = new Uint8Array(this.cap);
  private mechanism = new Uint8Array(this.cap);
  private resolution = new Uint8Array(this.cap);
  private raisedAtNs = new Float64Array(this.cap);
  private resolvedAtNs = new Float64Array(this.cap);

  private grow(): void {
    const cap = this.cap * 2;
    const g = <T extends Column>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.vcpu = g(this.vcpu);
    this.thread = g(this.thread);
    this.gfn = g(this.gfn);
    this.pageShift = g(this.pageShift);
    this.write = g(this.write);
    this.path = g(this.path);
    this.mechanism = g(this.mechanism);
    this.resolution = g(this.resolution);
    this.raisedAtNs = g(this.raisedAtNs);
    this.resolvedAtNs = g(this.resolvedAtNs);
    this.cap = cap;
  }

  push(vcpu: number, thread: number, gfn: number, shift: number, write: number, path: number, mech: number, res: number, raised: number, resolved: number): void {
    if (this.len === this.cap) this.grow();
    const i = this.len++;
    this.vcpu[i] = vcpu;
    this.thread[i] = thread;
    this.gfn[i] = gfn;
    this.pageShift[i] = shift;
    this.write[i] = write;
    this.path[i] = path;
    this.mechanism[i] = mech;
    this.resolution[i] = res;
    this.raisedAtNs[i] = raised;
    this.resolvedAtNs[i] = resolved;
  }

  /** Moves the first n events into a batch. */
  take(n: number, firstSeq: number): FaultEventBatch {
    const b = allocateBatch(n, firstSeq);
    b.length = n;
    const move = (from: Column, to: Column): void => {
      to.set(from.subarray(0, n));
      if (this.len > n) from.copyWithin(0, n, this.len);
    };
    move(this.vcpu, b.vcpu);
    move(this.thread, b.thread);
    move(this.gfn, b.gfn);
    move(this.pageShift, b.pageShift);
    move(this.write, b.write);
    move(this.path, b.path);
    move(this.mechanism, b.mechanism);
    move(this.resolution, b.resolution);
    move(this.raisedAtNs, b.raisedAtNs);
    move(this.resolvedAtNs, b.resolvedAtNs);
    this.len -= n;
    return b;
  }
}
