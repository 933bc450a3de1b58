import { FRAME } from '../kernel/codes.js';
import { ZERO_PAGE_WIRE_BYTES } from '../zero-pages.js';
import type { Model } from '../kernel/model.js';
import type { MigrationResult } from '../result.js';
import { wholeNs } from '../stats.js';

/**
 * Hybrid migration: rounds of pre-copy while the guest runs on the source and dirties its working
 * set. Round 1 sends all memory, each later round the pages dirtied during the previous one. Pages
 * dirtied during the last round are missing on the target at switchover.
 */
export class Precopy {
  /** Duration of the rounds, before t = 0. */
  durationNs = 0;
  /** Per round: frames and bytes sent (zero pages as flags), duration, and frames the guest dirtied meanwhile. */
  readonly rounds: Array<{ pages: number; bytes: number; durationNs: number; dirtyPages: number }> = [];

  constructor(private readonly m: Model) {}

  transfer(rounds: number, dirtyMiBps: number): void {
    const { ctx, memory, poison, stats, run, transport } = this.m;
    const link = transport.link;
    const B = link.bytesPerNs;
    const W = ctx.workingSetFrames;
    const frames = ctx.frames;
    const dirtyPerNs = (dirtyMiBps * 256) / 1e9; // frames per ns
    let sendFrames = frames - poison.unreachable + poison.sentBeforePoison;
    // Round 1 sends the zero pages as flags; later rounds send pages the guest dirtied (data).
    let zeroFrames = rounds > 0 ? this.zeroFramesSent() : 0;
    stats.pagesSentAsZero += zeroFrames;
    let total = 0;
    const roundStarts: number[] = [];
    let lastDirtyProb = 0;
    for (let r = 0; r < rounds; r++) {
      roundStarts.push(total);
      const bytes = (sendFrames - zeroFrames) * FRAME + zeroFrames * ZERO_PAGE_WIRE_BYTES;
      zeroFrames = 0;
      const dur = bytes / B + link.oneWayNs;
      stats.bytesPreTransferred += bytes;
      total += dur;
      lastDirtyProb = W > 0 ? 1 - Math.exp((-dirtyPerNs * dur) / W) : 0;
      this.rounds.push({ pages: sendFrames, bytes, durationNs: dur, dirtyPages: 0 });
      sendFrames = Math.round(lastDirtyProb * W);
      this.rounds[r].dirtyPages = sendFrames;
    }
    this.durationNs = total;
    for (let r = 0; r < rounds; r++) run.phase(`precopy_round_${r + 1}`, roundStarts[r] - total);
    // Everything is on the target except the pages dirtied in the last round (sampled).
    memory.arrived.setRange(0, frames);
    memory.sent.setRange(0, frames);
    memory.index.clearRange(0, frames);
    let dirty = 0;
    if (lastDirtyProb > 0) {
      let r = ctx.rng.geometric(lastDirtyProb) - 1;
      while (r < W) {
        const f = memory.placement.rankToFrame(r);
        memory.arrived.clear(f);
        memory.sent.clear(f);
        memory.index.set(r);
        dirty++;
        r += ctx.rng.geometric(lastDirtyProb);
      }
    }
    // The last round's dirty pages are those sampled missing at switchover (the expectation above).
    if (rounds > 0) this.rounds[rounds - 1].dirtyPages = dirty;
    memory.arrivedCount = frames - dirty;
    stats.pagesPreTransferred = memory.arrivedCount;
    // What is still missing was dirtied by the guest: no zero page is left to send.
    if (rounds > 0) memory.zero = null;
  }

  /** Zero frames round 1 sends: every zero page except the poisoned ones (never sent). */
  private zeroFramesSent(): number {
    const { ctx, memory, poison } = this.m;
    const zero = memory.zero;
    if (zero === null) return 0;
    const u = ctx.hugeFrames;
    let n = 0;
    for (let f = 0; f < ctx.frames; f += u) if (zero.isZero(f) && !poison.isPoisoned(f)) n += u;
    return n;
  }

  /**
   * A failure at t (< 0) ended pre-copy: the rounds after it never ran and the one under way sent
   * only its share of the bytes; what the target holds is what round 1 had sent by then.
   */
  abortAt(t: number): void {
    const { stats, memory, run, ctx } = this.m;
    const start = -this.durationNs;
    const at = Math.max(t, start);
    let r = 0;
    let roundStart = start;
    while (r < this.rounds.length - 1 && roundStart + this.rounds[r].durationNs <= at) roundStart += this.rounds[r++].durationNs;
    const round = this.rounds[r];
    const share = Math.min(1, (at - roundStart) / round.durationNs);
    // After round 1 the target holds every page; those dirtied and not yet re-sent are stale there.
    const stale = r === 0 ? 0 : round.pages - Math.round(round.pages * share);
    let unsent = round.bytes - Math.round(round.bytes * share);
    for (let k = r + 1; k < this.rounds.length; k++) unsent += this.rounds[k].bytes;
    stats.bytesPreTransferred -= unsent;
    if (r === 0) stats.pagesSentAsZero = Math.round(stats.pagesSentAsZero * share);
    round.pages = Math.round(round.pages * share);
    round.bytes = Math.round(round.bytes * share);
    round.durationNs = at - roundStart;
    round.dirtyPages = 0; // no dirty-bitmap sync ended the round
    this.rounds.length = r + 1;
    this.durationNs = at - start;
    // The phases of the rounds that never started go (times stay relative to where the pause would have been).
    run.phases.length = r + 1;
    memory.arrivedCount = Math.max(0, Math.min(this.rounds[0].pages, ctx.frames - memory.unreachable) - stale);
    stats.pagesPreTransferred = memory.arrivedCount;
  }

  /** The rounds as the summary lists them. */
  section(): MigrationResult['precopyRounds'] {
    return this.rounds.map((r, i) => ({ round: i + 1, pages: r.pages, bytes: r.bytes, durationNs: wholeNs(r.durationNs), dirtyPages: r.dirtyPages }));
  }
}
