-- Fault events at scale: a compact per-migration key, and fault_events partitioned per migration.
-- The design (row layout, partitioning, indexes) is explained on model FaultEvent in
-- prisma/schema.prisma. Prisma cannot express partitioning: test/db/migrations.integration.test.ts
-- compares this schema to Prisma's with exactly that allowance.

-- AlterTable: the compact internal key of a migration (the fault events' partition key).
ALTER TABLE "migrations" ADD COLUMN "key" SERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "migrations_key_key" ON "migrations"("key");

-- The foundation's table stays aside while its rows move into partitions.
ALTER TABLE "fault_events" RENAME TO "fault_events_foundation";
ALTER TABLE "fault_events_foundation" DROP CONSTRAINT "fault_events_migration_id_fkey";
ALTER TABLE "fault_events_foundation" RENAME CONSTRAINT "fault_events_pkey" TO "fault_events_foundation_pkey";

-- CreateTable: columns widest first (no alignment padding), LIST-partitioned by migration.
CREATE TABLE "fault_events" (
    "migration_key" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "raised_at_ns" BIGINT NOT NULL,
    "resolved_at_ns" BIGINT NOT NULL,
    "gfn" BIGINT NOT NULL,
    "vcpu" SMALLINT NOT NULL,
    "thread" SMALLINT NOT NULL,
    "page_shift" SMALLINT NOT NULL,
    "path" SMALLINT NOT NULL,
    "mechanism" SMALLINT NOT NULL,
    "resolution" SMALLINT NOT NULL,
    "write" BOOLEAN NOT NULL,

    CONSTRAINT "fault_events_pkey" PRIMARY KEY ("migration_key","seq")
) PARTITION BY LIST ("migration_key");

-- CreateIndex (each partition gets its own copy when it is attached)
CREATE INDEX "fault_events_path_mechanism_resolution_vcpu_idx" ON "fault_events"("path", "mechanism", "resolution", "vcpu");

-- CreateIndex
CREATE INDEX "fault_events_raised_at_ns_idx" ON "fault_events"("raised_at_ns");

-- Move the existing events: one partition per migration, as src/db/fault-events-repo.ts creates them
-- (fault_events_<key>, plus fault_events_<key>_gfn_idx once the migration has ended). Filling each
-- partition before attaching it builds its indexes with one sort instead of row by row.
DO $$
DECLARE
  m record;
  part text;
BEGIN
  FOR m IN
    SELECT mi.id, mi.key, mi.status FROM "migrations" mi
     WHERE EXISTS (SELECT 1 FROM "fault_events_foundation" f WHERE f.migration_id = mi.id)
     ORDER BY mi.key
  LOOP
    part := 'fault_events_' || m.key;
    EXECUTE format('CREATE TABLE %I (LIKE "fault_events" INCLUDING DEFAULTS)', part);
    EXECUTE format(
      'INSERT INTO %I (migration_key, seq, raised_at_ns, resolved_at_ns, gfn, vcpu, thread, page_shift, path, mechanism, resolution, write)
       SELECT %s, seq, raised_at_ns, resolved_at_ns, gfn, vcpu, thread, page_shift, path, mechanism, resolution, write
         FROM "fault_events_foundation" WHERE migration_id = %L ORDER BY seq',
      part, m.key, m.id);
    EXECUTE format('ALTER TABLE "fault_events" ATTACH PARTITION %I FOR VALUES IN (%s)', part, m.key);
    IF m.status IN ('succeeded', 'failed', 'cancelled') THEN
      EXECUTE format('CREATE INDEX %I ON %I ("gfn")', part || '_gfn_idx', part);
    END IF;
  END LOOP;
END
$$;

DROP TABLE "fault_events_foundation";
