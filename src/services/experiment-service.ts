import { createHash, randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { FlowProducer, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { MigrationStatus } from '../generated/prisma/enums.js';
import { TERMINAL_STATUSES } from '../db/migrations-repo.js';
import type { TenantGuard } from '../db/tenant-usage.js';
import type { ExperimentRow, ExperimentsRepo } from '../db/experiments-repo.js';
import { ConflictError, IdempotencyKeyMismatchError, NotFoundError } from '../errors.js';
import { EXPERIMENT_JOB_OPTIONS, MIGRATION_JOB_OPTIONS, QUEUE_NAMES, type JobPayloads } from '../queue/queues.js';
import { withTimeout } from '../lib/timeout.js';
import { presetSummaries, type ExperimentPlan, type ExperimentRequestRecord, type PresetSummary } from '../experiments/plan.js';
import { experimentResults, resultRow, type ExperimentResults, type ResultRow, type StoredRun } from '../experiments/results.js';
import { SUMMARY_FIELDS_READ } from '../experiments/metrics.js';
import { batchRuns } from '../experiments/batches.js';
import { migrationStatusSchema, type MigrationService } from './migration-service.js';
import { newestFirstCursor, newestFirstPage, newestFirstQuerySchema, type Page } from './cursor.js';

export type { ExperimentRow };

/** Progress of an experiment: its runs by status. */
export const experimentProgressSchema = z.object({
  total: z.int().min(0).describe('Runs of the experiment.'),
  done: z.int().min(0).describe('Runs that have ended (succeeded, failed or cancelled).'),
  fraction: z.number().min(0).max(1).describe('done / total.'),
  byStatus: z
    .record(migrationStatusSchema, z.int().min(0))
    .describe('Runs per status. A short run that keeps no fault events goes from queued to its end directly (its batch records it once, when it ends); running counts the runs that report progress (250 ms or more).'),
});
export type ExperimentProgress = z.output<typeof experimentProgressSchema>;

/** A run in progress: its index and how far it is (pages present / pages to move, 0..1). */
export const runningRunSchema = z.object({ index: z.int().min(0), progress: z.number().min(0).max(1) });
export type RunningRun = z.output<typeof runningRunSchema>;

export const experimentListQuerySchema = newestFirstQuerySchema.extend({
  status: migrationStatusSchema.optional().describe('Only the experiments with this status, as they show it (running: queued with a run started).'),
});
export type ExperimentListQuery = z.output<typeof experimentListQuerySchema>;

/** How long adding the flow may take before the submission is answered anyway (the outbox retries). */
const ENQUEUE_TIMEOUT_MS = 10_000;

/**
 * Decides what happens to experiments: submission (the runs become migrations, queued as the
 * children of one BullMQ flow), reads with progress and results, cancellation, deletion, and the
 * end of an experiment once all its runs have ended (settle).
 */
export class ExperimentService {
  /** Rows of ended runs, by "<experiment id>/<run index>" (see table()). */
  private readonly endedRows = new LRUCache<string, ResultRow>({ max: ENDED_ROWS_KEPT });

  constructor(
    private readonly experiments: ExperimentsRepo,
    private readonly migrations: MigrationService,
    private readonly flows: FlowProducer,
    private readonly queue: Queue<JobPayloads['experiments']>,
    private readonly log: Logger,
  ) {}

  async submit(
    plan: ExperimentPlan,
    idempotencyKey?: string,
    requestId?: string,
    owner?: { tenant: string; guard?: TenantGuard },
  ): Promise<{ experiment: ExperimentRow; created: boolean }> {
    const { runs, ...request } = plan;
    const requestHash = sha256(JSON.stringify(request satisfies ExperimentRequestRecord));
    const rows = batchRuns(runs, (r) => r.spec.vm.memoryMiB).flatMap((batch) => {
      const ids = batch.map(() => randomUUID());
      return batch.map((r, i) => ({
        id: ids[i],
        runIndex: r.index,
        runParams: r.params,
        spec: r.spec,
        requestHash: sha256(JSON.stringify(r.spec)),
        jobId: batch.length > 1 ? ids[0] : null,
      }));
    });
    const { row, created } = await this.experiments.insertWithRuns(
      { id: randomUUID(), tenant: owner?.tenant, label: plan.label, request, idempotencyKey, requestHash },
      rows,
      plan.faultEvents,
      owner?.guard,
    );
    if (!created) {
      if (row.requestHash !== requestHash) throw new IdempotencyKeyMismatchError(idempotencyKey!);
      return { experiment: row, created };
    }
    await this.enqueue(row.id, requestId, rows);
    return { experiment: row, created };
  }

  /** The published measurements a request may name as `preset`. */
  presets(): PresetSummary[] {
    return presetSummaries();
  }

  async get(id: string): Promise<ExperimentRow> {
    const row = await this.experiments.find(id);
    if (!row) throw new NotFoundError('experiment', id);
    return row;
  }

  async list(q: ExperimentListQuery, tenant?: string): Promise<Page<ExperimentRow>> {
    const after = q.cursor === undefined ? undefined : newestFirstCursor.decode(q.cursor);
    return newestFirstPage(await this.experiments.list({ tenant, status: q.status, limit: q.limit + 1, after }), q.limit);
  }

  async progress(id: string): Promise<ExperimentProgress> {
    return (await this.progressOf([id]))[0];
  }

  /** The progress of each experiment (a page of a list), in the same order. */
  async progressOf(ids: readonly string[]): Promise<ExperimentProgress[]> {
    const counts = await this.experiments.runCounts(ids);
    return ids.map((id) => progressFrom(counts.get(id) ?? {}));
  }

  /**
   * An experiment with its progress and results table (GET /v1/experiments/{id}); the progress
   * counts the table's rows, so that the two agree.
   */
  async view(id: string): Promise<{ row: ExperimentRow; progress: ExperimentProgress; results: ExperimentResults }> {
    const row = await this.get(id);
    const results = await this.table(row);
    const counts: Partial<Record<MigrationStatus, number>> = {};
    for (const run of results.runs) counts[run.status] = (counts[run.status] ?? 0) + 1;
    return { row, progress: progressFrom(counts), results };
  }

  /** The results table: one row per run and the aggregates over seeds. */
  async results(id: string): Promise<ExperimentResults> {
    const row = await this.get(id);
    return this.table(row);
  }

  /**
   * A run that has ended never changes, so this process keeps its row and reads only the runs it
   * has not seen ended: a dashboard that polled a running 1,000-run sweep every second had Postgres
   * extract every summary each time (~150 ms, and as much again in the API, per poll on a 2-core
   * machine).
   */
  private async table(experiment: ExperimentRow): Promise<ExperimentResults> {
    const indexes = (await this.experiments.runIndexesByStatus(experiment.id)).flatMap((s) => s.indexes).sort((a, b) => a - b);
    return experimentResults(experiment.request as ExperimentRequestRecord, await this.resultRows(experiment.id, indexes));
  }

  /** The results-table rows of the runs of these indexes, in this order (a run deleted meanwhile has none). */
  private async resultRows(experimentId: string, indexes: readonly number[]): Promise<ResultRow[]> {
    const rows = new Map<number, ResultRow | undefined>(indexes.map((i) => [i, this.endedRows.get(`${experimentId}/${i}`)]));
    const unseen = [...rows].flatMap(([i, r]) => (r === undefined ? [i] : []));
    if (unseen.length > 0) {
      for (const run of await this.experiments.runsAt(experimentId, unseen, SUMMARY_FIELDS_READ)) {
        const r = resultRow(run as StoredRun);
        rows.set(run.runIndex, r);
        if (TERMINAL_STATUSES.includes(run.status)) this.endedRows.set(`${experimentId}/${run.runIndex}`, r);
      }
    }
    return [...rows.values()].filter((r) => r !== undefined);
  }

  /**
   * One step of an experiment's event stream: the experiment (read first: once it has ended, so
   * has every run read after it), its progress, how far its running runs are, and the rows of the
   * runs that have ended and that `sent` does not hold yet, in run order.
   */
  async streamStep(
    id: string,
    sent: (runIndex: number) => boolean,
  ): Promise<{ row: ExperimentRow; progress: ExperimentProgress; running: RunningRun[]; ended: ResultRow[] }> {
    const row = await this.get(id);
    const counts: Partial<Record<MigrationStatus, number>> = {};
    const newlyEnded: number[] = [];
    let running: RunningRun[] = [];
    for (const { status, indexes, progress } of await this.experiments.runIndexesByStatus(id)) {
      counts[status] = indexes.length;
      if (TERMINAL_STATUSES.includes(status)) newlyEnded.push(...indexes.filter((i) => !sent(i)));
      if (status === 'running' && progress) running = indexes.map((index, i) => ({ index, progress: Math.min(1, Math.max(0, progress[i])) }));
    }
    return { row, progress: progressFrom(counts), running, ended: await this.resultRows(id, newlyEnded.sort((a, b) => a - b)) };
  }

  /** Its runs' ids (the jobs an event stream listens to). */
  async runIds(id: string): Promise<string[]> {
    return (await this.experiments.runIds(id, false)).map((run) => run.id);
  }

  /**
   * Cancels every run that has not ended (queued ones at once, running ones at their next batch);
   * the experiment ends cancelled when the last of them has stopped.
   */
  async cancel(id: string): Promise<ExperimentRow> {
    const before = await this.get(id);
    if (before.status === 'succeeded' || before.status === 'failed') {
      throw new ConflictError(`experiment ${id} already ${before.status}; only queued or running experiments can be cancelled`);
    }
    const runs = await this.experiments.requestCancel(id);
    this.log.info({ experimentId: id, ...runs }, 'experiment cancel requested');
    // A running run whose job is gone (its worker died and none took it over) is ended by the
    // dispatcher's reconciliation of migrations, as a single migration would be.
    await this.settle(id);
    return this.get(id);
  }

  /** Deletes an ended experiment, its runs and their fault events. */
  async remove(id: string): Promise<void> {
    const row = await this.get(id);
    if (!TERMINAL_STATUSES.includes(row.status)) {
      // Not the row's status: it stays queued until the experiment ends, while GET says running once a run started.
      const { done, total } = await this.progress(id);
      const cancel = row.cancelRequested ? 'it is being cancelled: wait until it is cancelled' : 'cancel it and wait until it is cancelled';
      throw new ConflictError(`experiment ${id} has not ended (${done} of ${total} runs ended); ${cancel} before deleting it`);
    }
    // Runs first (each drops its events' partition), then the experiment: a crash in between leaves
    // an experiment with fewer runs, and repeating the DELETE completes it.
    for (const run of await this.experiments.runIds(id, false)) await this.migrations.removeRun(run.id);
    await this.experiments.delete(id);
    await this.queue.remove(id).catch((err: unknown) => this.log.warn({ err, experimentId: id }, 'could not remove the job of a deleted experiment'));
  }

  /** Ends the experiment if all its runs have ended (idempotent); returns the new status if it ended now. */
  async settle(id: string): Promise<MigrationStatus | null> {
    const status = await this.experiments.settle(id);
    if (status) this.log.info({ experimentId: id, status }, 'experiment ended');
    return status;
  }

  /**
   * Adds the experiment's flow: a parent job (id = experiment id) whose children are the jobs of its
   * runs in the migrations queue, one per batch (experiments/batches.ts; job id = the batch's first
   * run's id, a migration id like a single migration's job, so fairness between tenants reads it
   * the same way). Idempotent: adding a flow whose jobs exist adds nothing. `runs`: its unfinished
   * runs when the caller has them (the submission, which just wrote them), read otherwise.
   */
  async enqueue(id: string, requestId?: string, runs?: ReadonlyArray<{ id: string; jobId: string | null }>): Promise<boolean> {
    try {
      const jobs = new Map<string, string[]>();
      for (const run of runs ?? (await this.experiments.runIds(id, true))) {
        const jobId = run.jobId ?? run.id;
        jobs.set(jobId, [...(jobs.get(jobId) ?? []), run.id]);
      }
      await withTimeout(
        this.flows.add({
          name: 'settle',
          queueName: QUEUE_NAMES.experiments,
          data: requestId ? { experimentId: id, requestId } : { experimentId: id },
          opts: { ...EXPERIMENT_JOB_OPTIONS, jobId: id },
          children: [...jobs].map(([jobId, runs]) => ({
            name: 'simulate',
            queueName: QUEUE_NAMES.migrations,
            // `runs` even for one run: an experiment's runs are written as a batch's (their ends
            // together, without waiting for the WAL flush), a migration of its own durably.
            data: { migrationId: jobId, runs, ...(requestId ? { requestId } : {}) },
            // A run that fails for good is a row of the results, not a reason to hold the experiment.
            // Runs wait behind single migrations (BullMQ takes jobs without a priority first): a
            // sweep of a thousand runs must not hold up someone's one migration for its whole length.
            opts: { ...MIGRATION_JOB_OPTIONS, jobId, ignoreDependencyOnFailure: true, priority: EXPERIMENT_RUN_PRIORITY },
          })),
        }),
        ENQUEUE_TIMEOUT_MS,
      );
      await this.experiments.markEnqueued(id);
      return true;
    } catch (err) {
      this.log.warn({ err, experimentId: id }, 'queue unavailable; the dispatcher will queue this experiment later');
      return false;
    }
  }

  /**
   * The dispatcher's pass for experiments: queues the flows Redis never got, and settles unfinished
   * experiments idle for `staleAfterMs` whose runs have all ended (their parent job was lost with
   * Redis, or a run was re-queued on its own by the migrations' reconciliation).
   */
  async dispatchPending(staleAfterMs: number): Promise<{ queued: number; settled: number }> {
    const counts = { queued: 0, settled: 0 };
    for (const { id } of await this.experiments.findUnqueued(PAGE_ROWS)) if (await this.enqueue(id)) counts.queued++;
    for (const { id } of await this.experiments.findStale(staleAfterMs, PAGE_ROWS)) if (await this.settle(id)) counts.settled++;
    return counts;
  }
}

/** Progress from the number of runs in each status. */
function progressFrom(counts: Partial<Record<MigrationStatus, number>>): ExperimentProgress {
  const byStatus = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, ...counts };
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const done = byStatus.succeeded + byStatus.failed + byStatus.cancelled;
  return { total, done, fraction: total > 0 ? done / total : 0, byStatus };
}

const PAGE_ROWS = 100;
/** Result rows of ended runs kept per process (~1 KB each): twenty 1,000-run sweeps. */
const ENDED_ROWS_KEPT = 20_000;
/** BullMQ priority of experiment runs (1 is the highest; jobs without one come before all). */
const EXPERIMENT_RUN_PRIORITY = 10;

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
