import { growF64, growI32, growU8, IdPool } from '../kernel/columns.js';
import { IntMap } from '../intmap.js';

/**
 * Outstanding faults: one record per access that found its page missing, from raise to resolve.
 * A fault waits on exactly one fetch, in that fetch's waiter list.
 */
export class FaultTable {
  private readonly pool = new IdPool();
  /** The actor (vCPU, vhost thread or the device restore) that raised it. */
  actor = new Int32Array(64);
  frame = new Float64Array(64);
  path = new Uint8Array(64);
  mechanism = new Uint8Array(64);
  write = new Uint8Array(64);
  /** 1: reported through a userfaultfd (it sleeps on a wait queue); 0: a KVM exit to the vCPU thread. */
  viaUffd = new Uint8Array(64);
  /** Its message is still in the uffd queue (the record is released when a handler reads it). */
  inUffdQueue = new Uint8Array(64);
  resolved = new Uint8Array(64);
  raisedAt = new Float64Array(64);
  /** The uffd handler thread that read its message, or -1. */
  thread = new Int32Array(64);
  /** Next fault in the same fetch's waiter list, or -1. */
  nextWaiter = new Int32Array(64);
  fetch = new Int32Array(64);
  /** 1: an async page fault (KVM's async-PF worker waits for the page; the vCPU runs other tasks). */
  async = new Uint8Array(64);

  alloc(): number {
    const id = this.pool.alloc();
    if (id >= this.actor.length) {
      this.actor = growI32(this.actor, id);
      this.frame = growF64(this.frame, id);
      this.path = growU8(this.path, id);
      this.mechanism = growU8(this.mechanism, id);
      this.write = growU8(this.write, id);
      this.viaUffd = growU8(this.viaUffd, id);
      this.inUffdQueue = growU8(this.inUffdQueue, id);
      this.resolved = growU8(this.resolved, id);
      this.raisedAt = growF64(this.raisedAt, id);
      this.thread = growI32(this.thread, id);
      this.nextWaiter = growI32(this.nextWaiter, id);
      this.fetch = growI32(this.fetch, id);
      this.async = growU8(this.async, id);
    }
    return id;
  }

  release(f: number): void {
    this.pool.release(f);
  }
}

/**
 * Page fetches in progress: a 4 KiB frame (or a whole huge page on hugetlbfs) requested from the
 * source or installed locally, with the faults waiting for it. `pending` finds the fetch that will
 * make a frame present, so a second fault on the same page joins it instead of fetching again.
 */
export class FetchTable {
  private readonly pool = new IdPool();
  start = new Float64Array(64);
  frames = new Float64Array(64);
  /** Requested by an exiting vCPU thread, which installs the page itself. */
  byExit = new Uint8Array(64);
  mechanism = new Uint8Array(64);
  /** A request went out (or a local install started). */
  requested = new Uint8Array(64);
  /** The fault whose request it is, or -1. */
  requester = new Int32Array(64);
  /** Head of the waiter list (faults), or -1. */
  firstWaiter = new Int32Array(64);
  /** The background copy installed the page first: the request's install will return -EEXIST. */
  superseded = new Uint8Array(64);
  /** The content is already in the target's page cache: only UFFDIO_CONTINUE remains. */
  contentLocal = new Uint8Array(64);
  /** The write() window of a page-cache fill: the folio is cached but only partly written. */
  fillStart = new Float64Array(64);
  fillEnd = new Float64Array(64);
  /** When the page reaches the target (remote fetches). */
  arrivalAt = new Float64Array(64);
  /** When its request left the target, and when it reached the source (remote fetches): a link failure in between or before the arrival cuts it. */
  requestedAt = new Float64Array(64);
  reachedSourceAt = new Float64Array(64);
  /** Counted in postcopy-requests already (a request re-sent after a recovery is not counted again). */
  counted = new Uint8Array(64);
  /** A vCPU thread went straight into the install path for it (a KVM exit with the content at hand). */
  exitInstalling = new Uint8Array(64);
  /** Unit key (see key()) -> fetch id. */
  readonly pending = new IntMap(1024);
  /**
   * Pending fetches per block of 2^pendingBlockShift frames, by start frame: the background copy
   * looks up only the frames of blocks with one (most of an installed chunk has none).
   */
  readonly pendingPerBlock: Uint32Array;
  readonly pendingBlockShift: number;
  /**
   * vCPU threads inside the install path after a KVM exit: those whose content is at hand (local
   * source, page cache). One waiting for its page over the network sleeps in recv() meanwhile.
   */
  exitsInstalling = 0;

