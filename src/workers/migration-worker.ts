import { DelayedError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { createSimulation, migrationSpecSchema, MODEL_VERSION, resolveCosts, type MigrationResult, type MigrationSpec, type SimulationProgress } from '../sim/index.js';
import type { BatchRun, MigrationsRepo, RunEnd } from '../db/migrations-repo.js';
import { PendingEnds, type EndedRun } from './pending-ends.js';
import type { FaultEventsRepo } from '../db/fault-events-repo.js';
import { connectionOptions, QUEUE_NAMES, type JobPayloads } from '../queue/queues.js';
import type { Config } from '../config.js';
import { progressSampleStep, type ProgressLog, type ProgressRecorder } from '../queue/progress-log.js';
import type { Metrics } from '../metrics.js';
import { progressFraction } from '../lib/progress.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { storedEvery } from '../lib/fault-event.js';
import type { FairShare } from '../services/fair-share.js';

export interface MigrationWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  batchSize: number;
  /** Fault events per COPY transaction (default 250k). */
  commitRows?: number;
  /** How long a job waits in the queue (no attempt used) when Postgres cannot be reached. */
  dbRetryMs?: number;
}

/** The worker's options as the configuration sets them. */
export function workerOptionsFrom(config: Config): MigrationWorkerOptions {
  return {
    connection: connectionOptions(config.REDIS_URL, true),
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_MS,
    stalledIntervalMs: config.WORKER_STALLED_CHECK_MS,
    batchSize: config.EVENT_BATCH_SIZE,
    commitRows: config.EVENT_COMMIT_ROWS,
    dbRetryMs: config.WORKER_DB_RETRY_MS,
  };
}

const DEFAULT_DB_RETRY_MS = 5_000;

/**
 * Graceful stop: every running job stops after its current batch, commits its events and is handed
 * back to the queue (see the processor), then the worker closes. Without the interruption close()
 * would wait for whole migrations, and a process killed meanwhile leaves its job locked until the
 * lock expires and a stalled check re-queues it (a minute by default).
 */
export async function closeMigrationWorker(worker: Worker): Promise<void> {
  worker.cancelAllJobs('worker shutting down');
  await worker.close();
}

/** How often a running job writes progress and looks for a cancel request. */
const PROGRESS_EVERY_MS = 250;
/** Size of the first batch pulled from the simulator (then doubling up to batchSize). */
const FIRST_BATCH_EVENTS = 256;
/** Longest the simulation runs between two returns to the event loop (target; batches adapt to it). */
const SLICE_MS = 20;

/**
 * Runs one migration: simulates it batch by batch, streams the fault events to Postgres with binary
 * COPY (one encoded batch in flight while the next is simulated; a slow database blocks the
 * simulation rather than growing the heap), reports progress, honours cancellation, and stores the
 * summary.
 * Re-running a job is safe: it resumes after the last stored event (the simulation is
 * deterministic, so the skipped prefix is exactly what was stored). That holds only for events of
 * the same model version: when the row records another one (the worker was upgraded between
 * attempts), the stored run is discarded and re-run from seq 0 under this worker's version.
 */
