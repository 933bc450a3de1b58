import { EV_LINK_DOWN, EV_LINK_LOST, EV_LINK_UP } from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';
import type { MigrationResult } from '../result.js';
import type { MigrationSpec } from '../spec.js';
import { wholeNs } from '../stats.js';

type FailureState = 'not_reached' | 'paused' | 'recovered' | 'aborted' | 'lost';
type Failure = MigrationSpec['network']['failures'][number];

/**
 * Link and source failures (network.failures; QEMU postcopy-paused and postcopy-recover). During
 * post-copy a temporary one pauses the migration — nothing crosses the link — until the component
 * is back, recovery has re-established the channels and the target has sent its received-pages
 * bitmap; a permanent one, or any one without postcopyRecovery, loses the VM. Before the vCPUs run
 * on the target (pre-copy, switchover) a failure aborts the migration: the VM stays on the source.
 */
export class Failures {
  private readonly downAt: number[] = [];
  private readonly upAt: number[] = [];
  private readonly state: FailureState[] = [];
  /** Failures currently holding post-copy paused. */
  private paused = 0;
  /** The vCPUs run on the target: from now on a failure pauses post-copy instead of aborting. */
  private targetRunning = false;
  private rerequested = 0;
  private resentPages = 0;
  bytesResent = 0;
  private pagesNeverArrived: number | null = null;
  /** When the link broke (each pause's start): a transfer under way at one of these was cut. */
  private readonly cuts: number[] = [];
  /** cuts.length, read on the hot path. */
  cutCount = 0;

  constructor(private readonly m: Model) {
    const n = m.ctx.spec.network.failures.length;
    for (let i = 0; i < n; i++) {
      this.downAt.push(NaN);
      this.upAt.push(-1);
      this.state.push('not_reached');
    }
  }

  private get active(): readonly Failure[] {
    return this.m.ctx.sourceLocal ? [] : this.m.ctx.spec.network.failures;
  }

  /**
   * Before pre-copy: the earliest failure given before the pause (atMs < 0), or -1. Pre-copy is
   * computed as a whole, so Precopy cuts its rounds there and the switchover aborts (beforeResume).
   */
  firstDuringPrecopy(): number {
    let first = -1;
    this.active.forEach((f, i) => {
      if (f.atMs !== undefined && f.atMs < 0 && (first < 0 || f.atMs < (this.active[first].atMs as number))) first = i;
    });
    return first;
  }

  /** The source paused the VM (t = 0): failures given from the pause (atMs >= 0) are events from now on. */
  scheduleFromPause(): void {
    this.active.forEach((f, i) => {
      if (f.atMs !== undefined && f.atMs >= 0) this.push(i, Math.ceil(f.atMs * 1e6));
    });
  }

  /**
   * The vCPUs resumed at t: the failures given after resume are scheduled relative to it. Nothing
   * else learns of a failure before it happens: the copier keeps the socket full up to the failure,
   * and what was queued on it then is lost and sent again after recovery.
   */
  schedule(t: number): void {
    this.targetRunning = true;
    this.active.forEach((f, i) => {
      // Whole nanoseconds, like every event time.
      if (f.afterResumeMs !== undefined) this.push(i, Math.ceil(t + f.afterResumeMs * 1e6));
    });
  }

  private push(i: number, down: number): void {
    const net = this.m.ctx.spec.network;
    const temporary = net.failures[i].durationMs !== undefined && net.postcopyRecovery;
    this.downAt[i] = down;
    this.m.ctx.queue.push(down, temporary ? EV_LINK_DOWN : EV_LINK_LOST, i);
  }

  /** The vCPUs run on the target at t (resume may be computed ahead of its time, as on x86). */
  private running(t: number): boolean {
    return this.targetRunning && t >= this.m.ctx.resumeAt;
  }

  /** The start of the pause that cut a transfer reserved at `from` and due at the target at `to`, or -1. */
  cutIn(from: number, to: number): number {
    for (let k = 0; k < this.cutCount; k++) if (this.cuts[k] >= from && this.cuts[k] < to) return this.cuts[k];
    return -1;
  }

