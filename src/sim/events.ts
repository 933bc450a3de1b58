/**
 * Fault events travel out of the simulator in columnar batches of typed arrays: millions of events
 * per second cannot afford an object per event. Enum columns hold the codes of vocabulary.ts.
 * Times are simulated nanoseconds since the source paused the VM (t = 0); doubles hold them exactly
 * up to 2^53 ns (104 days).
 */
export interface FaultEventBatch {
  /** Sequence number of the first event in this batch; event i has seq = firstSeq + i. Seqs start at 0, dense. */
  firstSeq: number;
  length: number;
  /** Faulting vCPU, or -1 when no vCPU raised it (device restore, vhost/VMM thread). */
  vcpu: Int32Array;
  /** Thread that resolved the fault: a uffd handler thread index, or -1 for the faulting vCPU's own thread. */
  thread: Int32Array;
  /** Guest frame number (4 KiB units) of the faulting access. */
  gfn: Float64Array;
  /** log2 of the size of the page that the resolution moved (12, 21 or 30). */
  pageShift: Uint8Array;
  /** 1 for a write access, 0 for a read. */
  write: Uint8Array;
  path: Uint8Array;
  mechanism: Uint8Array;
  resolution: Uint8Array;
  raisedAtNs: Float64Array;
  resolvedAtNs: Float64Array;
}

export function allocateBatch(capacity: number, firstSeq: number): FaultEventBatch {
  return {
    firstSeq,
    length: 0,
    vcpu: new Int32Array(capacity),
    thread: new Int32Array(capacity),
    gfn: new Float64Array(capacity),
    pageShift: new Uint8Array(capacity),
    write: new Uint8Array(capacity),
    path: new Uint8Array(capacity),
    mechanism: new Uint8Array(capacity),
    resolution: new Uint8Array(capacity),
    raisedAtNs: new Float64Array(capacity),
    resolvedAtNs: new Float64Array(capacity),
  };
}
