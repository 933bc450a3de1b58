import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { createSimulation, migrationSpecSchema, type MigrationResult, type SimulationProgress } from '../sim/index.js';
import type { MigrationsRepo } from '../db/migrations-repo.js';
import type { FaultEventsRepo } from '../db/fault-events-repo.js';
import { QUEUE_NAMES, type JobPayloads } from '../queue/queues.js';

export interface MigrationWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  batchSize: number;
}

/** How often a running job writes progress and looks for a cancel request. */
const PROGRESS_EVERY_MS = 250;

/**
 * Runs one migration: simulates it batch by batch, streams each batch of fault events to Postgres
 * (awaiting the write before simulating further, so a slow database slows the simulation rather
 * than growing the heap), reports progress, honours cancellation, and stores the summary.
 * Re-running a job is safe: it resumes after the last stored event (the simulation is
 * deterministic, so the skipped prefix is exactly what was stored).
 */
export async function runMigrationJob(
  migrationId: string,
  deps: { migrations: MigrationsRepo; faults: FaultEventsRepo; log: Logger; batchSize: number; onProgress?: (p: SimulationProgress) => Promise<void> },
): Promise<'succeeded' | 'failed' | 'cancelled' | 'skipped'> {
  const { migrations, faults, log } = deps;
  const row = await migrations.markRunning(migrationId);
  if (!row) {
    const current = await migrations.find(migrationId);
    if (current?.status === 'running' && current.cancelRequested) {
      await migrations.markCancelled(migrationId, await faults.count(migrationId));
      return 'cancelled';
    }
    log.info({ migrationId, status: current?.status }, 'nothing to run');
    return 'skipped';
  }

  const spec = migrationSpecSchema.parse(row.spec);
  const sim = createSimulation(spec);
  const resumeAt = await faults.resumePoint(migrationId);
  if (resumeAt > 0) log.info({ migrationId, resumeAt }, 'resuming after stored fault events');

  let written = resumeAt;
  let lastReport = 0;
  for (let batch = sim.next(deps.batchSize); batch; batch = sim.next(deps.batchSize)) {
    const end = batch.firstSeq + batch.length;
    if (end > resumeAt) written += await faults.copyBatch(migrationId, batch, Math.max(0, resumeAt - batch.firstSeq));
    const now = Date.now();
    if (now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      const progress = sim.progress();
      const { cancelRequested } = await migrations.reportProgress(migrationId, fraction(progress), progress);
      await deps.onProgress?.(progress);
      if (cancelRequested) {
        await migrations.markCancelled(migrationId, written);
        log.info({ migrationId, written }, 'cancelled');
        return 'cancelled';
      }
    }
  }

  const result: MigrationResult = sim.result();
  const progress = sim.progress();
  const status = result.outcome === 'completed' ? 'succeeded' : 'failed';
  await migrations.finish(migrationId, {
    status,
    summary: result,
    eventCount: written,
    progress: fraction(progress),
    detail: progress,
    ...(status === 'failed' ? { error: { title: 'Migration failed', detail: result.failureReason ?? 'the simulated migration failed' } } : {}),
  });
  await deps.onProgress?.(progress);
  return status;
}

function fraction(p: SimulationProgress): number {
  return p.pagesTotal === 0 ? 1 : p.pagesPresent / p.pagesTotal;
}

export function startMigrationWorker(
  opts: MigrationWorkerOptions,
  deps: { migrations: MigrationsRepo; faults: FaultEventsRepo; log: Logger },
): Worker<JobPayloads['migrations']> {
  const worker = new Worker<JobPayloads['migrations']>(
    QUEUE_NAMES.migrations,
    async (job: Job<JobPayloads['migrations']>) => {
      const log = deps.log.child({ migrationId: job.data.migrationId, jobId: job.id, attempt: job.attemptsMade + 1 });
      const outcome = await runMigrationJob(job.data.migrationId, {
        ...deps,
        log,
        batchSize: opts.batchSize,
        onProgress: (p) => job.updateProgress({ ...p }),
      });
      return { outcome };
    },
    {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration: opts.lockDurationMs,
      stalledInterval: opts.stalledIntervalMs,
      maxStalledCount: 3,
    },
  );
  worker.on('failed', (job, err) => {
    deps.log.error({ err, migrationId: job?.data.migrationId, attempts: job?.attemptsMade }, 'migration job failed');
    // Out of retries: the migration must not stay "running" forever.
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      void deps.migrations
        .finish(job.data.migrationId, { status: 'failed', error: { title: 'Worker error', detail: err.message } })
        .catch((e: unknown) => deps.log.error({ err: e }, 'could not record job failure'));
    }
  });
  worker.on('error', (err) => deps.log.error({ err }, 'worker error'));
  return worker;
}
