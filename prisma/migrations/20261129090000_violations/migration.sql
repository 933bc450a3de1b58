-- Every recorded correctness violation of a finished migration (see model Violation in
-- prisma/schema.prisma); the summary keeps the counts and the first 20.

-- CreateTable
CREATE TABLE "violations" (
    "migration_key" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at_ns" BIGINT NOT NULL,
    "gfn" BIGINT,
    "vcpu" SMALLINT,
    "detail" TEXT NOT NULL,

    CONSTRAINT "violations_pkey" PRIMARY KEY ("migration_key","seq")
);

-- CreateIndex
CREATE INDEX "violations_migration_key_kind_seq_idx" ON "violations"("migration_key", "kind", "seq");

-- AddForeignKey
ALTER TABLE "violations" ADD CONSTRAINT "violations_migration_key_fkey" FOREIGN KEY ("migration_key") REFERENCES "migrations"("key") ON DELETE CASCADE ON UPDATE CASCADE;
