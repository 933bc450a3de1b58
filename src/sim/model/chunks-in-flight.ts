import { growF64, growI32, growU8 } from '../kernel/columns.js';

/**
 * The background copy's chunks in flight, by sequence number: a queue of typed-array columns. (As
 * arrays of numbers they were half of what a 1 GiB run allocated: a grown backing store and boxed
 * doubles for every chunk.) Chunks are appended in sequence and finished in any order (several
 * multifd receive threads); the finished prefix is dropped from time to time.
 */
export class ChunksInFlight {
  /** Frames [start, end): int32 (at most 2^30 frames, MAX_MEMORY_MIB), so that they stay small integers downstream. */
  start = new Int32Array(64);
  end = new Int32Array(64);
  done = new Uint8Array(64);
  /** When the chunk was written to the socket and when it reaches the target: a link failure in between cuts it. */
  sentAt = new Float64Array(64);
  arrival = new Float64Array(64);
  /** Its write() window [fill start, install): read only when the copier tracks fill windows. */
  fillStart = new Float64Array(64);
  installAt = new Float64Array(64);
  /** Index of the first chunk not finished; chunks [head, length) are the ones in flight (some finished). */
  head = 0;
  length = 0;
  /** Sequence number of the chunk at index 0. */
  private base = 0;

  /** Appends a chunk; returns its sequence number. */
  push(start: number, end: number, sentAt: number, arrival: number, fillStart: number, installAt: number): number {
    const i = this.length++;
    if (i >= this.start.length) {
      this.start = growI32(this.start, i);
      this.end = growI32(this.end, i);
      this.done = growU8(this.done, i);
      this.sentAt = growF64(this.sentAt, i);
      this.arrival = growF64(this.arrival, i);
      this.fillStart = growF64(this.fillStart, i);
      this.installAt = growF64(this.installAt, i);
    }
    this.start[i] = start;
    this.end[i] = end;
    this.done[i] = 0;
    this.sentAt[i] = sentAt;
    this.arrival[i] = arrival;
    this.fillStart[i] = fillStart;
    this.installAt[i] = installAt;
    return this.base + i;
  }

  /** The index of chunk `seq` in the columns (valid until the next finish()). */
  indexOf(seq: number): number {
    return seq - this.base;
  }

  /** Chunk at index i is finished (installed or cut). */
  finish(i: number): void {
    this.done[i] = 1;
    while (this.head < this.length && this.done[this.head] === 1) this.head++;
    const head = this.head;
    if (head > 4096 && head * 2 > this.length) {
      const n = this.length;
      for (const column of [this.start, this.end, this.done, this.sentAt, this.arrival, this.fillStart, this.installAt]) column.copyWithin(0, head, n);
      this.length = n - head;
      this.base += head;
      this.head = 0;
    }
  }
}
