import type { Db } from './client.js';
import { Prisma, type Experiment, type FaultEventsPolicy, type MigrationStatus } from '../generated/prisma/client.js';
import { MODEL_VERSION } from '../sim/index.js';
import { DEFAULT_TENANT, SUBMISSION_TX, TERMINAL_STATUSES } from './migrations-repo.js';
import { tenantUsageReader, type TenantGuard } from './tenant-usage.js';
import { STARTED_RUN_STATUSES } from '../lib/migration-status.js';

/** The one place that reads and writes the `experiments` table and its runs' experiment columns. */
export type ExperimentRow = Experiment;

export interface NewRun {
  id: string;
  runIndex: number;
  runParams: unknown;
  spec: unknown;
  requestHash: string;
  /** The job of the batch it runs in (the batch's first run's id); null when it has a job of its own. */
  jobId: string | null;
}

/** A run as the results table needs it: its place, parameters, state and (part of its) summary. */
export interface RunRow {
  id: string;
  runIndex: number;
  runParams: unknown;
  seed: number;
  status: MigrationStatus;
  summary: unknown;
}

export class ExperimentsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Creates the experiment and all its runs (migration rows) in one transaction, unless the
   * idempotency key exists (then returns that experiment). `guard` checks the tenant's quotas under
   * the same per-tenant lock as single submissions.
   */
  async insertWithRuns(
    experiment: { id: string; tenant?: string; label: string | null; request: unknown; idempotencyKey?: string; requestHash: string },
    runs: NewRun[],
    faultEvents: FaultEventsPolicy,
    guard?: TenantGuard,
  ): Promise<{ row: ExperimentRow; created: boolean }> {
    const tenant = experiment.tenant ?? DEFAULT_TENANT;
    const byKey = experiment.idempotencyKey ? { tenant_idempotencyKey: { tenant, idempotencyKey: experiment.idempotencyKey } } : undefined;
    if (byKey) {
      const existing = await this.db.experiment.findUnique({ where: byKey });
      if (existing) return { row: existing, created: false };
    }
    try {
      const row = await this.db.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`tenant:${tenant}`}, 0))`;
          if (guard) await guard(tenantUsageReader(tx, tenant));
          const created = await tx.experiment.create({
            data: {
              id: experiment.id,
              tenant,
              label: experiment.label,
              request: experiment.request as Prisma.InputJsonValue,
              runCount: runs.length,
              modelVersion: MODEL_VERSION,
              idempotencyKey: experiment.idempotencyKey ?? null,
              requestHash: experiment.requestHash,
            },
          });
          // One INSERT for all runs, which travel as one JSON array: Prisma's createMany took ~120 ms
          // for 200 runs, a fifth of the simulation time of a sweep of 1 GiB runs, and arrays of
          // jsonb (unnest) half as long again, most of it escaping every quote of every spec.
          const rows = runs.map((r) => ({ id: r.id, run_index: r.runIndex, run_params: r.runParams, spec: r.spec, request_hash: r.requestHash, job_id: r.jobId }));
          await tx.$executeRaw`
            INSERT INTO migrations (id, tenant, experiment_id, run_index, run_params, spec, request_hash, job_id, fault_events, model_version)
            SELECT u.id, ${tenant}, ${experiment.id}::uuid, u.run_index, u.run_params, u.spec, u.request_hash, u.job_id,
                   ${faultEvents}::"FaultEventsPolicy", ${MODEL_VERSION}::int
              FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS u(id uuid, run_index int, run_params jsonb, spec jsonb, request_hash text, job_id text)`;
          return created;
        },
        { ...SUBMISSION_TX, timeout: 60_000 },
      );
      return { row, created: true };
    } catch (err) {
      if (!(byKey && err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      const existing = await this.db.experiment.findUnique({ where: byKey });
      if (!existing) throw err;
      return { row: existing, created: false };
    }
  }

  find(id: string): Promise<ExperimentRow | null> {
    return this.db.experiment.findUnique({ where: { id } });
  }

  async tenantOf(id: string): Promise<string | null> {
    return (await this.db.experiment.findUnique({ where: { id }, select: { tenant: true } }))?.tenant ?? null;
  }

  /** Newest first; keyset pagination on (created_at, id). */
  list(q: { tenant?: string; status?: MigrationStatus; limit: number; after?: { createdAt: Date; id: string } }): Promise<ExperimentRow[]> {
    const where: Prisma.ExperimentWhereInput = q.tenant !== undefined ? { tenant: q.tenant } : {};
    // The row stays queued until the experiment ends; it shows running once one of its runs started
    // (as the API's status says: routes/experiment-presenter.ts).
    const started = { runs: { some: { status: { in: [...STARTED_RUN_STATUSES] } } } };
    if (q.status === 'running') Object.assign(where, { status: 'queued' }, started);
    else if (q.status === 'queued') Object.assign(where, { status: 'queued', NOT: started });
    else if (q.status !== undefined) where.status = q.status;
    if (q.after) where.OR = [{ createdAt: { lt: q.after.createdAt } }, { createdAt: q.after.createdAt, id: { lt: q.after.id } }];
    return this.db.experiment.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: q.limit });
  }

  /** How many of each experiment's runs are in each status (one query for a page of experiments). */
  async runCounts(ids: readonly string[]): Promise<Map<string, Partial<Record<MigrationStatus, number>>>> {
    const groups = await this.db.migration.groupBy({ by: ['experimentId', 'status'], where: { experimentId: { in: [...ids] } }, _count: { _all: true } });
    const counts = new Map<string, Partial<Record<MigrationStatus, number>>>(ids.map((id) => [id, {}]));
    for (const g of groups) counts.get(g.experimentId!)![g.status] = g._count._all;
    return counts;
  }

  /** Its runs of these indexes, in order, with their summaries reduced to `summaryFields` (what the results table reads). */
  async runsAt(id: string, indexes: readonly number[], summaryFields: readonly string[]): Promise<RunRow[]> {
    const rows = await this.db.$queryRaw<Array<{ id: string; run_index: number; run_params: unknown; seed: number; status: MigrationStatus; summary: unknown }>>`
      SELECT id::text, run_index, run_params, (spec->>'seed')::int AS seed, status,
             (SELECT jsonb_object_agg(key, value) FROM jsonb_each(summary) WHERE key = ANY(${summaryFields as string[]})) AS summary
        FROM migrations WHERE experiment_id = ${id}::uuid AND run_index = ANY(${indexes as number[]}::int[])
       ORDER BY run_index`;
    return rows.map((r) => ({ id: r.id, runIndex: r.run_index, runParams: r.run_params, seed: r.seed, status: r.status, summary: r.summary }));
  }

  /**
   * The indexes of its runs in each status, in run order, and the progress (0..1) of the running
   * ones: five rows at most. An event stream reads it every second or more often; 1,000 rows
   * through the client cost ~5 ms of CPU each time.
   */
  runIndexesByStatus(id: string): Promise<Array<{ status: MigrationStatus; indexes: number[]; progress: number[] | null }>> {
    return this.db.$queryRaw<Array<{ status: MigrationStatus; indexes: number[]; progress: number[] | null }>>`
      SELECT status, array_agg(run_index ORDER BY run_index) AS indexes,
             CASE WHEN status = 'running' THEN array_agg(progress::float8 ORDER BY run_index) END AS progress
        FROM migrations WHERE experiment_id = ${id}::uuid GROUP BY status`;
  }

  /** Its runs that have not ended (to queue them) or all of them (results, delete), in run order. */
  runIds(id: string, onlyUnfinished: boolean): Promise<{ id: string; key: number; status: MigrationStatus; jobId: string | null }[]> {
    return this.db.migration.findMany({
      where: { experimentId: id, ...(onlyUnfinished ? { status: { in: ['queued', 'running'] } } : {}) },
      select: { id: true, key: true, status: true, jobId: true },
      orderBy: { runIndex: 'asc' },
    });
  }

  /**
   * Records that Redis holds its flow, hence its runs' jobs: the outbox reads a run's enqueued time
   * from its experiment (MigrationsRepo.findUndispatched). Writing it into every run too cost a
   * 200-run submission ~15 ms of Postgres and a third version of each run's row.
   */
  async markEnqueued(id: string): Promise<void> {
    await this.db.experiment.updateMany({ where: { id, enqueuedAt: null }, data: { enqueuedAt: new Date() } });
  }

  /** Experiments whose flow never reached Redis, oldest first. */
  findUnqueued(limit: number): Promise<{ id: string }[]> {
    return this.db.experiment.findMany({ where: { enqueuedAt: null, status: 'queued' }, select: { id: true }, orderBy: { createdAt: 'asc' }, take: limit });
  }

  /** Unfinished experiments not touched for `staleAfterMs` (the dispatcher settles those whose runs all ended). */
  findStale(staleAfterMs: number, limit: number): Promise<{ id: string }[]> {
    return this.db.experiment.findMany({
      where: { status: { in: ['queued', 'running'] }, enqueuedAt: { not: null }, updatedAt: { lt: new Date(Date.now() - staleAfterMs) } },
      select: { id: true },
      orderBy: { updatedAt: 'asc' },
      take: limit,
    });
  }

  /**
   * Flags the experiment and, in one transaction, its runs: queued ones end cancelled at once (their
   * jobs, when a worker takes them, find nothing to run), running ones are flagged and their workers
   * stop at the next batch. Returns how many of each.
   */
  requestCancel(id: string): Promise<{ queued: number; running: number }> {
    return this.db.$transaction(async (tx) => {
      await tx.experiment.updateMany({ where: { id, status: { in: ['queued', 'running'] } }, data: { cancelRequested: true } });
      const queued = await tx.migration.updateMany({
        where: { experimentId: id, status: 'queued' },
        data: { status: 'cancelled', cancelRequested: true, finishedAt: new Date() },
      });
      const running = await tx.migration.updateMany({ where: { experimentId: id, status: 'running' }, data: { cancelRequested: true } });
      return { queued: queued.count, running: running.count };
    });
  }

  /** A run started: the experiment is running (idempotent). */
  markRunning(id: string): Promise<{ count: number }> {
    return this.db.experiment.updateMany({ where: { id, status: 'queued' }, data: { status: 'running' } });
  }

  /**
   * Ends the experiment when every run has ended: cancelled when a cancel was requested, failed when
   * the service could not run any of its runs, succeeded otherwise. Returns the new status, or null
   * when runs are still going (or it had ended already).
   */
  async settle(id: string): Promise<MigrationStatus | null> {
    return this.db.$transaction(async (tx) => {
      const exp = await tx.experiment.findUnique({ where: { id } });
      if (!exp || TERMINAL_STATUSES.includes(exp.status)) return null;
      const groups = await tx.migration.groupBy({ by: ['status'], where: { experimentId: id }, _count: { _all: true } });
      const counts = Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<MigrationStatus, number>>;
      if ((counts.queued ?? 0) + (counts.running ?? 0) > 0) {
        // Touch it, so that a dispatcher pass looks at it again only after staleAfterMs.
        await tx.experiment.update({ where: { id }, data: { updatedAt: new Date() } });
        return null;
      }
      const status: MigrationStatus = exp.cancelRequested ? 'cancelled' : (counts.failed ?? 0) === exp.runCount && exp.runCount > 0 ? 'failed' : 'succeeded';
      await tx.experiment.update({ where: { id }, data: { status, finishedAt: new Date() } });
      return status;
    });
  }

  delete(id: string): Promise<{ count: number }> {
    return this.db.experiment.deleteMany({ where: { id } });
  }
}
