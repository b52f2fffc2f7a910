-- CreateTable
CREATE TABLE "saved_reply" (
    "name" TEXT NOT NULL,
    "department" TEXT,
    "text_pt_br" TEXT,
    "text_en" TEXT,
    "status" "TicketStatus",
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "saved_reply_pkey" PRIMARY KEY ("name")
);
