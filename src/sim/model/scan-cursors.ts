import type { Rng } from '../rng.js';
import type { SelectIndex } from '../memory.js';
import type { MigrationSpec } from '../spec.js';

const RW_RUN_MEAN = 32; // random_walk: mean sequential run, pages
const RW_JUMP = 4096; // random_walk: max jump, pages (16 MiB)
const RW_MAX_RUNS_PER_DRAW = 4096;

/**
 * Where each vCPU stands in a scanning pattern (demand_paging_test, sequential, random_walk) and
 * the next missing page it will reach: the patterns whose accesses follow an order rather than a
 * distribution (AccessStreams samples those). Ranks are working-set positions.
 */
export class ScanCursors {
  /** Each vCPU's position and its slice [regionStart, regionEnd) of the ranks. */
  readonly cursor: Float64Array;
  readonly regionStart: Float64Array;
  readonly regionEnd: Float64Array;
  private readonly walkRunEnd: Float64Array;
  /** The rank of the next candidate fault, or -1. */
  readonly nextRank: Float64Array;
  /**
   * demand_paging_test: when each vCPU's last access happens if no further fault stalls it
   * (redrawn at every resume); Infinity for the patterns that never end.
   */
  readonly finishAt: Float64Array;

  constructor(
    private readonly pattern: MigrationSpec['workload']['pattern'],
    actors: number,
    vcpus: number,
    workingSetFrames: number,
    rng: Rng,
  ) {
    this.cursor = new Float64Array(actors);
    this.regionStart = new Float64Array(actors);
    this.regionEnd = new Float64Array(actors);
    this.walkRunEnd = new Float64Array(actors);
    this.nextRank = new Float64Array(actors);
    this.finishAt = new Float64Array(vcpus).fill(Infinity);
    const ws = workingSetFrames;
    for (let v = 0; v < vcpus; v++) {
      if (pattern === 'sequential' || pattern === 'demand_paging_test') {
        this.regionStart[v] = Math.floor((v * ws) / vcpus);
        this.regionEnd[v] = Math.floor(((v + 1) * ws) / vcpus);
      } else {
        this.regionStart[v] = 0;
        this.regionEnd[v] = ws;
      }
      this.cursor[v] = pattern === 'random_walk' ? rng.below(ws) : this.regionStart[v];
      this.walkRunEnd[v] = this.cursor[v];
    }
  }

  /**
   * The time of actor a's next candidate fault from `base`, one access every `period` ns, its rank
   * in nextRank[a] (-1 when a random walk found none within its budget and goes on later);
   * Infinity when none is left.
   */
  draw(a: number, base: number, period: number, index: SelectIndex, rng: Rng): number {
    const bits = index.bits;
    const lo = this.regionStart[a];
    const hi = this.regionEnd[a];
    let cur = this.cursor[a];
    switch (this.pattern) {
      case 'demand_paging_test': {
        this.finishAt[a] = base + (hi - cur) * period;
        const r = cur < hi ? bits.nextSet(cur, hi) : -1;
        if (r < 0) return Infinity;
        this.nextRank[a] = r;
        return base + (r - cur + 1) * period;
      }
      case 'sequential': {
        if (cur >= hi) cur = lo;
        let r = bits.nextSet(cur, hi);
        let dist = r - cur;
        if (r < 0) {
          r = bits.nextSet(lo, cur);
          dist = hi - cur + (r - lo);
        }
        if (r < 0) return Infinity;
        this.cursor[a] = cur;
        this.nextRank[a] = r;
        return base + (dist + 1) * period;
      }
      default: {
        // random_walk: sequential runs of geometric length, then a jump of up to RW_JUMP pages.
        if (index.countRange(lo, hi) === 0) return Infinity;
        let steps = 0;
        let end = this.walkRunEnd[a];
        const size = hi - lo;
        for (let i = 0; i < RW_MAX_RUNS_PER_DRAW; i++) {
          if (cur >= end || cur >= hi) {
            const jump = rng.below(2 * RW_JUMP + 1) - RW_JUMP;
            cur = lo + ((((cur - lo + jump) % size) + size) % size);
            end = Math.min(hi, cur + rng.geometric(1 / RW_RUN_MEAN));
          }
          const r = bits.nextSet(cur, end);
          if (r >= 0) {
            steps += r - cur + 1;
            this.cursor[a] = cur;
            this.walkRunEnd[a] = end;
            this.nextRank[a] = r;
            return base + steps * period;
          }
          steps += end - cur;
          cur = end;
        }
        // Nothing found within the budget: continue the walk from there later (no fault).
        this.cursor[a] = cur;
        this.walkRunEnd[a] = end;
        this.nextRank[a] = -1;
        return base + steps * period;
      }
    }
  }
}
