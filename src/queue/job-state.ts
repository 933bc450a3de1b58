import type { Queue } from 'bullmq';

/**
 * What the queue says about a migration's job (job id = migration id), as far as Postgres needs to
 * know it to decide whether the migration can still end on its own:
 * - live: waiting, delayed, prioritized, or active under a worker's lock: a worker will (re)run it.
 * - orphaned: active, but no worker holds its lock any more (its worker died). BullMQ's stalled
 *   check moves it back to waiting, but only while some worker runs: nothing is running it now.
 * - failed / completed: BullMQ is done with it.
 * - missing: Redis does not have it (never added, removed, or lost with a Redis restart).
 */
export type JobStatus =
  | { kind: 'live'; state: string }
  | { kind: 'orphaned' }
  | { kind: 'failed'; reason: string }
  | { kind: 'completed'; returnValue: unknown }
  | { kind: 'missing' };

export async function jobStatus(queue: Queue, jobId: string): Promise<JobStatus> {
  const job = await queue.getJob(jobId);
  if (!job) return { kind: 'missing' };
  const state = await job.getState();
  switch (state) {
    case 'unknown':
      return { kind: 'missing' };
    case 'failed':
      return { kind: 'failed', reason: job.failedReason || 'the job failed without a reason' };
    case 'completed':
      return { kind: 'completed', returnValue: job.returnvalue };
    case 'active': {
      // BullMQ keeps a running job's lock at `<job key>:lock` (its Lua scripts' layout) and renews it
      // every lockDuration/2; a missing lock means the worker stopped renewing it.
      const client = await queue.getBackend().client;
      const token = await client.get(`${queue.toKey(jobId)}:lock`);
      return token !== null ? { kind: 'live', state } : { kind: 'orphaned' };
    }
    default:
      return { kind: 'live', state };
  }
}

/** BullMQ's failedReason when its stalled check gave up on a job whose workers kept dying. */
export function isStalledTooOften(reason: string): boolean {
  return /stalled more than allowable limit/i.test(reason);
}
