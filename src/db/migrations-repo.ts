import type pg from 'pg';
import type { Db } from './client.js';
import { Prisma, type FaultEventsPolicy, type Migration, type MigrationStatus } from '../generated/prisma/client.js';
import { MODEL_VERSION, type Violation } from '../sim/index.js';
import { partitionName } from './fault-events-repo.js';
import { writeViolations } from './violations-repo.js';
import { tenantUsageReader, type TenantGuard } from './tenant-usage.js';

/** The one place that reads and writes the `migrations` table. */
export type MigrationRow = Migration;
export const TERMINAL_STATUSES: readonly MigrationStatus[] = ['succeeded', 'failed', 'cancelled'];

/**
 * A submission's transaction waits for the tenant's lock behind the tenant's other submissions: a
 * burst of them on a loaded server must queue, not fail at Prisma's defaults (2 s to start, 5 s to
 * run), which answered a 500 to the last submissions of a burst.
 */
export const SUBMISSION_TX = { maxWait: 15_000, timeout: 30_000 } as const;

/**
 * What the outbox dispatcher needs of an unfinished migration to reconcile it with its job
 * (enqueuedAt: its own, or for an experiment's run its experiment's).
 */
export type UnfinishedRow = Pick<MigrationRow, 'id' | 'key' | 'status' | 'enqueuedAt' | 'cancelRequested' | 'attempts' | 'createdAt' | 'jobId' | 'experimentId'>;

/** The tenant of AUTH=off and of rows stored before tenants existed (the column's default). */
export const DEFAULT_TENANT = 'default';

export interface ListQuery {
  /** Only this tenant's migrations (the API always sets it). */
  tenant?: string;
  status?: MigrationStatus;
  limit: number;
  after?: { createdAt: Date; id: string };
}

/** What a worker needs of a migration it starts (MigrationsRepo.markRunning). */
export type RunStart = Pick<MigrationRow, 'id' | 'key' | 'spec' | 'faultEvents' | 'modelVersion' | 'enqueuedAt' | 'attempts'>;

/** The columns of a RunStart, as markRunning and findRuns read them. */
const RUN_START_COLUMNS = 'id, key, spec, fault_events, model_version, enqueued_at, attempts';
interface RunStartColumns {
  id: string;
  key: number;
  spec: unknown;
  fault_events: FaultEventsPolicy;
  model_version: number;
  enqueued_at: Date | null;
  attempts: number;
}
const runStartOf = (r: RunStartColumns): RunStart => ({
  id: r.id,
  key: r.key,
  spec: r.spec as MigrationRow['spec'],
  faultEvents: r.fault_events,
  modelVersion: r.model_version,
  enqueuedAt: r.enqueued_at,
  attempts: r.attempts,
});

/** A batch's run as its worker reads it before starting (MigrationsRepo.findRuns). */
export type BatchRun = RunStart & Pick<MigrationRow, 'status' | 'cancelRequested'>;

export class MigrationsRepo {
  /**
   * @param runWrites where the worker records a run's state (start, progress, end): a pool with
   * synchronous_commit off (pools.ts, asyncCommit). Those commits do not wait for the WAL flush
   * (~5 ms each here, twice the simulation of a 1 GiB run); what a Postgres crash could lose of
   * them is the last fraction of a second, which leaves a run recorded as running or queued whose
   * job BullMQ has finished: the dispatcher's reconciliation queues it again and the deterministic
   * run repeats (MigrationService.dispatchPending). Submissions, cancels and the end of a single
   * migration (finish) stay synchronous: only a batch's ends (finishMany) take that risk.
   */
  constructor(
    private readonly db: Db,
    private readonly runWrites: pg.Pool,
  ) {}

