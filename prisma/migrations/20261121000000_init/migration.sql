-- CreateEnum
CREATE TYPE "MigrationStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "migrations" (
    "id" UUID NOT NULL,
    "status" "MigrationStatus" NOT NULL DEFAULT 'queued',
    "idempotency_key" TEXT,
    "request_hash" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "progress" REAL NOT NULL DEFAULT 0,
    "progress_detail" JSONB,
    "summary" JSONB,
    "error" JSONB,
    "event_count" BIGINT NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "enqueued_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fault_events" (
    "migration_id" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "vcpu" INTEGER NOT NULL,
    "thread" SMALLINT NOT NULL,
    "gfn" BIGINT NOT NULL,
    "page_shift" SMALLINT NOT NULL,
    "write" BOOLEAN NOT NULL,
    "path" SMALLINT NOT NULL,
    "mechanism" SMALLINT NOT NULL,
    "resolution" SMALLINT NOT NULL,
    "raised_at_ns" BIGINT NOT NULL,
    "resolved_at_ns" BIGINT NOT NULL,

    CONSTRAINT "fault_events_pkey" PRIMARY KEY ("migration_id","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "migrations_idempotency_key_key" ON "migrations"("idempotency_key");

-- CreateIndex
CREATE INDEX "migrations_created_at_id_idx" ON "migrations"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "migrations_status_created_at_id_idx" ON "migrations"("status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "migrations_enqueued_at_idx" ON "migrations"("enqueued_at");

-- CreateIndex
CREATE INDEX "fault_events_migration_id_vcpu_seq_idx" ON "fault_events"("migration_id", "vcpu", "seq");

-- CreateIndex
CREATE INDEX "fault_events_migration_id_path_seq_idx" ON "fault_events"("migration_id", "path", "seq");

-- AddForeignKey
ALTER TABLE "fault_events" ADD CONSTRAINT "fault_events_migration_id_fkey" FOREIGN KEY ("migration_id") REFERENCES "migrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
