-- CreateTable
CREATE TABLE "contact_erasure" (
    "contact_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "storage_keys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tickets" INTEGER NOT NULL DEFAULT 0,
    "cancelled_outbox" INTEGER NOT NULL DEFAULT 0,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "contact_erasure_pkey" PRIMARY KEY ("contact_id")
);

-- CreateTable
CREATE TABLE "job_lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_lease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "contact_erasure_completed_at_requested_at_idx" ON "contact_erasure"("completed_at", "requested_at");