  constructor(
    private readonly hugeFrames: number,
    frames: number,
  ) {
    let shift = MIN_PENDING_BLOCK_SHIFT;
    while (frames > MAX_PENDING_BLOCKS * 2 ** shift) shift++;
    this.pendingBlockShift = shift;
    this.pendingPerBlock = new Uint32Array(Math.ceil(frames / 2 ** shift));
  }

  alloc(start: number, frames: number, exit: boolean, mech: number): number {
    const id = this.pool.alloc();
    if (id >= this.start.length) {
      this.start = growF64(this.start, id);
      this.frames = growF64(this.frames, id);
      this.byExit = growU8(this.byExit, id);
      this.mechanism = growU8(this.mechanism, id);
      this.requested = growU8(this.requested, id);
      this.requester = growI32(this.requester, id);
      this.firstWaiter = growI32(this.firstWaiter, id);
      this.superseded = growU8(this.superseded, id);
      this.contentLocal = growU8(this.contentLocal, id);
      this.fillStart = growF64(this.fillStart, id);
      this.fillEnd = growF64(this.fillEnd, id);
      this.arrivalAt = growF64(this.arrivalAt, id);
      this.exitInstalling = growU8(this.exitInstalling, id);
      this.requestedAt = growF64(this.requestedAt, id);
      this.reachedSourceAt = growF64(this.reachedSourceAt, id);
      this.counted = growU8(this.counted, id);
    }
    this.start[id] = start;
    this.frames[id] = frames;
    this.byExit[id] = exit ? 1 : 0;
    this.mechanism[id] = mech;
    this.requested[id] = 0;
    this.requester[id] = -1;
    this.firstWaiter[id] = -1;
    this.superseded[id] = 0;
    this.contentLocal[id] = 0;
    this.fillStart[id] = 0;
    this.fillEnd[id] = 0;
    this.arrivalAt[id] = 0;
    this.exitInstalling[id] = 0;
    this.requestedAt[id] = 0;
    this.reachedSourceAt[id] = 0;
    this.counted[id] = 0;
    const listed = this.pending.size;
    this.pending.set(key(start, frames), id);
    if (this.pending.size > listed) this.pendingPerBlock[start >>> this.pendingBlockShift]++;
    return id;
  }

  release(x: number): void {
    this.pool.release(x);
  }

  /** The fetch no longer makes its unit present for new faults. */
  unlist(x: number): void {
    if (this.pending.delete(key(this.start[x], this.frames[x]))) this.pendingPerBlock[this.start[x] >>> this.pendingBlockShift]--;
  }

  /** A pending fetch that will make `frame` present for a fault needing `frames` frames, or -1. */
  find(frame: number, frames: number): number {
    if (this.pending.size === 0) return -1;
    if (frames === 1) {
      const x = this.pending.get(frame * 2);
      if (x >= 0) return x;
    }
    if (this.hugeFrames > 1) {
      const hs = frame - (frame % this.hugeFrames);
      return this.pending.get(hs * 2 + 1);
    }
    return -1;
  }

  addWaiter(x: number, f: number, faults: FaultTable): void {
    faults.nextWaiter[f] = this.firstWaiter[x];
    this.firstWaiter[x] = f;
    faults.fetch[f] = x;
  }
}

/**
 * FetchTable.pendingPerBlock's blocks: 1024 frames or more, so that there are at most 8192 of them
 * (32 KiB of counts, which stay in the cache; a 1 TiB guest of 4K pages gets 32768-frame blocks).
 * Each fetch updates a count: with a count per 1024 frames, a 1 TiB guest had 512 KiB of them, and
 * bench:sim's 1t run took ~3% more CPU than without counts.
 */
const MIN_PENDING_BLOCK_SHIFT = 10;
const MAX_PENDING_BLOCKS = 8192;

/** A 4 KiB unit and a huge-page unit starting at the same frame have distinct keys. */
function key(start: number, frames: number): number {
  return start * 2 + (frames > 1 ? 1 : 0);
}
