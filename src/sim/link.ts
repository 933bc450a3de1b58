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
  /** Outages [down, up), sorted and disjoint: nothing crosses them; transfers they cut are redone from up. */
  private downs: number[] = [];
  private ups: number[] = [];
  /** Set when the last transfer was in flight as an outage began (cut, then sent again): the caller reads and clears it. */
  cut = false;

  constructor(bandwidthGbps: number, rttUs: number) {
    this.bytesPerNs = bandwidthGbps / 8;
    this.oneWayNs = (rttUs * 1000) / 2;
  }

  txNs(bytes: number): number {
    return bytes / this.bytesPerNs;
  }

  /** Declares outages (postcopy-paused until recovery at up); overlapping ones are merged. */
  setOutages(windows: [number, number][]): void {
    const w = [...windows].sort((a, b) => a[0] - b[0]);
    this.downs = [];
    this.ups = [];
    for (const [d, u] of w) {
      const n = this.ups.length;
      if (n > 0 && d <= this.ups[n - 1]) this.ups[n - 1] = Math.max(this.ups[n - 1], u);
      else {
        this.downs.push(d);
        this.ups.push(u);
      }
    }
  }

  /** Start time of a transfer that would begin at `start` and need `span` ns end to end. */
  private clear(start: number, span: number): number {
    const n = this.downs.length;
    if (n === 0) return start;
    for (let i = 0; i < n; i++) {
      if (start < this.ups[i] && start + span > this.downs[i]) {
        if (start < this.downs[i]) this.cut = true;
        start = this.ups[i];
      }
    }
    return start;
  }

  /** Arrival time of a small control message (a page request) sent at t. */
  message(t: number): number {
    if (this.downs.length === 0) return t + this.oneWayNs;
    const cut = this.cut;
    const at = this.clear(t, this.oneWayNs) + this.oneWayNs;
    this.cut = cut; // a cut request is re-requested, not re-sent: the engine counts those itself
    return at;
  }

  /** Queue `bytes` on the main channel at time t; returns the arrival time at the target. */
  sendMain(t: number, bytes: number): number {
    const tx = this.txNs(bytes);
    const start = this.clear(t > this.main.freeAt ? t : this.main.freeAt, tx + this.oneWayNs);
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
    const start = this.clear(t > this.urgent.freeAt ? t : this.urgent.freeAt, 2 * tx + this.oneWayNs);
    const shared = this.main.freeAt > start;
    this.urgent.freeAt = start + (shared ? 2 * tx : tx);
    if (shared) this.main.freeAt += tx;
    return this.urgent.freeAt + this.oneWayNs;
  }
}
