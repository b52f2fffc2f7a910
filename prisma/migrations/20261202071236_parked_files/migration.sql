-- CreateTable
CREATE TABLE "parked_file" (
    "contact_id" UUID NOT NULL,
    "storage_key" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "parked_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "parked_file_pkey" PRIMARY KEY ("contact_id","storage_key")
);

-- CreateIndex
CREATE INDEX "parked_file_storage_key_idx" ON "parked_file"("storage_key");

-- CreateIndex
CREATE INDEX "parked_file_parked_at_idx" ON "parked_file"("parked_at");

-- CreateIndex
CREATE INDEX "attachment_storage_key_idx" ON "attachment"("storage_key");