  /** A temporary failure: post-copy pauses; the transfers under way are cut, and re-sent on recovery. */
  onDown(i: number, t: number): void {
    if (!this.running(t)) {
      this.beforeResume(i, t);
      return;
    }
    const { ctx, fetches, run, transport } = this.m;
    const link = transport.link;
    const f = ctx.spec.network.failures[i];
    this.state[i] = 'paused';
    // Back after the outage, recovery re-establishing the channels, and the target's received-pages bitmap.
    this.upAt[i] = Math.ceil(t + (f.durationMs as number) * 1e6 + ctx.costs.postcopy_recover_ns + link.txNs(ctx.frames / 8) + 2 * link.oneWayNs);
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
    if (!this.running(t)) {
      this.beforeResume(i, t);
      return;
    }
    const { ctx, memory, run } = this.m;
    const f = ctx.spec.network.failures[i];
    this.state[i] = 'lost';
    run.phase('postcopy_paused', t);
    const missing = memory.missing();
    this.pagesNeverArrived = missing;
    const after = f.afterResumeMs !== undefined ? `${f.afterResumeMs} ms after resume` : `at ${f.atMs} ms`;
    const what =
      f.durationMs === undefined
        ? f.component === 'source'
          ? `the source host failed for good ${after} (its memory is gone)`
          : `the link to the source failed for good ${after}`
        : `the ${f.component === 'source' ? 'source host' : 'link to the source'} failed ${after} and postcopy recovery is disabled (network.postcopyRecovery false)`;
    run.fail(`VM lost: ${what}, during post-copy; ${missing} page(s) never reached the target (the source held the rest of the memory)`);
  }

  /**
   * Failure i at t, before the vCPUs ran on the target (during pre-copy, t < 0, or the switchover):
   * the migration is aborted and the VM stays on the source — lost only if the source itself fails
   * for good. Pre-copy has no recovery (QEMU fails the migration and the VM runs on); during the
   * switchover the target still loads the device state (postcopy LISTENING), and QEMU pauses a broken
   * post-copy only once the target runs (POSTCOPY_INCOMING_RUNNING): its listen thread fails and the
   * target exits, while the source holds the VM paused with its state intact.
   */
  beforeResume(i: number, t: number): void {
    const { ctx, run } = this.m;
    const f = ctx.spec.network.failures[i];
    this.downAt[i] = t;
    const forGood = f.durationMs === undefined;
    const who = f.component === 'source' ? 'source host' : 'link to the target';
    const atNs = (f.atMs as number) * 1e6;
    const round = this.m.precopy.rounds.length;
    const when =
      t >= 0
        ? `${f.atMs} ms after the source paused the VM, ${this.switchoverStep(t)}`
        : atNs < t
          ? `as pre-copy began (atMs ${f.atMs} lies before its start)`
          : `during pre-copy round ${round}, ${-(f.atMs as number)} ms before the planned switchover`;
    // The vCPUs never ran on the target: downtime runs from the pause to the abort, post-copy is empty,
    // and the switchover steps computed ahead of the failure (device state sent, resume) did not happen.
    if (t >= 0) {
      ctx.resumeAt = t;
      const kept = run.phases.filter((p) => p.atNs <= t);
      run.phases.length = 0;
      run.phases.push(...kept);
    }
    if (f.component === 'source' && forGood) {
      this.state[i] = 'lost';
      this.pagesNeverArrived = this.m.memory.missing();
      const where = t < 0 ? 'the VM was running on it' : 'the VM was paused on it and the target had not started';
      run.fail(`VM lost: the source host failed for good ${when}: ${where}, so its memory and state are gone`);
      run.movePhase('vm_lost', t);
      return;
    }
    this.state[i] = 'aborted';
    const back = forGood ? ' for good' : ` (down ${f.durationMs} ms)`;
    if (t < 0) {
      const stays = f.component === 'source' ? 'the VM runs on the source again once the host is back' : 'the VM keeps running on the source';
      run.abort(`migration aborted: the ${who} failed${back} ${when}; pre-copy has no recovery (QEMU fails the migration), ${stays}`, t);
    } else {
      run.abort(
        `migration aborted: the ${who} failed${back} ${when}; the target cannot start (QEMU pauses a broken post-copy only once the target runs, and a target still loading the device state exits), and the VM stays paused on the source with its state intact (the guest never ran on the target), to be resumed there`,
        t,
      );
    }
  }

  /** Which part of the switchover a failure at t (>= 0, before resume) interrupted. */
  private switchoverStep(t: number): string {
    const phases = this.m.run.phases;
    const at = (name: string): number => phases.find((p) => p.name === name)?.atNs ?? Infinity;
    if (t < at('device_state_sent')) return 'while the device state was being sent';
    if (t < at('device_state_loaded') || !phases.some((p) => p.name === 'device_restore_started')) return 'while the target was loading the device state';
    return 'during the GIC/ITS restore on the target';
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
    const outcome =
      failures.length === 0 || ctx.sourceLocal
        ? 'none'
        : st.includes('lost')
          ? 'lost'
          : st.includes('aborted')
            ? 'aborted'
            : st.includes('paused')
              ? 'paused'
              : st.includes('recovered')
                ? 'recovered'
                : 'not_reached';
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
            atNs: Number.isNaN(this.downAt[i]) ? null : wholeNs(this.downAt[i]),
            durationNs: f.durationMs === undefined ? null : wholeNs(f.durationMs * 1e6),
            recoveredAtNs: st[i] === 'recovered' ? wholeNs(this.upAt[i]) : null,
            outcome: st[i],
          })),
    };
  }
}
