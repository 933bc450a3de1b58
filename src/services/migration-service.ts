import { createHash, randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { MigrationSpec } from '../sim/index.js';
import { TERMINAL_STATUSES, type MigrationsRepo, type MigrationRow, type UnfinishedRow } from '../db/migrations-repo.js';
import type { TenantGuard } from '../db/tenant-usage.js';
import { isDatabaseUnavailableMessage } from '../db/unavailable.js';
import { isStalledTooOften, jobStatus } from '../queue/job-state.js';
import { PartitionBusyError, type FaultEventsRepo } from '../db/fault-events-repo.js';
import { ConflictError, IdempotencyKeyMismatchError, NotFoundError } from '../errors.js';
import { MIGRATION_JOB_OPTIONS, type JobPayloads } from '../queue/queues.js';
import { newestFirstCursor, newestFirstPage, newestFirstQuerySchema, type Page } from './cursor.js';
import { withTimeout } from '../lib/timeout.js';
import { migrationStatusSchema } from '../lib/migration-status.js';

export type { MigrationRow };

export interface SubmitResult {
  migration: MigrationRow;
  /** False when an Idempotency-Key replay returned the first migration. */
  created: boolean;
}

export { migrationStatusSchema };

/** GET /v1/migrations: which migrations, how many, and after which (nextCursor of the previous page). */
export const migrationListQuerySchema = newestFirstQuerySchema.extend({ status: migrationStatusSchema.optional() });

export type MigrationListQuery = z.output<typeof migrationListQuerySchema>;

/** How long enqueueing may take before the submission is answered anyway (the outbox retries). */
const ENQUEUE_TIMEOUT_MS = 2_000;

/** Decides what happens to migrations: submission, reads, cancellation, and (re)queueing. */
export class MigrationService {
  constructor(
    private readonly migrations: MigrationsRepo,
    private readonly faults: FaultEventsRepo,
    private readonly queue: Queue<JobPayloads['migrations']>,
    private readonly log: Logger,
  ) {}

  /**
   * Postgres first, then Redis: an accepted migration survives a Redis outage (the dispatcher
   * queues it when Redis is back).
   */
  async submit(
    spec: MigrationSpec,
    idempotencyKey?: string,
    requestId?: string,
    /** The tenant it belongs to, and its quotas (checked under a per-tenant lock with the insert). */
    owner?: { tenant: string; guard?: TenantGuard },
  ): Promise<SubmitResult> {
    const requestHash = hashSpec(spec);
    const { row, created } = await this.migrations.insert({ id: randomUUID(), tenant: owner?.tenant, idempotencyKey, requestHash, spec }, owner?.guard);
    if (!created) {
      if (row.requestHash !== requestHash) throw new IdempotencyKeyMismatchError(idempotencyKey!);
      return { migration: row, created };
    }
    await this.enqueue(row.id, requestId);
    return { migration: row, created };
  }

  async get(id: string): Promise<MigrationRow> {
    const row = await this.migrations.find(id);
    if (!row) throw new NotFoundError('migration', id);
    return row;
  }

  /** One page of a tenant's migrations (all tenants' when `tenant` is undefined: operators and tests). */
  async list(q: MigrationListQuery, tenant?: string): Promise<Page<MigrationRow>> {
    const after = q.cursor === undefined ? undefined : newestFirstCursor.decode(q.cursor);
    return newestFirstPage(await this.migrations.list({ tenant, status: q.status, limit: q.limit + 1, after }), q.limit);
  }

  async cancel(id: string): Promise<MigrationRow> {
    const before = await this.get(id);
    if (before.status === 'succeeded' || before.status === 'failed') {
      throw new ConflictError(`migration ${id} already ${before.status}; only queued or running migrations can be cancelled`);
    }
    const row = (await this.migrations.requestCancel(id)) ?? before;
    // A run of a batch shares its job with other runs: the job stays and skips it.
    if (before.status === 'queued' && before.jobId === null) {
      // Best effort: a job left in Redis finds the row cancelled and does nothing.
      await this.queue.remove(id).catch((err) => this.log.warn({ err, migrationId: id }, 'could not remove cancelled job'));
    }
    if (row.status === 'running') {
      // A running migration is stopped by its worker at the next batch. With no live job (it failed,
      // or its worker died and none took it over) no worker ever will: end it here. When Redis does
      // not answer, the dispatcher's next pass decides instead (reconcile).
      const job = await jobStatus(this.queue, row.jobId ?? id).catch((err: unknown) => {
        this.log.warn({ err, migrationId: id }, 'queue unavailable; the dispatcher will end this cancelled migration');
        return undefined;
      });
      if (job && job.kind !== 'live') return (await this.endWithoutWorker(row, 'cancelled')) ?? (await this.get(id));
    }
    return row;
  }

  /**
   * Deletes a finished migration and all its fault events: the events' partition is detached and
   * dropped (constant time, whatever the number of events), then the row. A crash in between
   * leaves the row without events, and repeating the DELETE completes it.
   */
  async remove(id: string): Promise<void> {
    const row = await this.get(id);
    // A run is a row of its experiment's results: deleting it alone would leave the experiment counting a run it no longer has.
    if (row.experimentId !== null) {
      throw new ConflictError(`migration ${id} is run ${row.runIndex} of experiment ${row.experimentId}; delete the experiment (DELETE /v1/experiments/${row.experimentId}), which deletes its runs`);
    }
    await this.removeEnded(row);
  }

  /** Deletes a run of an experiment that is being deleted (ExperimentService.remove), as remove() does a migration. */
  async removeRun(id: string): Promise<void> {
    await this.removeEnded(await this.get(id));
  }

  private async removeEnded(row: MigrationRow): Promise<void> {
    const id = row.id;
    if (!TERMINAL_STATUSES.includes(row.status)) {
      throw new ConflictError(`migration ${id} is ${row.status}; cancel it and wait until it is cancelled before deleting it`);
    }
    try {
      await this.faults.dropPartition(row.key);
    } catch (err) {
      if (err instanceof PartitionBusyError) throw new ConflictError(`the fault events of migration ${id} are being exported; retry when the export has ended`);
      throw err;
    }
    await this.migrations.delete(id);
    // Best effort: the finished job kept in Redis is of no use any more.
    await this.queue.remove(id).catch((err) => this.log.warn({ err, migrationId: id }, 'could not remove the job of a deleted migration'));
  }

  /** Adds the job (idempotent: job id = migration id) and records that Redis has it. */
  async enqueue(id: string, requestId?: string): Promise<boolean> {
    try {
      const payload = requestId ? { migrationId: id, requestId } : { migrationId: id };
      await withTimeout(this.queue.add('simulate', payload, { ...MIGRATION_JOB_OPTIONS, jobId: id }), ENQUEUE_TIMEOUT_MS);
      await this.migrations.markEnqueued(id);
      return true;
    } catch (err) {
      this.log.warn({ err, migrationId: id }, 'queue unavailable; the dispatcher will queue this migration later');
      return false;
    }
  }

  /**
   * Outbox and reconciliation pass, so that every accepted migration ends: queues what Postgres
   * accepted but Redis does not hold (never enqueued, or lost with a Redis restart), and reconciles
   * each unfinished migration idle for `staleAfterMs` with its job:
   * - a live job (waiting, delayed, or running under a worker's lock): nothing to do;
   * - cancel requested and no live job: the migration ends cancelled;
   * - an orphaned job (its worker died): BullMQ's stalled check re-queues it when a worker runs;
   * - a job that failed for a reason of its own (e.g. its workers kept dying: "stalled more than
   *   allowable limit", or its attempts ran out): the migration ends failed with that reason, which
   *   the worker may not have been able to record (Postgres was down when the job failed);
   * - a job that is missing, completed while the migration did not end, or failed because Postgres
   *   was unreachable (transient): queued again (the run resumes after its stored events), at most
   *   until the migration has been started MAX_RUNS times, then it ends failed.
   * Redis not answering ends the pass (the next one retries); nothing is decided without the job.
   */
  async dispatchPending(staleAfterMs: number): Promise<{ queued: number; failed: number; cancelled: number }> {
    const counts = { queued: 0, failed: 0, cancelled: 0 };
    let after: { createdAt: Date; id: string } | undefined;
    for (let pages = 0; pages < MAX_PAGES_PER_PASS; pages++) {
      const rows = await this.migrations.findUndispatched(staleAfterMs, PAGE_ROWS, after);
      for (const row of rows) {
        const outcome = await this.reconcile(row);
        if (outcome) counts[outcome]++;
      }
      if (rows.length < PAGE_ROWS) break;
      after = rows.at(-1)!;
    }
    return counts;
  }

  private async reconcile(snapshot: UnfinishedRow): Promise<'queued' | 'failed' | 'cancelled' | undefined> {
    if (snapshot.status === 'queued' && snapshot.enqueuedAt === null) {
      // An experiment's runs reach Redis with its flow (ExperimentService.dispatchPending queues it).
      if (snapshot.experimentId !== null) return undefined;
      return (await this.enqueue(snapshot.id)) ? 'queued' : undefined;
    }
    const jobId = snapshot.jobId ?? snapshot.id;
    const job = await withTimeout(jobStatus(this.queue, jobId), ENQUEUE_TIMEOUT_MS);
    if (job.kind === 'live') return undefined;
    // The pass read the row before the job's state, and a worker stores a run's end before its job
    // completes: a run that ended meanwhile (a sweep's runs end every few milliseconds) shows it now.
    // (Decided on the snapshot, such a run lost its completed job and its batch, and was queued again.)
    const row = await this.migrations.find(snapshot.id);
    if (!row || TERMINAL_STATUSES.includes(row.status) || row.jobId !== snapshot.jobId) return undefined;
    if (row.cancelRequested) return (await this.endWithoutWorker(row, 'cancelled')) ? 'cancelled' : undefined;
    if (job.kind === 'orphaned') return undefined;
    if (job.kind === 'failed' && !isDatabaseUnavailableMessage(job.reason)) {
      const detail = isStalledTooOften(job.reason)
        ? `the workers running this migration stopped (crashed or were killed) too many times in a row (${job.reason})`
        : job.reason;
      this.log.warn({ migrationId: row.id, reason: job.reason }, 'reconcile: the job failed; the migration ends failed');
      return (await this.endWithoutWorker(row, 'failed', { title: 'Worker error', detail })) ? 'failed' : undefined;
    }
    if (row.attempts >= MAX_RUNS) {
      const detail = `the migration was started ${row.attempts} times without ending (last job state: ${job.kind}${job.kind === 'failed' ? `: ${job.reason}` : ''})`;
      this.log.warn({ migrationId: row.id, attempts: row.attempts }, 'reconcile: giving up on the migration');
      return (await this.endWithoutWorker(row, 'failed', { title: 'Worker error', detail })) ? 'failed' : undefined;
    }
    // A run of a batch whose job is over is queued on its own; its batch's other unfinished runs
    // follow at their own reconciliation. Job id = migration id: a finished job with this run's id
    // must be removed before it can be queued again (for a batch's first run, the batch's job). The
    // job of another run's batch stays: its ended runs keep their record of it.
    if (row.jobId !== null) await this.migrations.leaveBatch(row.id);
    if (job.kind !== 'missing' && jobId === row.id) await withTimeout(this.queue.remove(jobId), ENQUEUE_TIMEOUT_MS);
    this.log.info({ migrationId: row.id, job: job.kind }, 'reconcile: the migration did not end with its job; queued again');
    return (await this.enqueue(row.id)) ? 'queued' : undefined;
  }

  /**
   * Ends an unfinished migration that no worker is running (no live job): its stored events are
   * the committed prefix of its run, so they are counted and indexed (as a worker does at the end)
   * and kept. Returns the row after the change, or null when it had ended meanwhile.
   */
  private async endWithoutWorker(row: Pick<MigrationRow, 'id' | 'key'>, status: 'cancelled' | 'failed', error?: { title: string; detail: string }): Promise<MigrationRow | null> {
    const eventCount = await this.faults.resumePoint(row.key);
    if (eventCount > 0) await this.faults.finalize(row.key);
    const ended =
      status === 'cancelled'
        ? await this.migrations.markCancelled(row.id, eventCount)
        : await this.migrations.finish(row.id, { status, eventCount, error });
    if (ended.count === 0) return null;
    this.log.info({ migrationId: row.id, status, eventCount }, 'migration ended without a worker');
    return this.migrations.find(row.id);
  }
}

/** Times a migration may be started before the dispatcher stops queueing it again (a loop guard). */
const MAX_RUNS = 20;
/** Unfinished migrations the dispatcher looks at per pass: pages of PAGE_ROWS. */
const PAGE_ROWS = 100;
const MAX_PAGES_PER_PASS = 20;

function hashSpec(spec: MigrationSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}
