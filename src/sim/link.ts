/**
 * The network between source and target: FIFO channels of a shared bandwidth. The main channel
 * carries the background stream (and, without postcopy-preempt, demand pages behind it); the
 * urgent channel (postcopy-preempt) carries only demand pages and takes priority on the wire.
 */
class Channel {
  /** Time at which everything queued so far has left the sender. */
  freeAt = 0;
}

export class Link {
  readonly bytesPerNs: number;
  readonly oneWayNs: number;
  readonly main = new Channel();
  readonly urgent = new Channel();
  /**
   * The connection is broken (post-copy paused): nothing may be queued on it. The link does not know
   * failures in advance; Failures sets this at the failure event and clears it at recovery.
   */
  down = false;

  constructor(bandwidthGbps: number, rttUs: number) {
    this.bytesPerNs = bandwidthGbps / 8;
    this.oneWayNs = (rttUs * 1000) / 2;
  }

  txNs(bytes: number): number {
    return bytes / this.bytesPerNs;
  }

  /**
   * The connection broke at t: whatever was queued on the sockets and not yet received is lost
   * (the callers cancel those transfers), so the channels are empty from t.
   */
  breakAt(t: number): void {
    if (this.main.freeAt > t) this.main.freeAt = t;
    if (this.urgent.freeAt > t) this.urgent.freeAt = t;
  }

  /** Arrival time of a small control message (a page request) sent at t. */
  message(t: number): number {
    return t + this.oneWayNs;
  }

  /** Queue `bytes` on the main channel at time t; returns the arrival time at the target. */
  sendMain(t: number, bytes: number): number {
    const tx = this.txNs(bytes);
    const start = t > this.main.freeAt ? t : this.main.freeAt;
    this.main.freeAt = start + tx;
    return this.main.freeAt + this.oneWayNs;
  }

  /**
   * Queue `bytes` on the urgent channel: its own socket, so it does not wait behind the main
   * channel's queue; while the main channel is busy the two connections share the wire fairly
   * (each gets half the bandwidth), and the main channel's queued data is delayed accordingly.
   */
  sendUrgent(t: number, bytes: number): number {
    const tx = this.txNs(bytes);
    const start = t > this.urgent.freeAt ? t : this.urgent.freeAt;
    const shared = this.main.freeAt > start;
    this.urgent.freeAt = start + (shared ? 2 * tx : tx);
    if (shared) this.main.freeAt += tx;
    return this.urgent.freeAt + this.oneWayNs;
  }
}
