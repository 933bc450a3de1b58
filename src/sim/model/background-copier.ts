import * as codes from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import { ZERO_PAGE_WIRE_BYTES } from '../zero-pages.js';
import { ChunksInFlight } from './chunks-in-flight.js';

// Module-local copies: read once, not through the module binding on every use (hot path).
const { EV_BG_INSTALL, EV_BG_SEND, FRAME, M_MISSING } = codes;
const ZERO_BYTES = ZERO_PAGE_WIRE_BYTES;

const CHUNK_FRAMES = 256; // 1 MiB background chunks for 4K memory

/**
 * The background (population) copier: pushes the pages nobody asked for, in chunks on the main
 * channel, as fast as the socket takes them (or paced to a share of the bandwidth, like QEMU's
 * max-postcopy-bandwidth). A chunk that lands on a page a fault is waiting for wakes the waiters
 * early; the fault's own install then finds the page present (-EEXIST).
 */
export class BackgroundCopier {
  readonly enabled: boolean;
  private readonly share: number;
  /** Continue right after the most recent demand fault (QEMU-style locality). */
  private readonly followsFaults: boolean;
  private cursor = 0;
  private pace = 0;
  /**
   * Until when the sending thread is inside sendmsg(): a copier held back by a full socket (or by
   * the receiver, whose full receive window fills the socket too) has its next write blocked until
   * it fits; one held back by pacing sleeps instead, and is free meanwhile.
   */
  senderBlockedUntil = 0;
  /**
   * The last write found the socket full and sleeps in sendmsg(): the transmission time of its part
   * not yet copied (-1: not blocked).
   */
  private restNs = -1;
  /** No send is scheduled: every frame was sent (done) or the link is down (stalled); a recovery may restart it. */
  private done = false;
  private stalled = false;
  /** One receive thread installs the chunks in order; several multifd receive threads may finish them out of order. */
  private readonly inFlight = new ChunksInFlight();
  /** With multifd in post-copy (network.multifdInPostcopy): when each channel's receive thread is next free; null: the main channel's. */
  private readonly receiverFreeAt: Float64Array | null;
  /** Threads writing the background stream: the migration thread, or one per multifd channel. */
  private readonly writers: number;
  /** guest_memfd: chunks are filled with write() (never UFFDIO_COPY), then unblocked in KVM's userfault bitmap. */
  private readonly writesPageCache: boolean;
  /**
   * The write() window of each chunk in flight [fill start, install): under a MISSING registration
   * without the up-to-date check, an access meanwhile maps the half-written folio (003_).
   */
  readonly tracksFillWindows: boolean;
  private hits = new Int32Array(64);

  constructor(private readonly m: Model) {
    const bg = m.ctx.spec.strategy.backgroundCopy;
    this.enabled = bg.enabled && !m.ctx.sourceLocal;
    this.share = bg.bandwidthShare;
    this.followsFaults = bg.order === 'near_recent_faults';
    this.writesPageCache = m.ctx.spec.vm.backing === 'guest_memfd';
    this.tracksFillWindows = this.writesPageCache && m.routing.fallback === 'write_continue' && !m.ctx.spec.strategy.gmemUptodateCheck;
    const channels = m.ctx.postcopyMultifdChannels;
    this.receiverFreeAt = channels > 1 ? new Float64Array(channels) : null;
    this.writers = channels;
  }

  /** A chunk in flight is being written into the page cache at t and holds `frame`. */
  isWriting(frame: number, t: number): boolean {
    const c = this.inFlight;
    for (let i = c.head; i < c.length; i++) {
      if (c.done[i] === 1) continue;
      if (this.m.failures.cutCount > 0 && this.m.failures.cutIn(c.sentAt[i], c.arrival[i]) >= 0) continue;
      if (frame >= c.start[i] && frame < c.end[i] && t >= c.fillStart[i] && t < c.installAt[i]) return true;
    }
    return false;
  }

  /** A demand fetch went out for frames ending at `end`. */
  followDemand(end: number): void {
    if (this.followsFaults) this.cursor = end;
  }

