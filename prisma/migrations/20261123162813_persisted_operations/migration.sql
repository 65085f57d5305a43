-- CreateTable
CREATE TABLE "PersistedOperation" (
    "id" SERIAL NOT NULL,
    "hash" CHAR(64) NOT NULL,
    "document" TEXT NOT NULL,
    "operationNames" TEXT[],
    "registeredBy" TEXT NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersistedOperation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PersistedOperation_hash_key" ON "PersistedOperation"("hash");

-- Hand-written check (Prisma cannot express it).
ALTER TABLE "PersistedOperation" ADD CONSTRAINT "PersistedOperation_hash_hex" CHECK ("hash" ~ '^[0-9a-f]{64}$');
