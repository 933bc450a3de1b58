import { FlowProducer, Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';

/** Every queue of the service, with the payload of its jobs: the one typed map producers and workers share. */
export interface JobPayloads {
  /**
   * One migration (`migrationId`, also the job's id), or a batch of an experiment's runs (`runs`, one
   * or more, in the order the worker runs them; `migrationId` is then the batch's job id, its first
   * run's id). A run queued again on its own by the reconciliation has no `runs`.
   * requestId: the HTTP request that submitted it, so its logs follow the migration into the worker.
   */
  migrations: { migrationId: string; runs?: string[]; requestId?: string };
  /**
   * The parent job of an experiment's flow: its children are the runs' `migrations` jobs, and it
   * runs once all of them have ended (completed, or failed for good), to settle the experiment.
   */
  experiments: { experimentId: string; requestId?: string };
}
export type QueueName = keyof JobPayloads;
export const QUEUE_NAMES: { [K in QueueName]: K } = { migrations: 'migrations', experiments: 'experiments' };

/**
 * Defaults for migration jobs. The job id is the migration id, so adding a job that Redis already
 * has is a no-op: the outbox dispatcher may re-add freely. Attempts cover worker crashes and
 * transient database errors; the worker resumes from the last stored fault event.
 */
export const MIGRATION_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Experiment parents: a run that fails for good must not block its experiment (it is a result row). */
export const EXPERIMENT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export function createFlowProducer(connection: ConnectionOptions, prefix: string): FlowProducer {
  return new FlowProducer({ connection, prefix });
}

export function createQueue<N extends QueueName>(name: N, connection: ConnectionOptions, prefix: string): Queue<JobPayloads[N]> {
  return new Queue<JobPayloads[N]>(name, { connection, prefix });
}

export function connectionOptions(redisUrl: string, forWorker: boolean): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis and must wait through outages; producers must fail fast so that a
    // submission is answered (the outbox queues it later).
    maxRetriesPerRequest: forWorker ? null : 1,
    enableOfflineQueue: forWorker,
  };
}