  onSend(t: number): void {
    if (this.done) return;
    const { ctx, memory, stats, poison, transport, install, routing } = this.m;
    const link = transport.link;
    if (link.down) {
      // Post-copy is paused: the copier waits for recovery (it learnt of the failure only now).
      this.stalled = true;
      return;
    }
    if (this.restNs >= 0) {
      // Still in sendmsg(): urgent pages sharing the wire slowed the drain, so the socket may not
      // have reached the write-space mark yet (the queue without the part not yet copied at 2/3).
      const spaceAt = link.main.freeAt - this.restNs - (2 * transport.sendBufferNs) / 3;
      if (spaceAt > t) {
        this.senderBlockedUntil = spaceAt;
        ctx.queue.push(spaceAt, EV_BG_SEND, 0);
        return;
      }
      this.restNs = -1;
    }
    const N = ctx.frames;
    let s = memory.sent.nextClear(this.cursor, N);
    if (s < 0) s = memory.sent.nextClear(0, N);
    if (s < 0) {
      this.done = true;
      return;
    }
    // A chunk: a run of unsent frames inside one uffd unit (hugetlbfs) or one placement block.
    const span = ctx.hugeFrames > 1 ? ctx.hugeFrames : Math.min(CHUNK_FRAMES, memory.placement.blockFrames);
    const limit = s - (s % span) + span;
    let e = memory.sent.nextSet(s, limit);
    if (e < 0) e = limit;
    memory.sent.setRange(s, e);
    this.cursor = e;
    const n = e - s;
    // Zero pages travel as flags and are installed with UFFDIO_ZEROPAGE.
    const zeros = memory.zero === null ? 0 : memory.zero.countZero(s, e);
    const bytes = (n - zeros) * FRAME + zeros * ZERO_BYTES;
    stats.bytesBackground += bytes;
    stats.pagesSentAsZero += zeros;
    poison.checkNotSent(s, e, t, 'the background copy');
    const queuedAt = link.main.freeAt > t ? link.main.freeAt : t;
    const arrival = link.sendMain(t, bytes);
    // The receive thread that installs it: the main channel's, or the multifd channel free first.
    const receivers = this.receiverFreeAt;
    let channel = -1;
    let receiverFree = transport.mainReceiverFreeAt;
    if (receivers !== null) {
      channel = 0;
      for (let k = 1; k < receivers.length; k++) if (receivers[k] < receivers[channel]) channel = k;
      receiverFree = receivers[channel];
      // The other receive threads installing at the same time contend for the mm's locks.
      const startAt = Math.max(arrival, receiverFree);
      let others = 0;
      for (let k = 0; k < receivers.length; k++) if (k !== channel && receivers[k] > startAt) others++;
      // Counted with itself, as a vCPU installing after an exit counts itself (none alone: as with one channel).
      install.otherReceiversInstalling = others > 0 ? others + 1 : 0;
    }
    let cost: number;
    if (routing.minorPrimary || this.writesPageCache) cost = ctx.costs.page_cache_write_per_kib_ns * n * 4;
    else if (n === ctx.hugeFrames) cost = install.end(0, M_MISSING, n, false, false, false, zeros === n);
    else {
      cost = install.end(0, M_MISSING, 1, false, false, false) * (n - zeros);
      if (zeros > 0) cost += install.end(0, M_MISSING, 1, false, false, false, true) * zeros;
    }
    install.otherReceiversInstalling = 0;
    const installAt = Math.max(arrival, receiverFree) + cost;
    let earliestReceiver = installAt;
    if (receivers === null) transport.mainReceiverFreeAt = installAt;
    else {
      receivers[channel] = installAt;
      for (let k = 0; k < receivers.length; k++) if (receivers[k] < earliestReceiver) earliestReceiver = receivers[k];
    }
    const seq = this.inFlight.push(s, e, t, arrival, installAt - cost, installAt);
    ctx.queue.push(installAt, EV_BG_INSTALL, seq);
    // The writing thread spends migration_thread_send_per_kib_ns of CPU per KiB (each multifd
    // channel has its own thread). bandwidthShare < 1 paces it like QEMU's max-postcopy-bandwidth,
    // with bursts of at most one socket buffer.
    const buffer = transport.sendBufferNs;
    const tx = link.txNs(bytes);
    const cpuPerByte = ctx.costs.migration_thread_send_per_kib_ns / 1024 / this.writers;
    this.pace = Math.max(this.pace, t - buffer) + tx / this.share;
    const paced = this.pace - buffer;
    let next = paced > t ? paced : t;
    const written = t + cpuPerByte * bytes;
    if (written > next) next = written;
    // A TCP socket of send_buffer_kib: a write that does not fit copies what fits, then sleeps in
    // sendmsg() until the kernel reports write space (sk_stream_write_space: free space at least
    // half of what is still queued, i.e. the queue drained to 2/3 of the buffer), copies the rest
    // and returns. The bytes leave the wire in the same order either way; what the block changes is
    // when the thread is free again.
    let blocked = t;
    const queuedBefore = queuedAt - t;
    if (queuedBefore + tx > buffer) {
      this.restNs = queuedBefore >= buffer ? tx : queuedBefore + tx - buffer;
      blocked = t + (queuedBefore > buffer ? queuedBefore : buffer) - (2 * buffer) / 3;
    }
    // A receiver that cannot keep up closes its window: the socket stays full until it reads.
    const recvFull = earliestReceiver - buffer - link.oneWayNs;
    if (recvFull > blocked) blocked = recvFull;
    if (blocked > next) next = blocked;
    // Inside sendmsg() the thread cannot send an urgent page (network.preemptSender migration_thread).
    this.senderBlockedUntil = blocked;
    ctx.queue.push(next, EV_BG_SEND, 0);
  }

