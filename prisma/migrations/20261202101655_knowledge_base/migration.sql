-- CreateEnum
CREATE TYPE "KbArticleStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "KbEventKind" AS ENUM ('SHOWN', 'OPENED', 'DEFLECTED', 'TICKET_AFTER');

-- CreateTable
CREATE TABLE "kb_article" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "department" TEXT,
    "tags" TEXT[],
    "status" "KbArticleStatus" NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "published_at" TIMESTAMPTZ(3),
    "search_vector" tsvector,

    CONSTRAINT "kb_article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kb_article_revision" (
    "article_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "department" TEXT,
    "tags" TEXT[],
    "status" "KbArticleStatus" NOT NULL,
    "edited_by" TEXT NOT NULL,
    "edited_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kb_article_revision_pkey" PRIMARY KEY ("article_id","version")
);

-- CreateTable
CREATE TABLE "kb_event" (
    "key" TEXT NOT NULL,
    "kind" "KbEventKind" NOT NULL,
    "article_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kb_event_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "kb_article_status_lang_idx" ON "kb_article"("status", "lang");

-- CreateIndex
CREATE INDEX "kb_article_search_vector_idx" ON "kb_article" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "kb_event_article_id_kind_idx" ON "kb_event"("article_id", "kind");

-- AddForeignKey
ALTER TABLE "kb_article_revision" ADD CONSTRAINT "kb_article_revision_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "kb_article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kb_event" ADD CONSTRAINT "kb_event_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "kb_article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
