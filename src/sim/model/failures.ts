import { EV_LINK_DOWN, EV_LINK_LOST, EV_LINK_UP } from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import type { MigrationResult } from '../result.js';
import { wholeNs } from '../stats.js';

type FailureState = 'not_reached' | 'paused' | 'recovered' | 'lost';

/**
 * Link and source failures during post-copy (network.failures; QEMU postcopy-paused and
 * postcopy-recover). A temporary one pauses post-copy — nothing crosses the link — until the
 * component is back, recovery has re-established the channels and the target has sent its
 * received-pages bitmap; a permanent one, or any one without postcopyRecovery, loses the VM.
 */
export class Failures {
  private readonly downAt: number[] = [];
  private readonly upAt: number[] = [];
  private readonly state: FailureState[] = [];
  /** Failures currently holding post-copy paused. */
  private paused = 0;
  private rerequested = 0;
  private resentPages = 0;
  bytesResent = 0;
  private pagesNeverArrived: number | null = null;
  /** When the link broke (each pause's start): a transfer under way at one of these was cut. */
  private readonly cuts: number[] = [];
  /** cuts.length, read on the hot path. */
  cutCount = 0;

  constructor(private readonly m: Model) {}

  /**
   * The vCPUs resumed at t: the failures are scheduled relative to it. Nothing else learns of a
   * failure before it happens: the copier keeps the socket full up to the failure, and what was
   * queued on it then is lost and sent again after recovery.
   */
  schedule(t: number): void {
    const { ctx, transport } = this.m;
    const net = ctx.spec.network;
    const link = transport.link;
    if (ctx.sourceLocal || net.failures.length === 0) return;
    net.failures.forEach((f, i) => {
      // Whole nanoseconds, like every event time.
      const down = Math.ceil(t + f.afterResumeMs * 1e6);
      const temporary = f.durationMs !== undefined && net.postcopyRecovery;
      // Back after the outage, recovery re-establishing the channels, and the target's received-pages bitmap.
      const up = temporary ? Math.ceil(down + (f.durationMs as number) * 1e6 + ctx.costs.postcopy_recover_ns + link.txNs(ctx.frames / 8) + 2 * link.oneWayNs) : -1;
      this.downAt.push(down);
      this.upAt.push(up);
      this.state.push('not_reached');
      ctx.queue.push(down, temporary ? EV_LINK_DOWN : EV_LINK_LOST, i);
    });
  }

  /** The start of the pause that cut a transfer reserved at `from` and due at the target at `to`, or -1. */
  cutIn(from: number, to: number): number {
    for (let k = 0; k < this.cutCount; k++) if (this.cuts[k] >= from && this.cuts[k] < to) return this.cuts[k];
    return -1;
  }

  /** A temporary failure: post-copy pauses; the requests in flight will be re-sent on recovery. */
  onDown(i: number, t: number): void {
    const { ctx, fetches, run, transport } = this.m;
    this.state[i] = 'paused';
    ctx.queue.push(this.upAt[i], EV_LINK_UP, i);
    if (this.paused++ > 0) return; // already paused: nothing is in flight
    run.phase('postcopy_paused', t);
    this.cuts.push(t);
    this.cutCount = this.cuts.length;
    transport.onLinkDown(t);
    // Demand fetches requested and not yet arrived: QEMU re-sends those page requests on recovery.
    fetches.pending.forEach((_k, x) => {
      if (fetches.requested[x] === 1 && fetches.arrivalAt[x] > t) this.rerequested += fetches.frames[x];
    });
  }

  onUp(i: number, t: number): void {
    if (this.state[i] !== 'paused') return;
    this.state[i] = 'recovered';
    if (--this.paused > 0) return;
    this.m.run.phase('postcopy_recovered', t);
    this.m.transport.onRecovered(t);
    this.m.copier.onRecovered(t);
  }

  /** A permanent failure (or no recovery): the VM is lost with the pages that have not arrived. */
  onLost(i: number, t: number): void {
    const { ctx, memory, run } = this.m;
    const f = ctx.spec.network.failures[i];
    this.state[i] = 'lost';
    run.phase('postcopy_paused', t);
    const missing = memory.missing();
    this.pagesNeverArrived = missing;
    const after = `${f.afterResumeMs} ms after resume`;
    const what =
      f.durationMs === undefined
        ? f.component === 'source'
          ? `the source host failed for good ${after} (its memory is gone)`
          : `the link to the source failed for good ${after}`
        : `the ${f.component === 'source' ? 'source host' : 'link to the source'} failed ${after} and postcopy recovery is disabled (network.postcopyRecovery false)`;
    run.fail(`VM lost: ${what}, during post-copy; ${missing} page(s) never reached the target (the source held the rest of the memory)`);
  }

  /** A transfer of `frames` frames (`bytes` written to the socket) was cut by a failure: it is sent again after recovery. */
  onResent(frames: number, bytes: number): void {
    this.resentPages += frames;
    this.bytesResent += bytes;
  }

  section(endAt: number): MigrationResult['outages'] {
    const { ctx } = this.m;
    const failures = ctx.spec.network.failures;
    // Pauses that overlap count once; a pause ends at recovery or at the end of the run.
    const spans: [number, number][] = [];
    failures.forEach((_f, i) => {
      const st = this.state[i];
      if (st === 'paused' || st === 'recovered') spans.push([this.downAt[i], Math.min(st === 'recovered' ? this.upAt[i] : Infinity, Math.max(endAt, ctx.now))]);
    });
    spans.sort((x, y) => x[0] - y[0]);
    let pauseNs = 0;
    let curA = -1;
    let curB = -1;
    for (const [x, y] of spans) {
      if (x > curB) {
        if (curB > curA) pauseNs += curB - curA;
        curA = x;
        curB = y;
      } else curB = Math.max(curB, y);
    }
    if (curB > curA) pauseNs += curB - curA;
    const st = this.state;
    const outcome = failures.length === 0 || ctx.sourceLocal ? 'none' : st.includes('lost') ? 'lost' : st.includes('paused') ? 'paused' : st.includes('recovered') ? 'recovered' : 'not_reached';
    return {
      outcome,
      pauseNs: wholeNs(pauseNs),
      rerequestedPages: this.rerequested,
      resentPages: this.resentPages,
      pagesNeverArrived: this.pagesNeverArrived,
      events: ctx.sourceLocal
        ? []
        : failures.map((f, i) => ({
            component: f.component,
            atNs: i < this.downAt.length ? wholeNs(this.downAt[i]) : null,
            durationNs: f.durationMs === undefined ? null : wholeNs(f.durationMs * 1e6),
            recoveredAtNs: st[i] === 'recovered' ? wholeNs(this.upAt[i]) : null,
            outcome: st[i] ?? 'not_reached',
          })),
    };
  }
}
