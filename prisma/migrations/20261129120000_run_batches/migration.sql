-- Experiments run their small runs in batches, one BullMQ job per batch (see Migration.jobId in
-- prisma/schema.prisma). Rows stored before stay null: each has a job of its own.

-- AlterTable
ALTER TABLE "migrations" ADD COLUMN "job_id" TEXT;