  /**
   * Inserts unless the idempotency key exists; returns the row and whether it is new. The row records
   * the model version of the service that accepts it (this process's simulator unless stated).
   */
  async insert(
    row: { id: string; tenant?: string; idempotencyKey?: string; requestHash: string; spec: unknown; modelVersion?: number },
    /** Runs in the insert's transaction, under a per-tenant lock, before a new row is created (quotas). */
    guard?: TenantGuard,
  ): Promise<{ row: MigrationRow; created: boolean }> {
    const tenant = row.tenant ?? DEFAULT_TENANT;
    const data = {
      id: row.id,
      tenant,
      idempotencyKey: row.idempotencyKey ?? null,
      requestHash: row.requestHash,
      spec: row.spec as Prisma.InputJsonValue,
      modelVersion: row.modelVersion ?? MODEL_VERSION,
    };
    const byKey = row.idempotencyKey ? { tenant_idempotencyKey: { tenant, idempotencyKey: row.idempotencyKey } } : undefined;
    // A replay returns the first migration before any quota is looked at: it creates nothing.
    if (byKey && guard) {
      const existing = await this.db.migration.findUnique({ where: byKey });
      if (existing) return { row: existing, created: false };
    }
    const create = () =>
      guard
        ? this.db.$transaction(async (tx) => {
            // One submission of a tenant at a time decides against its quotas (no two both fitting the last slot).
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tenant:${tenant}`}, 0))`;
            await guard(tenantUsageReader(tx, tenant));
            return tx.migration.create({ data });
          }, SUBMISSION_TX)
        : this.db.migration.create({ data });
    if (!byKey) return { row: await create(), created: true };
    try {
      return { row: await create(), created: true };
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      const existing = await this.db.migration.findUnique({ where: byKey });
      if (!existing) throw err;
      return { row: existing, created: false };
    }
  }

  find(id: string): Promise<MigrationRow | null> {
    return this.db.migration.findUnique({ where: { id } });
  }

  /** The tenant a migration belongs to, or null when it does not exist (the API's ownership check). */
  async tenantOf(id: string): Promise<string | null> {
    return (await this.db.migration.findUnique({ where: { id }, select: { tenant: true } }))?.tenant ?? null;
  }

