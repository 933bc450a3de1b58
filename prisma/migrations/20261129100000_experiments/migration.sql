-- Experiments: parameter sweeps whose runs are migrations (see models Experiment and Migration in
-- prisma/schema.prisma). A run is a migration row with experiment_id and run_index set; runs of an
-- experiment are deleted before it (ON DELETE RESTRICT: a run's fault-event partition must be dropped
-- by the application, never left behind by a cascade).

-- CreateEnum
CREATE TYPE "FaultEventsPolicy" AS ENUM ('all', 'sample', 'none');

-- AlterTable
ALTER TABLE "migrations" ADD COLUMN "experiment_id" UUID,
ADD COLUMN "run_index" INTEGER,
ADD COLUMN "run_params" JSONB,
ADD COLUMN "fault_events" "FaultEventsPolicy" NOT NULL DEFAULT 'all';

-- CreateTable
CREATE TABLE "experiments" (
    "id" UUID NOT NULL,
    "tenant" TEXT NOT NULL DEFAULT 'default',
    "label" TEXT,
    "status" "MigrationStatus" NOT NULL DEFAULT 'queued',
    "request" JSONB NOT NULL,
    "run_count" INTEGER NOT NULL,
    "model_version" INTEGER NOT NULL,
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "idempotency_key" TEXT,
    "request_hash" TEXT NOT NULL,
    "enqueued_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "experiments_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "migrations_experiment_id_run_index_key" ON "migrations"("experiment_id", "run_index");

-- CreateIndex
CREATE INDEX "experiments_tenant_created_at_id_idx" ON "experiments"("tenant", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "experiments_status_updated_at_idx" ON "experiments"("status", "updated_at");

-- CreateIndex
CREATE UNIQUE INDEX "experiments_tenant_idempotency_key_key" ON "experiments"("tenant", "idempotency_key");

-- AddForeignKey
ALTER TABLE "migrations" ADD CONSTRAINT "migrations_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
