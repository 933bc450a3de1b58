/**
 * Which of an experiment's runs share a BullMQ job. A job costs a few milliseconds beyond its
 * simulation whatever its size (BullMQ's completion and next fetch, the fairness check, Redis round
 * trips): with one job per run, a sweep of 1 GiB runs (6.4 ms of simulation each) took more than
 * twice its simulation time. Runs are therefore grouped, in run order, into batches of about
 * BATCH_MEMORY_MIB of guest memory and at most BATCH_RUNS runs. Guest memory stands for the cost:
 * the pages to move, hence the events to simulate, grow with it (about 1.7 ms of simulation per GiB
 * for the default workload on a 2-core machine; 6 ms when batches were 16 GiB, before the copier's
 * lookups and the index's short counts got cheaper). A run that large or larger is a batch of its
 * own, so that long runs still spread over every worker and a single migration submitted meanwhile
 * waits for at most one batch (~60 ms) before it runs.
 */
export const BATCH_MEMORY_MIB = 32 * 1024;
export const BATCH_RUNS = 32;
/**
 * The last batches shrink (guided self-scheduling): a batch holds at most half the guest memory of
 * the runs not yet batched, down to this. With equal batches, the last one often ran on one worker
 * while the others had nothing left: half a batch of a 200-run sweep, with one core idle. Halving
 * costs a few more batches (~7 ms each: bench:experiments) at the very end.
 */
export const TAIL_BATCH_MIB = BATCH_MEMORY_MIB / 4;

/** Consecutive runs grouped into batches (each run in exactly one, order kept). */
export function batchRuns<R>(runs: readonly R[], memoryMiB: (run: R) => number): R[][] {
  const batches: R[][] = [];
  let current: R[] = [];
  let mib = 0;
  let unbatched = runs.reduce((sum, run) => sum + memoryMiB(run), 0);
  let cap = batchCap(unbatched);
  for (const run of runs) {
    const m = memoryMiB(run);
    if (current.length > 0 && (mib + m > cap || current.length >= BATCH_RUNS)) {
      batches.push(current);
      unbatched -= mib;
      cap = batchCap(unbatched);
      current = [];
      mib = 0;
    }
    current.push(run);
    mib += m;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function batchCap(unbatchedMiB: number): number {
  return Math.min(BATCH_MEMORY_MIB, Math.max(TAIL_BATCH_MIB, unbatchedMiB / 2));
}
