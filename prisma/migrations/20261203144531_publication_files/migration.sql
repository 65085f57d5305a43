-- CreateEnum
CREATE TYPE "PublicationOutcome" AS ENUM ('IMPORTED', 'REFUSED');

-- CreateTable
CREATE TABLE "PublicationFile" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" INTEGER NOT NULL,
    "retrievedAt" TIMESTAMP(3) NOT NULL,
    "outcome" "PublicationOutcome" NOT NULL,
    "reason" TEXT,
    "inserted" INTEGER NOT NULL DEFAULT 0,
    "revised" INTEGER NOT NULL DEFAULT 0,
    "crossings" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PublicationFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PublicationFile_sourceId_name_sha256_key" ON "PublicationFile"("sourceId", "name", "sha256");

-- AddForeignKey
ALTER TABLE "PublicationFile" ADD CONSTRAINT "PublicationFile_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: answers that show a source's files are cached like any other (see data_version).
CREATE TRIGGER "PublicationFile_bumps_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PublicationFile" FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
