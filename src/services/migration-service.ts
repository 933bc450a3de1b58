import { createHash, randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { MigrationSpec } from '../sim/index.js';
import { MigrationStatus } from '../generated/prisma/enums.js';
import { TERMINAL_STATUSES, type MigrationsRepo, type MigrationRow } from '../db/migrations-repo.js';
import { PartitionBusyError, type FaultEventsRepo } from '../db/fault-events-repo.js';
import { ConflictError, IdempotencyKeyMismatchError, NotFoundError } from '../errors.js';
import { MIGRATION_JOB_OPTIONS, type JobPayloads } from '../queue/queues.js';
import { cursorCodec } from './cursor.js';
import { withTimeout } from '../lib/timeout.js';

export type { MigrationRow };

export interface SubmitResult {
  migration: MigrationRow;
  /** False when an Idempotency-Key replay returned the first migration. */
  created: boolean;
}

export const migrationStatusSchema = z.enum(MigrationStatus);

/** GET /v1/migrations: which migrations, how many, and after which (nextCursor of the previous page). */
export const migrationListQuerySchema = z.object({
  status: migrationStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional().describe('nextCursor of the previous page.'),
});

export type MigrationListQuery = z.output<typeof migrationListQuerySchema>;

/**
 * The keyset of the list: the last migration of the previous page. created_at is a Postgres
 * timestamptz, so only instants it can hold pass (years 1..9999 in the ISO form toISOString writes);
 * the id is compared with a uuid column.
 */
const listCursor = cursorCodec(
  z.strictObject({
    createdAt: z.iso.datetime().refine((iso) => !iso.startsWith('0000'), 'year 0 is no Postgres timestamp').transform((iso) => new Date(iso)),
    id: z.uuid(),
  }),
);

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

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
  async submit(spec: MigrationSpec, idempotencyKey?: string, requestId?: string): Promise<SubmitResult> {
    const requestHash = hashSpec(spec);
    const { row, created } = await this.migrations.insert({ id: randomUUID(), idempotencyKey, requestHash, spec });
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

  async list(q: MigrationListQuery): Promise<Page<MigrationRow>> {
    const after = q.cursor === undefined ? undefined : listCursor.decode(q.cursor);
    const rows = await this.migrations.list({ status: q.status, limit: q.limit + 1, after });
    const items = rows.slice(0, q.limit);
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > q.limit && last ? listCursor.encode({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async cancel(id: string): Promise<MigrationRow> {
    const before = await this.get(id);
    if (before.status === 'succeeded' || before.status === 'failed') {
      throw new ConflictError(`migration ${id} already ${before.status}; only queued or running migrations can be cancelled`);
    }
    const row = (await this.migrations.requestCancel(id)) ?? before;
    if (before.status === 'queued') {
      // Best effort: a job left in Redis finds the row cancelled and does nothing.
      await this.queue.remove(id).catch((err) => this.log.warn({ err, migrationId: id }, 'could not remove cancelled job'));
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
   * Outbox pass: queues what Postgres accepted but Redis does not hold (never enqueued, or lost with
   * a Redis restart). Returns how many jobs were (re)added.
   */
  async dispatchPending(staleAfterMs: number): Promise<number> {
    let added = 0;
    for (const row of await this.migrations.findUndispatched(staleAfterMs, 100)) {
      if (row.enqueuedAt !== null && (await this.queue.getJob(row.id))) continue;
      if (await this.enqueue(row.id)) added++;
    }
    return added;
  }
}

function hashSpec(spec: MigrationSpec): string {
  return createHash('sha256').update(JSON.stringify(spec)).digest('hex');
}
