-- AlterTable
ALTER TABLE "inbound_receipt" ADD COLUMN     "done_at" TIMESTAMPTZ(3),
ADD COLUMN     "lease_until" TIMESTAMPTZ(3);
