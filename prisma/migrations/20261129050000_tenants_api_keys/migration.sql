-- Tenants and API keys (see model ApiKey and Migration.tenant in prisma/schema.prisma).
--
-- Every migration belongs to a tenant. Rows stored before tenants existed go to "default", the
-- tenant of AUTH=off, so a single-user installation keeps its history and a key created later with
-- `keys create --tenant default` reaches it.
--
-- Idempotency keys become unique per tenant: a key reused by another tenant must neither return
-- nor reveal (422 "reused") a migration it does not own.

-- CreateEnum
CREATE TYPE "ApiKeyRole" AS ENUM ('tenant', 'admin');

-- AlterTable
ALTER TABLE "migrations" ADD COLUMN "tenant" TEXT NOT NULL DEFAULT 'default';

-- DropIndex
DROP INDEX "migrations_idempotency_key_key";

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "role" "ApiKeyRole" NOT NULL,
    "tenant" TEXT,
    "name" TEXT,
    "secret_hash" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "migrations_tenant_created_at_id_idx" ON "migrations"("tenant", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "migrations_tenant_status_created_at_id_idx" ON "migrations"("tenant", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "migrations_tenant_idempotency_key_key" ON "migrations"("tenant", "idempotency_key");

-- CreateIndex
CREATE INDEX "api_keys_tenant_idx" ON "api_keys"("tenant");