  /** Chunk number `seq` is installed at t. */
  onInstall(seq: number, t: number): void {
    const { ctx, memory, stats, routing } = this.m;
    const c = this.inFlight;
    const i = c.indexOf(seq);
    const s = c.start[i];
    const e = c.end[i];
    const cutAt = this.m.failures.cutCount > 0 ? this.m.failures.cutIn(c.sentAt[i], c.arrival[i]) : -1;
    c.finish(i);
    if (cutAt >= 0) {
      this.onCut(s, e, t);
      return;
    }
    const fresh = memory.arrived.setRange(s, e);
    if (ctx.hugeFrames > 1) {
      if (fresh < e - s) stats.eexistRaces++; // one UFFDIO_COPY per huge page
    } else stats.eexistRaces += e - s - fresh;
    memory.arrivedCount += fresh;
    stats.pagesBackground += fresh;
    if (!routing.minorPrimary) {
      memory.mapFrames(s, e - s);
      this.supersede(s, e, t);
    }
    if (memory.allArrived()) this.m.run.complete(t);
  }

  /**
   * Chunk [s, e) never arrived: a link failure cut it while it was queued on the socket or on the
   * wire. Its frames are unsent again, so the copier sends them after recovery, first.
   */
  private onCut(s: number, e: number, t: number): void {
    const { memory, stats, failures, transport } = this.m;
    const n = e - s;
    const zeros = memory.zero === null ? 0 : memory.zero.countZero(s, e);
    const bytes = (n - zeros) * FRAME + zeros * ZERO_BYTES;
    // Counted once, as the bytes of a cut transfer (bytes.resent); the new transfer counts as background bytes.
    stats.bytesBackground -= bytes;
    stats.pagesSentAsZero -= zeros;
    failures.onResent(n, bytes);
    memory.sent.clearRange(s, e);
    if (s < this.cursor) this.cursor = s;
    if (this.done && !transport.link.down) this.restart(t);
  }

  /** Post-copy resumed at t: the receive threads are free by now, and the copier sends again. */
  onRecovered(t: number): void {
    const receivers = this.receiverFreeAt;
    if (receivers !== null) for (let k = 0; k < receivers.length; k++) if (receivers[k] > t) receivers[k] = t;
    if (this.stalled || this.done) this.restart(t);
  }

  private restart(t: number): void {
    if (!this.enabled || this.m.run.finished) return;
    this.stalled = false;
    this.done = false;
    this.m.ctx.queue.push(t, EV_BG_SEND, 0);
  }

  /** Pending fetches inside [s, e) are satisfied by the background copy: wake their waiters. */
  private supersede(s: number, e: number, t: number): void {
    const { fetches, ctx, routing } = this.m;
    const pending = fetches.pending;
    if (pending.size === 0) return;
    let n = 0;
    const hit = this.hits.length >= pending.size ? this.hits : (this.hits = new Int32Array(pending.size * 2));
    if (e - s > 4096) {
      // A huge chunk: look at the (few) pending fetches instead of every frame.
      pending.forEach((_k, x) => {
        if (fetches.start[x] >= s && fetches.start[x] + fetches.frames[x] <= e) hit[n++] = x;
      });
      hit.subarray(0, n).sort((a, b) => fetches.start[a] - fetches.start[b] || fetches.frames[a] - fetches.frames[b]);
    } else {
      const huge = ctx.hugeFrames;
      const blocks = fetches.pendingPerBlock;
      const shift = fetches.pendingBlockShift;
      for (let f = s; f < e; ) {
        const block = f >>> shift;
        const blockEnd = Math.min(e, (block + 1) << shift); // < 2^31: at most 2^30 frames (MAX_MEMORY_MIB)
        if (blocks[block] === 0) {
          f = blockEnd;
          continue;
        }
        for (; f < blockEnd; f++) {
          const x = pending.get(f * 2);
          if (x >= 0) hit[n++] = x;
          if (huge > 1 && f % huge === 0 && f + huge <= e) {
            const y = pending.get(f * 2 + 1);
            if (y >= 0) hit[n++] = y;
          }
        }
      }
    }
    for (let i = 0; i < n; i++) {
      const x = hit[i];
      fetches.unlist(x);
      routing.wake(x, t, true);
      if (fetches.requested[x] === 1) fetches.superseded[x] = 1;
      else fetches.release(x);
    }
  }
}
