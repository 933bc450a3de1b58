import * as codes from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import { Link } from '../link.js';
import { ZERO_PAGE_WIRE_BYTES } from '../zero-pages.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { EV_INSTALL, FRAME } = codes;
const ZERO_BYTES = ZERO_PAGE_WIRE_BYTES;

/**
 * Page requests and their answers: a request travels to the source, the source serves requests in
 * order, the page goes back on the main channel (behind the background stream) or, with
 * postcopy-preempt, on the urgent channel; a receive thread per channel installs what arrives, in
 * order. A page for a KVM exit is usable once the receive side has consumed the stream ahead of it;
 * then the vCPU thread installs it itself (or on arrival, over a connection of its own).
 */
export class Transport {
  readonly link: Link;
  /** With postcopy-preempt: demand pages travel on their own channel. */
  private readonly preempt: boolean;
  /**
   * network.preemptSender migration_thread: the urgent page is sent by the migration thread, which
   * is blocked in sendmsg() on the main socket while it is full: it writes the background stream,
   * unless multifd channels carry it in post-copy (network.multifdInPostcopy; QEMU's multifd
   * threads stop at the switch to post-copy, so there the migration thread writes it).
   */
  private readonly urgentWaitsForMigrationThread: boolean;
  /** network.demandChannel separate_connection: pages for KVM exits skip the migration stream. */
  private readonly exitConnection: boolean;
  /** The socket buffer of the main channel, in ns of transmission. */
  readonly sendBufferNs: number;
  /** When the source is next free to serve a request. */
  private sourceFreeAt = 0;
  /** When each channel's receive thread on the target is next free. */
  mainReceiverFreeAt = 0;
  private urgentReceiverFreeAt = 0;
  /** Fetches whose request waits for the link to be back (raised during a pause, or cut by the failure). */
  private held: number[] = [];

  constructor(private readonly m: Model) {
    const net = m.ctx.spec.network;
    this.link = new Link(net.bandwidthGbps, net.rttUs);
    this.preempt = net.postcopyPreempt && !m.ctx.sourceLocal;
    this.exitConnection = net.demandChannel === 'separate_connection';
    this.urgentWaitsForMigrationThread = this.preempt && net.preemptSender === 'migration_thread' && m.ctx.postcopyMultifdChannels === 1;
    this.sendBufferNs = this.link.txNs(m.ctx.costs.send_buffer_kib * 1024);
  }

  /** Issues the fetch of `x` at time t: a local install (returns its end) or a request over the link (returns -1). */
  request(x: number, t: number): number {
    const { ctx, fetches, memory, routing, install } = this.m;
    const exit = fetches.byExit[x] === 1;
    const start = fetches.start[x];
    const frames = fetches.frames[x];
    // MINOR: content already in the target page cache needs only UFFDIO_CONTINUE.
    const contentHere = routing.servesFromPageCache(x) && memory.arrived.countRange(start, start + frames) === frames;
    if (ctx.sourceLocal || contentHere) {
      fetches.contentLocal[x] = contentHere || routing.isContinue(x) ? 1 : 0;
      if (exit) {
        fetches.exitInstalling[x] = 1;
        fetches.exitsInstalling++;
      }
      const zero = memory.zero !== null && memory.zero.isZero(start);
      const installAt = install.end(t, fetches.mechanism[x], frames, fetches.contentLocal[x] === 1, exit, true, zero);
      fetches.fillStart[x] = install.lastFillStart;
      fetches.fillEnd[x] = install.lastFillEnd;
      ctx.queue.push(installAt, EV_INSTALL, x);
      return installAt;
    }
    if (this.link.down) {
      // Post-copy is paused: QEMU keeps the request and sends it when the channels are back.
      this.held.push(x);
      return -1;
    }
    // The request reaches the source one way later; its service and the channel are reserved now
    // (requests leave in time order, so the FIFO order of source and channels is kept).
    fetches.requestedAt[x] = t;
    this.onRequest(x, this.link.message(t + ctx.costs.request_send_ns));
    return -1;
  }

  /**
   * When the migration thread can send an urgent page asked for at t: while the background stream
   * found the socket full (or the receive window closed) the thread sleeps in sendmsg() until the
   * kernel reports write space (a third of the send buffer drained); between blocks, or with a paced
   * or finished copy, it is free at once.
   */
  private migrationThreadFree(t: number): number {
    const blockedUntil = this.m.copier.senderBlockedUntil;
    return blockedUntil > t ? blockedUntil : t;
  }

  /** The link broke at t: the sockets' queues are lost and the source stops serving. */
  onLinkDown(t: number): void {
    this.link.down = true;
    this.link.breakAt(t);
    if (this.sourceFreeAt > t) this.sourceFreeAt = t;
  }

