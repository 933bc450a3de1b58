-- Every cost parameter a run used, stored with its summary (see Migration.resolvedCosts in
-- prisma/schema.prisma). Rows of runs that ended before it stay null.

-- AlterTable
ALTER TABLE "migrations" ADD COLUMN "resolved_costs" JSONB;