export async function runMigrationJob(
  migrationId: string,
  deps: {
    migrations: MigrationsRepo;
    faults: FaultEventsRepo;
    log: Logger;
    batchSize: number;
    commitRows?: number;
    onProgress?: (p: SimulationProgress) => Promise<void>;
    /** After every batch (cheap): the progress history samples from here. */
    onBatch?: (p: SimulationProgress) => Promise<void>;
    /**
     * The migration is running (not skipped): called once, before simulating, with its number of
     * starts (1 the first time) and the share of the pages between two progress samples.
     */
    onStart?: (run: { attempts: number; sampleStep: number }) => Promise<void>;
    onEventsStored?: (count: number) => void;
    /** The migration ended and its result is stored: called once per migration (result metrics). */
    onFinished?: (spec: MigrationSpec, result: MigrationResult) => void;
    /**
     * A batch's run: its row as read when the batch started (MigrationsRepo.findRuns), and where its
     * end goes instead of being stored here (PendingEnds stores a batch's ends together, while the
     * next runs simulate). Without it, runMigrationJob marks the run running and stores its end.
     */
    batch?: { row: BatchRun | undefined; end: (run: Omit<EndedRun, 'history'>) => void };
    /**
     * Aborted when the worker shuts down: the run stops after the batch in hand, commits what it
     * has written and answers 'interrupted' (the migration stays running; a retry resumes it).
     */
    stop?: AbortSignal;
  },
): Promise<'succeeded' | 'cancelled' | 'skipped' | 'interrupted'> {
  const { migrations, faults, log } = deps;
  const startedAt = performance.now();
  // A batch's run that keeps no fault events, queued with this model version, is not marked running
  // before it simulates: its end records its start too (RunEnd.claim), one write instead of two and
  // no round trip before the simulation. Should it run long enough to report progress, it is
  // marked running then. Any other run is marked running first (its events need the row's version).
  const prefetched = deps.batch?.row;
  const deferStart = prefetched?.status === 'queued' && !prefetched.cancelRequested && prefetched.faultEvents === 'none' && prefetched.modelVersion === MODEL_VERSION;
  let started = !deferStart;
  const notRunning = async (): Promise<'cancelled' | 'skipped'> => {
    const current = await migrations.find(migrationId);
    if (current?.status === 'running' && current.cancelRequested) {
      await migrations.markCancelled(migrationId, await faults.count(migrationId));
      return 'cancelled';
    }
    log.info({ migrationId, status: current?.status }, 'nothing to run');
    return 'skipped';
  };
  const row = deferStart ? { ...prefetched, attempts: prefetched.attempts + 1 } : await migrations.markRunning(migrationId);
  if (!row) return notRunning();

  // Its job reached a worker, so Redis had it: record that if the submission could not (its enqueue
  // timed out after Redis had taken the job), or the outbox would consider it never queued. (A batch's
  // run: its experiment records that its flow was queued.)
  if (row.enqueuedAt === null && started && !deps.batch) await migrations.markEnqueued(migrationId);
  // Which events to store (experiments keep none or a sample; the summary is complete either way).
  const keep = row.faultEvents;
  const sampleStep = progressSampleStep(keep);
  await deps.onStart?.({ attempts: row.attempts, sampleStep });
  // A spec that an API of this model version stored, on its first start (no worker of another
  // version has adopted the row since), is the output of this very schema: one version has one spec
  // schema (the golden test pins it). Parsing it again cost a sweep's run 6% of its simulation time.
  const spec = row.modelVersion === MODEL_VERSION && row.attempts === 1 ? (row.spec as unknown as MigrationSpec) : migrationSpecSchema.parse(row.spec);
  const sim = createSimulation(spec);
  const stride = keep === 'none' ? 1 : storedEvery(keep);
  // The migration's own partition of fault_events (created once; dropped with the migration). A run
  // that stores no events gets none: a sweep of a thousand runs must not create a thousand tables.
  if (keep !== 'none' || row.modelVersion !== MODEL_VERSION) await faults.ensurePartition(row.key);
  if (row.modelVersion !== MODEL_VERSION) {
    // Stored events (if any) come from another simulator: resuming would splice two models' runs.
    // One transaction empties the partition and records our version before we write anything.
    const previous = await migrations.adoptModelVersion(migrationId, row.key, MODEL_VERSION);
    if (previous !== null) {
      log.info({ migrationId, previousModelVersion: previous, modelVersion: MODEL_VERSION }, 'model version changed: discarded stored fault events, re-running from seq 0');
    }
  }
  const resumeAt = keep === 'none' ? 0 : await faults.resumePoint(row.key);
  if (resumeAt > 0) log.info({ migrationId, resumeAt, modelVersion: MODEL_VERSION }, 'resuming after stored fault events');

  // Streaming COPY: a batch is handed over while the next one is simulated, commits are ordered, and
  // a slow database blocks write() (see FaultEventWriter). The committed events are always the
  // prefix [0, resumeAt) of the run (every stride-th of it). Each COPY checks that the row still
  // records our model version.
  const writer = keep === 'none' ? null : faults.writer(row.key, { commitRows: deps.commitRows, modelVersion: MODEL_VERSION, onCommit: (n) => deps.onEventsStored?.(n) });
  /** Events stored: those of seq < resumeAt kept before this attempt, and this attempt's. */
  const written = () => Math.ceil(resumeAt / stride) + (writer?.committed ?? 0);
  try {
    // The first report after PROGRESS_EVERY_MS, as every later one: a short run (most runs of a
    // sweep) writes its row twice (start, end) instead of three times.
    let lastReport = Date.now();
    // Small first batches, doubling up to batchSize while a batch takes less than a time slice: a
    // short run gets progress samples too (onBatch), and the event loop is never held for long
    // (BullMQ renews the job's lock on it).
    let size = Math.min(deps.batchSize, FIRST_BATCH_EVENTS);
    // The simulation also pauses each time another sampleStep of the pages has arrived,
    // so that the progress history has a sample right at that moment: pages present over time then
    // shows its real shape, steps of 1 GiB pages included, however few fault events the run has.
    const sampleFrames = Math.max(1, Math.ceil(sim.progress().pagesTotal * sampleStep));
    let pauseAt = sim.progress().pagesPresent + sampleFrames;
    const nextBatch = () => {
      const t0 = performance.now();
      const batch = sim.next(size, pauseAt);
      const ms = performance.now() - t0;
      if (ms > SLICE_MS) size = Math.max(FIRST_BATCH_EVENTS, Math.floor((size * SLICE_MS) / ms));
      else if (ms < SLICE_MS / 2) size = Math.min(deps.batchSize, size * 2);
      return batch;
    };
    await deps.onBatch?.(sim.progress()); // where the history starts: the pages present before anything ran
    for (let batch = nextBatch(); batch; batch = nextBatch()) {
      const end = batch.firstSeq + batch.length;
      if (writer && batch.length > 0 && end > resumeAt) await writer.write(batch, Math.max(0, resumeAt - batch.firstSeq), stride);
      // Let timers and I/O run between slices even when nothing above waited.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const sample = sim.progress();
      if (sample.pagesPresent >= pauseAt) pauseAt = sample.pagesPresent + sampleFrames;
      await deps.onBatch?.(sample);
      if (deps.stop?.aborted) {
        await writer?.flush();
        log.info({ migrationId, written: written() }, 'interrupted by shutdown: stored events committed');
        return 'interrupted';
      }
      const now = Date.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        if (!started) {
          if (!(await migrations.markRunning(migrationId))) return notRunning();
          if (row.enqueuedAt === null && !deps.batch) await migrations.markEnqueued(migrationId);
          started = true;
        }
        const progress = sim.progress();
        const { cancelRequested } = await migrations.reportProgress(migrationId, progressFraction(progress), progress);
        await deps.onProgress?.(progress);
        if (cancelRequested) {
          await writer?.flush();
          if (writer) await faults.finalize(row.key);
          await migrations.markCancelled(migrationId, written(), MODEL_VERSION);
          log.info({ migrationId, written: written() }, 'cancelled');
          return 'cancelled';
        }
      }
    }
    await writer?.flush();
  } finally {
    await writer?.close(); // after an error: rolls back the uncommitted tail; a retry resumes after it
  }
  if (writer) await faults.finalize(row.key);

  const result: MigrationResult = sim.result();
  const progress = sim.progress();
  // The simulator ran to its end: whatever the outcome (a lost VM, a refusal, a limit), that is the
  // result the user asked for. `failed` is kept for runs the service could not carry out.
  const end: RunEnd = {
    status: 'succeeded',
    summary: result,
    resolvedCosts: resolveCosts(spec.costs, spec.host.costScale, spec.vm.arch),
    eventCount: written(),
    progress: progressFraction(progress),
    detail: progress,
    modelVersion: MODEL_VERSION,
    // Every recorded violation (the summary keeps the counts and the first few), for GET /violations.
    violations: { migrationKey: row.key, items: sim.violations() },
  };
  if (deps.batch) {
    deps.batch.end({ migrationId, end, progress, endedAt: performance.now(), ...(started ? {} : { startedAt }) });
  } else {
    // The last sample before the end is recorded: whoever sees the end in Postgres also finds it.
    await deps.onProgress?.(progress);
    await migrations.finish(migrationId, end);
  }
  // A simulated migration that did not complete is a result, not a job error: say why, for whoever reads the logs.
  if (result.outcome !== 'completed') log.warn({ outcome: result.outcome, failureReason: result.failureReason, eventCount: written() }, 'simulated migration did not complete');
  deps.onFinished?.(spec, result);
  return 'succeeded';
}

