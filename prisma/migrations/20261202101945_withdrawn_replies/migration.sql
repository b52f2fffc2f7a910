-- AlterEnum
ALTER TYPE "EventKind" ADD VALUE 'REPLY_WITHDRAWN';

-- AlterTable
ALTER TABLE "ticket_event" ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3);
