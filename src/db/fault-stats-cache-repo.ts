import type { Db } from './client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { FaultAggregates } from './fault-events-repo.js';

/** Queries kept per migration (the newest). */
const KEEP_PER_MIGRATION = 256;

/** The stats of migrations that have ended, per query (table fault_stats_cache, see schema.prisma). */
export class FaultStatsCacheRepo {
  constructor(private readonly db: Db) {}

  async get(migrationKey: number, query: string): Promise<FaultAggregates | null> {
    const row = await this.db.faultStatsCache.findUnique({ where: { migrationKey_query: { migrationKey, query } }, select: { stats: true } });
    return (row?.stats as FaultAggregates | undefined) ?? null;
  }

  /** Stores one query's stats and trims the migration's oldest beyond the limit. A deleted migration: no-op. */
  async put(migrationKey: number, query: string, stats: FaultAggregates): Promise<void> {
    try {
      await this.db.faultStatsCache.upsert({
        where: { migrationKey_query: { migrationKey, query } },
        create: { migrationKey, query, stats: stats as unknown as Prisma.InputJsonValue },
        update: {},
      });
    } catch (err) {
      // P2003: the migration was deleted meanwhile (foreign key); nothing to keep.
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2003') return;
      throw err;
    }
    await this.db.$executeRaw`
      DELETE FROM fault_stats_cache
       WHERE migration_key = ${migrationKey}
         AND query NOT IN (SELECT query FROM fault_stats_cache WHERE migration_key = ${migrationKey}
                            ORDER BY created_at DESC, query LIMIT ${KEEP_PER_MIGRATION})`;
  }
}