  /**
   * Post-copy resumed at t (recovery done): the requests held meanwhile, or cut by the failure,
   * are sent now. The receive threads finished what had arrived before the failure long before
   * (recovery takes tens of ms), so their reservations for cut transfers are dropped.
   */
  onRecovered(t: number): void {
    const { fetches } = this.m;
    this.link.down = false;
    if (this.mainReceiverFreeAt > t) this.mainReceiverFreeAt = t;
    if (this.urgentReceiverFreeAt > t) this.urgentReceiverFreeAt = t;
    const held = this.held;
    this.held = [];
    for (const x of held) {
      // The background copy installed the page meanwhile (from a chunk that arrived before the failure).
      if (fetches.superseded[x] === 1) fetches.release(x);
      else this.request(x, t);
    }
  }

  /**
   * The install event of fetch x popped, but a failure at `cutAt` cut its transfer (the request, or
   * the page queued on the socket or on the wire): its waiters stay blocked and the request is sent
   * again on recovery (now, if post-copy has already resumed).
   */
  onCut(x: number, cutAt: number, t: number): void {
    const { fetches, memory, stats, failures } = this.m;
    const start = fetches.start[x];
    const frames = fetches.frames[x];
    const zero = memory.zero !== null && memory.zero.isZero(start);
    const bytes = frames * (zero ? ZERO_BYTES : FRAME);
    // Counted once, as the bytes of a cut transfer (bytes.resent); the new transfer counts as demand bytes.
    stats.bytesDemand -= bytes;
    if (zero) stats.pagesSentAsZero -= frames;
    if (fetches.reachedSourceAt[x] <= cutAt) failures.onResent(frames, bytes);
    fetches.fillStart[x] = 0;
    fetches.fillEnd[x] = 0;
    fetches.arrivalAt[x] = 0;
    if (fetches.superseded[x] === 1) fetches.release(x); // the page arrived through the background copy: nothing to re-request
    else if (this.link.down) this.held.push(x);
    else this.request(x, t);
  }

  /** The request reaches the source at t: the page is queued on a channel and installed on arrival. */
  private onRequest(x: number, t: number): void {
    const { ctx, fetches, memory, poison, stats, install, copier } = this.m;
    const start = fetches.start[x];
    const frames = fetches.frames[x];
    if (fetches.counted[x] === 0) {
      fetches.counted[x] = 1;
      stats.postcopyRequests++;
    }
    fetches.reachedSourceAt[x] = t;
    const served = Math.max(t, this.sourceFreeAt) + ctx.costs.fetch_service_ns;
    this.sourceFreeAt = served;
    memory.sent.setRange(start, start + frames);
    // A zero page is answered with a flag, not its 4 KiB (a fetch lies inside one backing page).
    const zero = memory.zero !== null && memory.zero.isZero(start);
    const bytes = frames * (zero ? ZERO_BYTES : FRAME);
    if (zero) stats.pagesSentAsZero += frames;
    poison.checkNotSent(start, start + frames, served, 'a demand fetch');
    stats.bytesDemand += bytes;
    copier.followDemand(start + frames);
    let installAt: number;
    const exit = fetches.byExit[x] === 1;
    const mech = fetches.mechanism[x];
    if (exit && this.exitConnection) {
      // A connection of its own (second socket, sharing the wire): the vCPU thread reads and installs on arrival.
      const arrival = this.link.sendUrgent(served, bytes);
      fetches.arrivalAt[x] = arrival;
      installAt = install.end(arrival, mech, frames, false, true, false, zero);
    } else if (this.preempt) {
      const arrival = this.link.sendUrgent(this.urgentWaitsForMigrationThread ? this.migrationThreadFree(served) : served, bytes);
      fetches.arrivalAt[x] = arrival;
      // In stream order: usable once the receive side has consumed what is queued ahead of it.
      const usable = Math.max(arrival, this.urgentReceiverFreeAt);
      if (exit) installAt = install.end(usable, mech, frames, false, true, false, zero);
      else {
        installAt = install.end(usable, mech, frames, false, false, false, zero);
        this.urgentReceiverFreeAt = installAt;
      }
    } else {
      const arrival = this.link.sendMain(served, bytes);
      fetches.arrivalAt[x] = arrival;
      const usable = Math.max(arrival, this.mainReceiverFreeAt);
      if (exit) installAt = install.end(usable, mech, frames, false, true, false, zero);
      else {
        installAt = install.end(usable, mech, frames, false, false, false, zero);
        this.mainReceiverFreeAt = installAt;
      }
    }
    fetches.fillStart[x] = install.lastFillStart;
    fetches.fillEnd[x] = install.lastFillEnd;
    ctx.queue.push(installAt, EV_INSTALL, x);
  }
}
