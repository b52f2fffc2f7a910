-- AlterEnum
ALTER TYPE "EventKind" ADD VALUE 'TAGS_CHANGED';

-- AlterTable
ALTER TABLE "ticket" ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "ticket_tags_idx" ON "ticket" USING GIN ("tags");
