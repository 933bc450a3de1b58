import { Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { QUEUE_NAMES, type JobPayloads } from '../queue/queues.js';
import type { ExperimentService } from '../services/experiment-service.js';
import type { MigrationWorkerOptions } from './migration-worker.js';

/**
 * Runs the parent job of each experiment's flow. BullMQ starts it once every child (a run's
 * migration job) has completed or failed for good; it ends the experiment. Runs re-queued without
 * their parent (a Redis restart) end it through the dispatcher instead (ExperimentService.dispatchPending).
 */
export function startExperimentWorker(
  opts: Pick<MigrationWorkerOptions, 'connection' | 'prefix' | 'lockDurationMs' | 'stalledIntervalMs'>,
  deps: { experimentService: ExperimentService; log: Logger },
): Worker<JobPayloads['experiments']> {
  const worker = new Worker<JobPayloads['experiments']>(
    QUEUE_NAMES.experiments,
    async (job: Job<JobPayloads['experiments']>) => {
      const status = await deps.experimentService.settle(job.data.experimentId);
      return { status };
    },
    { connection: opts.connection, prefix: opts.prefix, concurrency: 4, lockDuration: opts.lockDurationMs, stalledInterval: opts.stalledIntervalMs },
  );
  worker.on('failed', (job, err) => deps.log.warn({ err, experimentId: job?.data.experimentId }, 'experiment settle job failed'));
  worker.on('error', (err) => deps.log.error({ err }, 'experiment worker error'));
  return worker;
}
