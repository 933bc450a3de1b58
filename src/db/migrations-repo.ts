import type { Db } from './client.js';
import { Prisma, type Migration, type MigrationStatus } from '../generated/prisma/client.js';

/** The one place that reads and writes the `migrations` table. */
export type MigrationRow = Migration;
export const TERMINAL_STATUSES: readonly MigrationStatus[] = ['succeeded', 'failed', 'cancelled'];

export interface ListQuery {
  status?: MigrationStatus;
  limit: number;
  after?: { createdAt: Date; id: string };
}

export class MigrationsRepo {
  constructor(private readonly db: Db) {}

  /** Inserts unless the idempotency key exists; returns the row and whether it is new. */
  async insert(row: { id: string; idempotencyKey?: string; requestHash: string; spec: unknown }): Promise<{ row: MigrationRow; created: boolean }> {
    const data = {
      id: row.id,
      idempotencyKey: row.idempotencyKey ?? null,
      requestHash: row.requestHash,
      spec: row.spec as Prisma.InputJsonValue,
    };
    if (!row.idempotencyKey) return { row: await this.db.migration.create({ data }), created: true };
    try {
      return { row: await this.db.migration.create({ data }), created: true };
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002')) throw err;
      const existing = await this.db.migration.findUnique({ where: { idempotencyKey: row.idempotencyKey } });
      if (!existing) throw err;
      return { row: existing, created: false };
    }
  }

  find(id: string): Promise<MigrationRow | null> {
    return this.db.migration.findUnique({ where: { id } });
  }

  /** Newest first; keyset pagination on (created_at, id). */
  list(q: ListQuery): Promise<MigrationRow[]> {
    const where: Prisma.MigrationWhereInput = { ...(q.status ? { status: q.status } : {}) };
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

  markEnqueued(id: string): Promise<unknown> {
    return this.db.migration.updateMany({ where: { id, enqueuedAt: null }, data: { enqueuedAt: new Date() } });
  }

  /** Queued rows the queue may not know about: never enqueued, or idle for longer than `staleAfterMs`. */
  findUndispatched(staleAfterMs: number, limit: number): Promise<Pick<MigrationRow, 'id' | 'enqueuedAt'>[]> {
    return this.db.migration.findMany({
      where: {
        OR: [
          { status: 'queued', enqueuedAt: null },
          { status: { in: ['queued', 'running'] }, updatedAt: { lt: new Date(Date.now() - staleAfterMs) } },
        ],
      },
      select: { id: true, enqueuedAt: true },
      orderBy: { createdAt: 'asc' },
      take: limit,
    });
  }

  /** A worker picked the job up. Returns null if the migration is already over (nothing to do). */
  async markRunning(id: string): Promise<MigrationRow | null> {
    const updated = await this.db.migration.updateManyAndReturn({
      where: { id, status: { in: ['queued', 'running'] }, cancelRequested: false },
      data: { status: 'running', attempts: { increment: 1 }, startedAt: new Date(), error: Prisma.DbNull },
    });
    return updated[0] ?? null;
  }

  /** Progress report; answers whether a cancel was requested meanwhile. */
  async reportProgress(id: string, progress: number, detail: unknown): Promise<{ cancelRequested: boolean }> {
    const rows = await this.db.migration.updateManyAndReturn({
      where: { id, status: 'running' },
      data: { progress, progressDetail: detail as Prisma.InputJsonValue },
      select: { cancelRequested: true },
    });
    return { cancelRequested: rows[0]?.cancelRequested ?? true };
  }

  finish(
    id: string,
    outcome: { status: 'succeeded' | 'failed'; summary?: unknown; error?: unknown; eventCount?: number; progress?: number; detail?: unknown },
  ): Promise<unknown> {
    return this.db.migration.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: {
        status: outcome.status,
        finishedAt: new Date(),
        ...(outcome.summary !== undefined ? { summary: outcome.summary as Prisma.InputJsonValue } : {}),
        ...(outcome.error !== undefined ? { error: outcome.error as Prisma.InputJsonValue } : {}),
        ...(outcome.eventCount !== undefined ? { eventCount: BigInt(outcome.eventCount) } : {}),
        ...(outcome.progress !== undefined ? { progress: outcome.progress } : {}),
        ...(outcome.detail !== undefined ? { progressDetail: outcome.detail as Prisma.InputJsonValue } : {}),
      },
    });
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

  markCancelled(id: string, eventCount: number): Promise<unknown> {
    return this.db.migration.updateMany({
      where: { id, status: { in: ['queued', 'running'] } },
      data: { status: 'cancelled', finishedAt: new Date(), eventCount: BigInt(eventCount) },
    });
  }
}
