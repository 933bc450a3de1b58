/**
 * The network between source and target: FIFO channels of a shared bandwidth. The main channel
 * carries the background stream (and, without postcopy-preempt, demand pages behind it); the
 * urgent channel (postcopy-preempt) carries only demand pages and takes priority on the wire.
 */
export class Channel {
  /** Time at which everything queued so far has left the sender. */
  freeAt = 0;
  bytes = 0;
}

export class Link {
  readonly bytesPerNs: number;
  readonly oneWayNs: number;
  readonly main = new Channel();
  readonly urgent = new Channel();
  /** A link outage [downAt, upAt): nothing crosses it; transfers it cuts are redone from upAt. */
  private downAt = Infinity;
  private upAt = Infinity;

  constructor(bandwidthGbps: number, rttUs: number) {
    this.bytesPerNs = bandwidthGbps / 8;
    this.oneWayNs = (rttUs * 1000) / 2;
  }

  txNs(bytes: number): number {
    return bytes / this.bytesPerNs;
  }

  /** Declares an outage (postcopy-paused until recovery at upAt). */
  setOutage(downAt: number, upAt: number): void {
    this.downAt = downAt;
    this.upAt = upAt;
  }

  /** Start time of a transfer that would begin at `start` and need `span` ns end to end. */
  private clear(start: number, span: number): number {
    return start < this.upAt && start + span > this.downAt ? this.upAt : start;
  }

  /** Arrival time of a small control message (a page request) sent at t. */
  message(t: number): number {
    return this.clear(t, this.oneWayNs) + this.oneWayNs;
  }

  /** Queue `bytes` on the main channel at time t; returns the arrival time at the target. */
  sendMain(t: number, bytes: number): number {
    const tx = this.txNs(bytes);
    const start = this.clear(t > this.main.freeAt ? t : this.main.freeAt, tx + this.oneWayNs);
    this.main.freeAt = start + tx;
    this.main.bytes += bytes;
    return this.main.freeAt + this.oneWayNs;
  }

  /**
   * Queue `bytes` on the urgent channel: its own socket, so it does not wait behind the main
   * channel's queue; while the main channel is busy the two connections share the wire fairly
   * (each gets half the bandwidth), and the main channel's queued data is delayed accordingly.
   */
  sendUrgent(t: number, bytes: number): number {
    const tx = this.txNs(bytes);
    const start = this.clear(t > this.urgent.freeAt ? t : this.urgent.freeAt, 2 * tx + this.oneWayNs);
    const shared = this.main.freeAt > start;
    this.urgent.freeAt = start + (shared ? 2 * tx : tx);
    this.urgent.bytes += bytes;
    if (shared) this.main.freeAt += tx;
    return this.urgent.freeAt + this.oneWayNs;
  }
}
