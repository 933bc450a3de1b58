import type { Model } from '../kernel/model.js';
import type { MigrationResult } from '../result.js';
import { round, wholeNs } from '../stats.js';

/**
 * The no-post-copy baseline: how long the vCPUs' guest work of this run would have taken with all
 * memory present, and the slowdown post-copy caused (docs/model.md, section 8b). A vCPU's time on
 * the target is guest work (one access every 1e9 / accessesPerSecond ns), stalls on faults, and the
 * thinkTimeNs after each resolved fault; with all memory present nothing faults, so the same
 * accesses take only their access time.
 */
export function baselineSection(m: Model, endAt: number): Pick<MigrationResult, 'baseline' | 'slowdown'> {
  const { ctx, streams, stats, faults, run } = m;
  const n = ctx.vcpus;
  const accesses: number[] = [];
  const perVcpuNs: number[] = [];
  const postcopyPerVcpuNs: number[] = [];
  let sumPostcopy = 0;
  let sumBaseline = 0;
  const start = streams.startedAt;
  const period = streams.accessPeriodNs;
  for (let v = 0; v < n; v++) {
    if (start < 0) {
      accesses.push(0);
      perVcpuNs.push(0);
      postcopyPerVcpuNs.push(0);
      continue;
    }
    // A fault still outstanding at the end (a failed or stopped run) stalled the vCPU until then.
    const f = streams.fault[v];
    const outstanding = f >= 0 && faults.resolved[f] === 0;
    const blocked = stats.blockNs[v] + (outstanding ? Math.max(0, endAt - faults.raisedAt[f]) : 0);
    const finite = streams.finiteAccesses(v);
    const finish = streams.finishAt[v];
    let work: number;
    let elapsed: number;
    let count: number;
    if (finite !== null && finish < Infinity && !outstanding && (run.outcome === 'completed' || finish <= endAt)) {
      // A workload that ends: all its accesses, until its last one (after the migration, if it
      // still had work then: the rest ran without a stall).
      count = finite;
      work = finite * period;
      elapsed = finish - start;
    } else {
      // A workload that runs on: what it did from resume to the end of post-copy.
      elapsed = Math.max(0, endAt - start);
      // A livelocked vCPU (a nested walk that can never succeed) did no guest work from then on.
      const stuck = streams.livelockedAt[v] >= 0 ? Math.max(0, endAt - streams.livelockedAt[v]) : 0;
      work = Math.min(elapsed, Math.max(0, elapsed - blocked - stuck - streams.thinkNs[v]));
      count = work / period;
      if (finite !== null && count > finite) count = finite;
    }
    accesses.push(Math.round(count));
    perVcpuNs.push(wholeNs(work));
    postcopyPerVcpuNs.push(wholeNs(elapsed));
    sumPostcopy += elapsed;
    sumBaseline += work;
  }
  const slowdown = sumPostcopy === 0 ? 1 : sumBaseline > 0 ? round(sumPostcopy / sumBaseline) : null;
  return { baseline: { accessesPerVcpu: accesses, perVcpuNs, postcopyPerVcpuNs }, slowdown };
}
