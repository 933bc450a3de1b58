-- Stats of migrations that have ended, per query (see model FaultStatsCache in prisma/schema.prisma).

-- CreateTable
CREATE TABLE "fault_stats_cache" (
    "migration_key" INTEGER NOT NULL,
    "query" TEXT NOT NULL,
    "stats" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fault_stats_cache_pkey" PRIMARY KEY ("migration_key","query")
);

-- AddForeignKey
ALTER TABLE "fault_stats_cache" ADD CONSTRAINT "fault_stats_cache_migration_key_fkey" FOREIGN KEY ("migration_key") REFERENCES "migrations"("key") ON DELETE CASCADE ON UPDATE CASCADE;
