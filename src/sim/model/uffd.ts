import * as codes from '../kernel/codes.js';
import * as columns from '../kernel/columns.js';
import type { Model } from '../kernel/model.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { log2Of } = columns;

// Module-local copies: read once, not through the module binding on every use (hot path).
const { EV_READ } = codes;

/**
 * The userfaultfd (domain.md section 2): one file descriptor shared by every vCPU. A faulting
 * thread queues a message under the wait-queue spinlock and sleeps on the wait queue; a pool of
 * handler threads, parked in poll(), read() the messages, have the page fetched, and the install
 * wakes the waiters through the same wait queue. The spinlock's hold grows with the number of
 * sleepers (cache-line bouncing): the scalability problem of 000_.
 */
export class Uffd {
  /** When the wait-queue spinlock is next free. */
  private lockFreeAt = 0;
  /** Threads asleep on the wait queue. */
  private waiters = 0;
  /** Messages queued on the uffd, read from msgHead on. */
  private readonly messages: number[] = [];
  private msgHead = 0;
  private readonly handlerCount: number;
  /** Per handler thread: when it is free. */
  private readonly handlerFreeAt: Float64Array;
  /** Idle handler threads, longest idle first (a ring). */
  private readonly idle: Int32Array;
  private idleHead = 0;
  private idleLen = 0;

  constructor(private readonly m: Model) {
    this.handlerCount = m.ctx.spec.strategy.handlerThreads;
    this.handlerFreeAt = new Float64Array(this.handlerCount);
    this.idle = new Int32Array(this.handlerCount);
    for (let h = 0; h < this.handlerCount; h++) this.parkHandler(h, 0);
  }

  /** Contention-inflated hold of the wait-queue spinlock starting no earlier than t; returns its end. */
  private lock(t: number, hold: number): number {
    const start = t > this.lockFreeAt ? t : this.lockFreeAt;
    const w = this.waiters;
    const end = start + hold + (w > 1 ? this.m.ctx.costs.lock_bounce_per_log2_contender_ns * log2Of(w) : 0);
    this.lockFreeAt = end;
    return end;
  }

  /** handle_userfault: fault f (on `frame`, served by `mech`) is queued on the uffd and its thread sleeps. */
  onFault(f: number, frame: number, mech: number, entry: number, t: number): void {
    const { ctx, fetches, faults, routing } = this.m;
    const c = ctx.costs;
    const units = routing.fetchFrames;
    const start = frame - (frame % units);
    let x = fetches.find(frame, units);
    if (x >= 0 ? routing.partialRead(x, f, frame, t) : routing.partialReadOfBackground(f, frame, t)) return;
    const t1 = t + entry + c.gup_slow_path_ns;
    const herd = c.uffd_poll_herd_per_reader_ns * Math.max(0, this.idleLen - 1);
    const queuedAt = this.lock(t1, c.uffd_enqueue_ns + herd);
    this.waiters++;
    if (x < 0) x = fetches.alloc(start, units, false, mech);
    fetches.addWaiter(x, f, faults);
    faults.inUffdQueue[f] = 1;
    this.messages.push(f);
    if (this.idleLen > 0) {
      // The handler idle the longest takes it: at once if it is still finishing its previous
      // message, otherwise after it is woken from poll().
      const h = this.idle[this.idleHead];
      this.idleHead = (this.idleHead + 1) % this.handlerCount;
      this.idleLen--;
      const free = this.handlerFreeAt[h];
      ctx.queue.push(free > queuedAt ? free : queuedAt + c.handler_wakeup_ns, EV_READ, h);
    }
  }

  /** Handler h read()s the next message at t and has its page requested (or drops a stale one). */
  onRead(h: number, t: number): void {
    const { ctx, faults, fetches } = this.m;
    const c = ctx.costs;
    if (this.msgHead >= this.messages.length) {
      this.parkHandler(h, t);
      return;
    }
    const f = this.messages[this.msgHead++];
    if (this.msgHead > 4096 && this.msgHead * 2 > this.messages.length) {
      this.messages.splice(0, this.msgHead);
      this.msgHead = 0;
    }
    faults.inUffdQueue[f] = 0;
    const lockEnd = this.lock(t, c.uffd_read_lock_ns);
    const readAt = Math.max(lockEnd, t + c.uffd_read_ns);
    if (faults.resolved[f] === 1) {
      // Already woken (the page arrived meanwhile): the handler just drops the message.
      faults.release(f);
      this.handlerDone(h, readAt);
      return;
    }
    faults.thread[f] = h;
    const x = faults.fetch[f];
    let handlerFree = readAt;
    if (fetches.requested[x] === 0) {
      fetches.requested[x] = 1;
      fetches.requester[x] = f;
      const installAt = this.m.transport.request(x, readAt);
      // A local install (local source, or UFFDIO_CONTINUE of cached content) keeps the handler busy
      // until it has installed the page and woken the waiters; a remote fetch only until the request is sent.
      handlerFree = installAt >= 0 ? installAt + c.uffd_wake_ns : readAt + c.request_send_ns;
    }
    this.handlerDone(h, handlerFree);
  }

  /** Handler threads not parked in poll(): reading, requesting or installing. */
  busyHandlers(): number {
    return this.handlerCount - this.idleLen;
  }

  /** Wakes `n` sleepers of one page through the wait queue from t; returns when they run. */
  wakeWaiters(t: number, n: number): number {
    const c = this.m.ctx.costs;
    const at = this.lock(t, c.uffd_wake_ns + c.uffd_wake_scan_per_waiter_ns * this.waiters) + c.vcpu_wakeup_ns;
    this.waiters -= n;
    return at;
  }

  private parkHandler(h: number, freeAt: number): void {
    this.handlerFreeAt[h] = freeAt;
    this.idle[(this.idleHead + this.idleLen) % this.handlerCount] = h;
    this.idleLen++;
  }

  /** Handler h is done at `free`: it reads the next message then, or goes back to poll(). */
  private handlerDone(h: number, free: number): void {
    if (this.msgHead < this.messages.length) this.m.ctx.queue.push(free, EV_READ, h);
    else this.parkHandler(h, free);
  }
}