export function startMigrationWorker(
  opts: MigrationWorkerOptions,
  deps: { migrations: MigrationsRepo; faults: FaultEventsRepo; log: Logger; progressLog?: ProgressLog; metrics?: Metrics; fairShare?: FairShare },
): Worker<JobPayloads['migrations']> {
  type RunOutcome = Awaited<ReturnType<typeof runMigrationJob>>;
  /** One migration of the job: its progress history, the simulation and its metrics. */
  const runInJob = async (
    job: Job<JobPayloads['migrations']>,
    migrationId: string,
    log: Logger,
    signal?: AbortSignal,
    batch?: { row: BatchRun | undefined; pending: PendingEnds },
  ): Promise<RunOutcome | 'postponed'> => {
    const started = performance.now();
    let recorder: ProgressRecorder | undefined;
    let outcome: RunOutcome | 'postponed' | 'error' = 'error';
    try {
      outcome = await runMigrationJob(migrationId, {
        ...deps,
        log,
        batchSize: opts.batchSize,
        commitRows: opts.commitRows,
        onStart: async ({ attempts, sampleStep }) => {
          log.info('migration started');
          recorder = await deps.progressLog?.recorder(migrationId, { resumed: attempts > 1, sampleStep }).catch((err: unknown) => {
            log.warn({ err }, 'progress history unavailable; live progress continues without it');
            return undefined;
          });
          recorder?.started(attempts); // appended with the first sample
        },
        onBatch: async (p) => {
          await recorder?.sample(p).catch((err: unknown) => log.warn({ err }, 'could not record progress'));
        },
        onProgress: async (p) => {
          // History first, then the BullMQ progress event that wakes the event streams up (it
          // names the migration: a batch's job reports for each of its runs).
          await recorder?.record(p).catch((err: unknown) => log.warn({ err }, 'could not record progress'));
          await job.updateProgress({ ...p, migrationId });
        },
        onEventsStored: (n) => deps.metrics?.faultEventsIngested.inc(n),
        onFinished: (spec, result) => deps.metrics?.observeResult(spec.strategy.mechanism, result),
        batch: batch && { row: batch.row, end: (run) => batch.pending.add({ ...run, history: recorder?.drain(run.progress) }) },
        stop: signal,
      });
      return outcome;
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      log.warn({ err }, 'database unavailable');
      return (outcome = 'postponed');
    } finally {
      const durationMs = performance.now() - started;
      deps.metrics?.jobDuration.observe({ outcome }, durationMs / 1000);
      if (outcome !== 'error') log.info({ outcome, durationMs: Math.round(durationMs) }, 'migration job done');
    }
  };
  const worker = new Worker<JobPayloads['migrations']>(
    QUEUE_NAMES.migrations,
    // Three parameters: BullMQ then passes an AbortSignal, aborted by cancelAllJobs (see
    // closeMigrationWorker). It is the shutdown signal only; a user's cancel goes through Postgres.
    async (job: Job<JobPayloads['migrations']>, token?: string, signal?: AbortSignal) => {
      // reqId: the id of the HTTP request that submitted the migration, as in the API's own logs.
      const attempt = job.attemptsMade + 1;
      const jobLog = deps.log.child({ reqId: job.data.requestId, jobId: job.id, attempt });
      // Fairness between tenants (services/fair-share.ts): a job of a tenant that has more than its
      // share of the workers goes back to the queue for a moment, so another tenant's job runs next.
      // Times this job was started without running (deferred, postponed, handed back): bounds the deferrals.
      const setBacks = Math.max(0, (job.attemptsStarted ?? 0) - job.attemptsMade - 1);
      // A batch's rows are read meanwhile, not after: one round trip less per batch (null: Postgres
      // is unreachable). Unused when the job is deferred.
      const runs = job.data.runs;
      const rowsRead =
        runs &&
        deps.migrations.findRuns(runs).catch((err: unknown) => {
          if (isDatabaseUnavailable(err)) return null;
          throw err;
        });
      rowsRead?.catch(() => undefined);
      const deferral = await deps.fairShare?.deferral(job.data.migrationId, setBacks).catch((err: unknown) => {
        jobLog.warn({ err }, 'fair-share check failed; running the job');
        return undefined;
      });
      if (deferral?.defer) {
        jobLog.debug({ reason: deferral.reason }, 'job deferred for fairness');
        await job.moveToDelayed(Date.now() + deferral.delayMs, token);
        throw new DelayedError();
      }
      // A batch of an experiment's runs, one after another. Runs that ended in an earlier attempt of
      // the job are skipped (runMigrationJob finds them over); the one in progress resumes.
      const outcomes: Record<string, RunOutcome> = {};
      // A batch's ends are stored together (PendingEnds) while the next runs simulate; each store
      // settles to its error, handled at once (a rejection left for later would end the process).
      const batch = runs && {
        rows: await rowsRead!,
        pending: new PendingEnds({
          migrations: deps.migrations,
          progressLog: deps.progressLog,
          reportProgress: (data) => job.updateProgress(data),
          onHistoryError: (err) => jobLog.warn({ err }, 'could not record progress'),
        }),
        stores: [] as Array<Promise<unknown>>,
      };
      const store = () => {
        if (!batch) return;
        batch.stores.push(
          batch.pending.flush().then(
            (notStored) => {
              for (const id of notStored) outcomes[id] = 'skipped';
            },
            (err: unknown) => err ?? new Error('storing results failed'),
          ),
        );
      };
      const storeFailures = async () => (batch ? (await Promise.all(batch.stores.splice(0))).filter((err) => err !== undefined) : []);
      const postpone = async (): Promise<never> => {
        // An outage, a restart, a failover: not the migration's fault. The job waits in the queue
        // and is tried again (resuming after its committed events) without using one of its
        // attempts, however long the outage lasts; failing it would burn every attempt in seconds
        // and leave the migration unfinished (its failure could not be recorded either).
        jobLog.warn({ retryInMs: opts.dbRetryMs ?? DEFAULT_DB_RETRY_MS }, 'database unavailable: job put back in the queue without using an attempt');
        await job.moveToDelayed(Date.now() + (opts.dbRetryMs ?? DEFAULT_DB_RETRY_MS), token);
        throw new DelayedError();
      };
      if (batch?.rows === null) return postpone();
      for (const migrationId of runs ?? [job.data.migrationId]) {
        const outcome = await runInJob(job, migrationId, jobLog.child({ migrationId }), signal, batch ? { row: batch.rows!.get(migrationId), pending: batch.pending } : undefined);
        if (outcome === 'postponed') {
          await storeFailures();
          return postpone();
        }
        if (outcome === 'interrupted') {
          // Shutdown: store the runs that ended (a restart would run them again otherwise), hand the
          // job back now (delayed until now = due at once) and release our lock, so that a
          // restarted or another worker resumes it immediately instead of after the lock expires
          // and the stalled check notices. DelayedError tells BullMQ the job was moved.
          store();
          await storeFailures();
          await job.moveToDelayed(Date.now(), token);
          jobLog.info('job handed back to the queue');
          throw new DelayedError();
        }
        outcomes[migrationId] = outcome;
        // Also before the last run: the job ends once its ends are stored, and what is stored
        // during that run leaves only its own end to wait for.
        if (batch?.pending.due() || migrationId === runs?.[runs.length - 2]) store();
      }
      store();
      // A run whose result could not be stored runs again when the job is retried (or postponed).
      const [failure] = await storeFailures();
      if (failure !== undefined) {
        if (isDatabaseUnavailable(failure)) return postpone();
        throw failure;
      }
      return runs ? { outcomes } : { outcome: outcomes[job.data.migrationId] };
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
    deps.log.error({ err, reqId: job?.data.requestId, migrationId: job?.data.migrationId, attempts: job?.attemptsMade }, 'migration job failed');
    // Out of retries: the migration must not stay "running" forever. When this cannot be recorded
    // (Postgres is down), the dispatcher's reconciliation records it later from the failed job.
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      // finish() ends only runs still queued or running: a batch's runs that ended keep their result.
      for (const migrationId of job.data.runs ?? [job.data.migrationId]) {
        void deps.migrations
          .finish(migrationId, { status: 'failed', error: { title: 'Worker error', detail: err.message } })
          .catch((e: unknown) => deps.log.error({ err: e, migrationId }, 'could not record job failure'));
      }
    }
  });
  worker.on('error', (err) => deps.log.error({ err }, 'worker error'));
  return worker;
}