  /** Newest first; keyset pagination on (created_at, id). */
  list(q: ListQuery): Promise<MigrationRow[]> {
    // Runs of experiments are listed with their experiment.
    const where: Prisma.MigrationWhereInput = {
      experimentId: null,
      ...(q.tenant !== undefined ? { tenant: q.tenant } : {}),
      ...(q.status ? { status: q.status } : {}),
    };
    if (q.after) {
      where.OR = [
        { createdAt: { lt: q.after.createdAt } },
        { createdAt: q.after.createdAt, id: { lt: q.after.id } },
      ];
    }
    return this.db.migration.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: q.limit });
  }

  /** How many migrations have each status (statuses with none are absent). */
  async countByStatus(): Promise<Partial<Record<MigrationStatus, number>>> {
    const groups = await this.db.migration.groupBy({ by: ['status'], _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }

  /** The run leaves its batch: from now on its own job (job id = its id) runs it. */
  leaveBatch(id: string): Promise<unknown> {
    return this.db.migration.updateMany({ where: { id, jobId: { not: null } }, data: { jobId: null } });
  }

  markEnqueued(id: string): Promise<unknown> {
    return this.runWrites.query('UPDATE migrations SET enqueued_at = now(), updated_at = now() WHERE id = $1 AND enqueued_at IS NULL', [id]);
  }

  /**
   * Unfinished rows the queue may not know about, or whose job may have ended without them: never
   * enqueued, or idle (no progress written) for longer than `staleAfterMs`. Oldest first, a page of
   * `limit` after `after` (keyset on created_at, id), so that one pass can look at all of them.
   */
  async findUndispatched(staleAfterMs: number, limit: number, after?: { createdAt: Date; id: string }): Promise<UnfinishedRow[]> {
    const where: Prisma.MigrationWhereInput = {
      OR: [
        // An experiment's runs are queued with its flow (ExperimentService.enqueue), not one by one.
        { status: 'queued', enqueuedAt: null, experimentId: null },
        { status: { in: ['queued', 'running'] }, updatedAt: { lt: new Date(Date.now() - staleAfterMs) } },
      ],
    };
    if (after) {
      where.AND = [{ OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }];
    }
    const rows = await this.db.migration.findMany({
      where,
      select: {
        id: true,
        key: true,
        status: true,
        enqueuedAt: true,
        cancelRequested: true,
        attempts: true,
        createdAt: true,
        jobId: true,
        experimentId: true,
        experiment: { select: { enqueuedAt: true } },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    // A run of an experiment reached Redis with its experiment's flow (ExperimentsRepo.markEnqueued).
    return rows.map(({ experiment, ...row }) => ({ ...row, enqueuedAt: row.enqueuedAt ?? experiment?.enqueuedAt ?? null }));
  }

  /** A worker picked the job up. Returns null if the migration is already over (nothing to do). */
  async markRunning(id: string): Promise<RunStart | null> {
    const { rows } = await this.runWrites.query<RunStartColumns>(
      `UPDATE migrations SET status = 'running', attempts = attempts + 1, started_at = now(), error = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') AND NOT cancel_requested
        RETURNING ${RUN_START_COLUMNS}`,
      [id],
    );
    return rows[0] ? runStartOf(rows[0]) : null;
  }

  /**
   * Makes `modelVersion` the version of a migration's stored run, before a worker of that version
   * writes any event: unless the row already says so, its fault events (the partition, emptied with
   * TRUNCATE), cached fault stats, event count, progress and summary are discarded and the version
   * is recorded, all in ONE transaction. A crash or error leaves either the old version with its old
   * events or the new version with none, never events of one version on a row saying another.
   *
   * Lock order, against a concurrent writer of the other version (a stale job copy whose lock
   * expired): the partition first (TRUNCATE's ACCESS EXCLUSIVE lock waits for COPY transactions in
   * flight, whose events it then removes), then the row. Every COPY transaction locks the partition
   * and then checks the row's version (FaultEventsRepo.writer), so one that starts after the TRUNCATE
   * waits for this commit and sees the new version. Taking the row lock first instead could wait
   * forever: that writer's worker may itself be waiting for the row (a progress update) while its
   * open COPY holds the partition. `lockTimeoutMs` bounds the wait for readers of the partition (an
   * export): the job then fails and is retried.
   *
   * The partition must exist (FaultEventsRepo.ensurePartition). Returns the version the row had, or
   * null when it already had `modelVersion` (nothing discarded) or does not exist.
   */
  async adoptModelVersion(id: string, migrationKey: number, modelVersion: number, lockTimeoutMs = 30_000): Promise<number | null> {
    const partition = partitionName(migrationKey);
    return this.db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`);
        // Rolled back with the transaction when the row turns out to have the version already.
        await tx.$executeRawUnsafe(`TRUNCATE ${partition}`);
        const rows = await tx.$queryRaw<Array<{ model_version: number }>>`
          SELECT model_version FROM migrations WHERE id = ${id}::uuid AND key = ${migrationKey} FOR UPDATE`;
        const previous = rows[0]?.model_version;
        if (previous === undefined || previous === modelVersion) {
          // Someone else (a concurrent job copy of this version) adopted it meanwhile: keep its events.
          throw new KeepStoredRun();
        }
        // The gfn index is built when a run ends (FaultEventsRepo.finalize); maintaining it during
        // the new run's COPY would halve ingestion.
        await tx.$executeRawUnsafe(`DROP INDEX IF EXISTS ${partition}_gfn_idx`);
        await tx.faultStatsCache.deleteMany({ where: { migrationKey } });
        await tx.migration.update({
          where: { id },
          data: { modelVersion, eventCount: 0n, progress: 0, progressDetail: Prisma.DbNull, summary: Prisma.DbNull },
        });
        return previous;
      },
      { maxWait: 10_000, timeout: lockTimeoutMs * 2 + 10_000 },
    ).catch((err: unknown) => {
      if (err instanceof KeepStoredRun) return null;
      throw err;
    });
  }

  /** Progress report; answers whether a cancel was requested meanwhile. */
  async reportProgress(id: string, progress: number, detail: unknown): Promise<{ cancelRequested: boolean }> {
    const { rows } = await this.runWrites.query<{ cancel_requested: boolean }>(
      `UPDATE migrations SET progress = $2, progress_detail = $3, updated_at = now() WHERE id = $1 AND status = 'running' RETURNING cancel_requested`,
      [id, progress, JSON.stringify(detail)],
    );
    return { cancelRequested: rows[0]?.cancel_requested ?? true };
  }

  /**
   * Records the end of a run. With `modelVersion` (a worker storing its summary) only a row of that
   * version is updated: a stale job copy of another version never puts its summary on a row whose
   * events another version has re-written (see adoptModelVersion). With `violations`, the run's
   * recorded violations are stored in the same transaction, and only when the row was updated.
   */
  async finish(id: string, outcome: RunEnd): Promise<{ count: number }> {
    // Committed durably: a migration seen succeeded does not go back to running after a crash
    // (its end waits ~5 ms for the WAL flush, nothing beside its own run time).
    return { count: (await this.finishMany([{ id, ...outcome }], { durable: true })).length };
  }

  /**
   * Records the ends of several runs in one statement (a batch's runs: one round trip for many),
   * as finish() does for each; returns the ids of the rows it updated. An end with `claim` ends a
   * run that was never marked running (see RunEnd.claim) and counts its start too. Without
   * `durable`, the commit does not wait for the WAL flush (see the constructor).
   */
  async finishMany(ends: ReadonlyArray<RunEnd & { id: string }>, opts: { durable?: boolean } = {}): Promise<string[]> {
    if (ends.length === 0) return [];
    const withViolations = ends.filter((e) => e.violations && e.violations.items.length > 0);
    if (withViolations.length === 0 && !opts.durable) return recordEnds(this.runWrites, ends);
    const client = await this.runWrites.connect();
    try {
      await client.query(opts.durable ? 'BEGIN; SET LOCAL synchronous_commit = on' : 'BEGIN');
      const updated = await recordEnds(client, ends);
      for (const e of withViolations) if (updated.includes(e.id)) await writeViolations(client, e.violations!.migrationKey, e.violations!.items);
      await client.query('COMMIT');
      return updated;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * What a batch's worker needs of its runs, read once when the batch starts: their rows as
   * markRunning would return them, with their status and whether a cancel was requested.
   */
  async findRuns(ids: readonly string[]): Promise<Map<string, BatchRun>> {
    const { rows } = await this.runWrites.query<RunStartColumns & { status: MigrationStatus; cancel_requested: boolean }>(
      `SELECT ${RUN_START_COLUMNS}, status, cancel_requested FROM migrations WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { ...runStartOf(r), status: r.status, cancelRequested: r.cancel_requested }]));
  }

  /**
   * Cancel: a queued migration ends at once; a running one is flagged and its worker stops at the
   * next batch. Returns the row after the change, or null if it does not exist.
   */
  async requestCancel(id: string): Promise<MigrationRow | null> {
    return this.db.$transaction(async (tx) => {
      const row = await tx.migration.findUnique({ where: { id } });
      if (!row || TERMINAL_STATUSES.includes(row.status)) return row;
      return tx.migration.update({
        where: { id },
        data:
          row.status === 'queued'
            ? { status: 'cancelled', cancelRequested: true, finishedAt: new Date() }
            : { cancelRequested: true },
      });
    });
  }

  /** Deletes the row (its fault events are dropped first, see FaultEventsRepo.dropPartition). */
  async delete(id: string): Promise<void> {
    await this.db.migration.deleteMany({ where: { id } });
  }

  async markCancelled(id: string, eventCount: number, modelVersion?: number): Promise<{ count: number }> {
    const { rowCount } = await this.runWrites.query(
      `UPDATE migrations SET status = 'cancelled', finished_at = now(), event_count = $2, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') AND ($3::int IS NULL OR model_version = $3)`,
      [id, eventCount, modelVersion ?? null],
    );
    return { count: rowCount ?? 0 };
  }
}

/** How a run ended, as finish() records it. */
export interface RunEnd {
  status: 'succeeded' | 'failed';
  summary?: unknown;
  error?: unknown;
  eventCount?: number;
  progress?: number;
  detail?: unknown;
  modelVersion?: number;
  resolvedCosts?: unknown;
  violations?: { migrationKey: number; items: readonly Violation[] };
  /** The run ended this long before the write, by the worker's clock (a batch stores its ends later). */
  endedAgoMs?: number;
  /**
   * The run was simulated without being marked running first (a batch's short run, see the
   * worker): the end applies only to a row still queued, and records its start as well, that long
   * before the write. Durations only cross between the clocks; the timestamps are Postgres's.
   */
  claim?: { startedAgoMs: number };
}

/**
 * One UPDATE for every end: the ends travel as one JSON array (fields left out are NULL, which keeps
 * the column as it is), so that a batch's runs cost Postgres one statement, not one each.
 */
async function recordEnds(db: pg.Pool | pg.ClientBase, ends: ReadonlyArray<RunEnd & { id: string }>): Promise<string[]> {
  const rows = ends.map((e) => ({
    id: e.id,
    status: e.status,
    summary: e.summary,
    resolved_costs: e.resolvedCosts,
    error: e.error,
    event_count: e.eventCount,
    progress: e.progress,
    detail: e.detail,
    model_version: e.modelVersion,
    started_ago_ms: e.claim?.startedAgoMs,
    ended_ago_ms: e.endedAgoMs,
  }));
  // A named (prepared) statement: a sweep's worker sends it every 100 ms, and parsing and planning
  // it each time cost Postgres more CPU than updating a few rows.
  const { rows: updated } = await db.query<{ id: string }>({
    name: 'record-run-ends',
    text: `UPDATE migrations m SET status = e.status::"MigrationStatus", updated_at = now(),
            finished_at = now() - COALESCE(e.ended_ago_ms, 0) * interval '1 millisecond',
            started_at = CASE WHEN e.started_ago_ms IS NULL THEN m.started_at ELSE now() - e.started_ago_ms * interval '1 millisecond' END,
            enqueued_at = CASE WHEN e.started_ago_ms IS NULL THEN m.enqueued_at ELSE COALESCE(m.enqueued_at, now()) END,
            attempts = m.attempts + CASE WHEN e.started_ago_ms IS NULL THEN 0 ELSE 1 END,
            summary = COALESCE(e.summary, m.summary), resolved_costs = COALESCE(e.resolved_costs, m.resolved_costs),
            error = COALESCE(e.error, m.error), event_count = COALESCE(e.event_count, m.event_count),
            progress = COALESCE(e.progress, m.progress), progress_detail = COALESCE(e.detail, m.progress_detail)
       FROM jsonb_to_recordset($1::jsonb) AS e(id uuid, status text, summary jsonb, resolved_costs jsonb, error jsonb, event_count bigint,
                                               progress real, detail jsonb, model_version int, started_ago_ms float8, ended_ago_ms float8)
      WHERE m.id = e.id AND (e.model_version IS NULL OR m.model_version = e.model_version)
        AND CASE WHEN e.started_ago_ms IS NULL THEN m.status IN ('queued', 'running') ELSE m.status = 'queued' AND NOT m.cancel_requested END
      RETURNING m.id`,
    values: [JSON.stringify(rows)],
  });
  return updated.map((r) => r.id);
}

/** Rolls adoptModelVersion's transaction back (the TRUNCATE included): the row has the version. */
class KeepStoredRun extends Error {}
