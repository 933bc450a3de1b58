import { FRAME } from '../kernel/codes.js';
import type { Model } from '../kernel/model.js';

/**
 * Hybrid migration: rounds of pre-copy while the guest runs on the source and dirties its working
 * set. Round 1 sends all memory, each later round the pages dirtied during the previous one. Pages
 * dirtied during the last round are missing on the target at switchover.
 */
export class Precopy {
  /** Duration of the rounds, before t = 0. */
  durationNs = 0;

  constructor(private readonly m: Model) {}

  transfer(rounds: number, dirtyMiBps: number): void {
    const { ctx, memory, poison, stats, run, transport } = this.m;
    const link = transport.link;
    const B = link.bytesPerNs;
    const W = ctx.workingSetFrames;
    const frames = ctx.frames;
    const dirtyPerNs = (dirtyMiBps * 256) / 1e9; // frames per ns
    let sendFrames = frames - poison.unreachable + poison.sentBeforePoison;
    let total = 0;
    const roundStarts: number[] = [];
    let lastDirtyProb = 0;
    for (let r = 0; r < rounds; r++) {
      roundStarts.push(total);
      const dur = (sendFrames * FRAME) / B + link.oneWayNs;
      stats.bytesPreTransferred += sendFrames * FRAME;
      total += dur;
      lastDirtyProb = W > 0 ? 1 - Math.exp((-dirtyPerNs * dur) / W) : 0;
      sendFrames = Math.round(lastDirtyProb * W);
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
    memory.arrivedCount = frames - dirty;
    stats.pagesPreTransferred = memory.arrivedCount;
  }
}
