import * as codes from '../kernel/codes.js';
import * as columns from '../kernel/columns.js';
import type { Model } from '../kernel/model.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { log2Of } = columns;

// Module-local copies: read once, not through the module binding on every use (hot path).
const { EV_READ } = codes;

/**
 * The userfaultfds. A userfaultfd is registered on a range of memory, and a fault goes to the one
 * registered on its page, whichever thread raised it. One shared by all memory (the default, as
 * QEMU does) makes every vCPU queue on one wait queue; strategy.uffdCount splits memory into equal
 * ranges with a userfaultfd each (uffdCount = vCPUs gives one per vCPU slice, as demand_paging_test
 * does), each with its own wait queue, lock and handler threads.
 */
export class Uffds {
  readonly list: Uffd[];
  /** Handler threads not parked in poll(), over every uffd: they are in the fault/install path. */
  busyHandlers = 0;
  private readonly handlersPerUffd: number;
  /** A registration range is a whole number of fetch units (a huge page is never split). */
  private readonly unitFrames: number;
  private readonly units: number;

  constructor(m: Model) {
    const count = m.ctx.spec.strategy.uffdCount;
    this.handlersPerUffd = m.ctx.spec.strategy.handlerThreads;
    this.unitFrames = m.routing.fetchFrames;
    this.units = Math.ceil(m.ctx.frames / this.unitFrames);
    this.list = Array.from({ length: count }, (_, i) => new Uffd(m, this, i * this.handlersPerUffd));
  }

  /** The userfaultfd registered on `frame`. */
  of(frame: number): Uffd {
    const n = this.list.length;
    return n === 1 ? this.list[0] : this.list[Math.floor((Math.floor(frame / this.unitFrames) * n) / this.units)];
  }

  /** Handler thread `handler` (numbered across every uffd) read()s its uffd's next message. */
  onRead(handler: number, t: number): void {
    this.list[Math.floor(handler / this.handlersPerUffd)].onRead(handler, t);
  }
}

/**
 * One userfaultfd (domain.md section 2). A faulting thread queues a message under the wait-queue
 * spinlock and sleeps on the wait queue; a pool of handler threads, parked in poll(), read() the
 * messages, have the page fetched, and the install wakes the waiters through the same wait queue.
 * The spinlock's hold grows with the number of sleepers (cache-line bouncing): the scalability
 * problem of 000_. poll() wakes every parked reader for one message (a thundering herd);
 * EPOLLEXCLUSIVE (strategy.uffdWake) wakes one.
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

  /** Readers poll() without EPOLLEXCLUSIVE: every parked reader wakes for a message. */
  private readonly herd: boolean;

  /** `firstHandler`: the number of its first handler thread, counted across every uffd. */
  constructor(
    private readonly m: Model,
    private readonly all: Uffds,
    private readonly firstHandler: number,
  ) {
    this.handlerCount = m.ctx.spec.strategy.handlerThreads;
    this.herd = m.ctx.spec.strategy.uffdWake === 'poll';
    this.handlerFreeAt = new Float64Array(this.handlerCount);
    this.idle = new Int32Array(this.handlerCount);
    all.busyHandlers += this.handlerCount;
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
    const herd = this.herd ? c.uffd_poll_herd_per_reader_ns * Math.max(0, this.idleLen - 1) : 0;
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
      this.all.busyHandlers++;
      const free = this.handlerFreeAt[h];
      ctx.queue.push(free > queuedAt ? free : queuedAt + c.handler_wakeup_ns, EV_READ, this.firstHandler + h);
    }
  }

  /** Handler thread `handler` read()s the next message at t and has its page requested (or drops a stale one). */
  onRead(handler: number, t: number): void {
    const h = handler - this.firstHandler;
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
    faults.thread[f] = handler;
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
    this.all.busyHandlers--;
  }

  /** Handler h is done at `free`: it reads the next message then, or goes back to poll(). */
  private handlerDone(h: number, free: number): void {
    if (this.msgHead < this.messages.length) this.m.ctx.queue.push(free, EV_READ, this.firstHandler + h);
    else this.parkHandler(h, free);
  }
}
