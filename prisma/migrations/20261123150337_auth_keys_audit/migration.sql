-- CreateEnum
CREATE TYPE "Role" AS ENUM ('READER', 'OPS', 'PARTNER', 'ADMIN');

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "label" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyOrganisation" (
    "keyId" INTEGER NOT NULL,
    "organisationId" INTEGER NOT NULL,

    CONSTRAINT "ApiKeyOrganisation_pkey" PRIMARY KEY ("keyId","organisationId")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "action" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "detail" JSONB NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE INDEX "AuditEntry_at_idx" ON "AuditEntry"("at");

-- CreateIndex
CREATE INDEX "AuditEntry_actor_at_idx" ON "AuditEntry"("actor", "at");

-- AddForeignKey
ALTER TABLE "ApiKeyOrganisation" ADD CONSTRAINT "ApiKeyOrganisation_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyOrganisation" ADD CONSTRAINT "ApiKeyOrganisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written checks (Prisma cannot express them).
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_prefix_check" CHECK ("prefix" ~ '^[0-9a-f]{12}$');
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_secretHash_check" CHECK ("secretHash" ~ '^[0-9a-f]{64}$');
ALTER TABLE "AuditEntry" ADD CONSTRAINT "AuditEntry_rows_check" CHECK ("rows" >= 0);
