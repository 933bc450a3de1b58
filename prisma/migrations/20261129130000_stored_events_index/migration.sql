-- The tenant quota of stored fault events (src/db/tenant-usage.ts, tenantUsageReader) summed
-- every row of the tenant on every submission: sweeps' runs that keep no events made it grow by
-- thousands of rows a day. It now reads the ended rows that stored events through this index.

-- CreateIndex
CREATE INDEX "migrations_tenant_stored_events_idx" ON "migrations"("tenant") WHERE (event_count > 0);
