-- The simulator's model version behind each migration (see model Migration in prisma/schema.prisma).
--
-- Rows stored before this migration get 0: which simulator produced them is unknown (MODEL_VERSION
-- starts at 1), so a worker never resumes their events; it re-runs them from seq 0 if they are
-- still queued or running. The default only backfills them and is then dropped, as in the schema:
-- every new row states its version.

-- AlterTable
ALTER TABLE "migrations" ADD COLUMN "model_version" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "migrations" ALTER COLUMN "model_version" DROP DEFAULT;
