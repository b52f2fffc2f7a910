-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('NEW', 'IN_PROGRESS', 'ESCALATED', 'WAITING_ON_REQUESTER', 'SOLVED', 'ABANDONED');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WHATSAPP', 'TELEGRAM', 'SLACK', 'API', 'CLI', 'CONSOLE');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('REQUESTER', 'AGENT', 'SYSTEM');

-- CreateEnum
CREATE TYPE "EventKind" AS ENUM ('MESSAGE', 'NOTE', 'STATUS_CHANGED', 'PRIORITY_CHANGED', 'DEPARTMENT_CHANGED', 'ASSIGNEE_CHANGED', 'CONTACT_REQUESTED', 'AGENT_READ', 'RATED', 'DELIVERY_FAILED');

-- CreateEnum
CREATE TYPE "PersonRole" AS ENUM ('MEMBER', 'ORG_ADMIN');

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('PENDING', 'DELIVERED', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "organization" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "organization_id" UUID NOT NULL,
    "role" "PersonRole" NOT NULL DEFAULT 'MEMBER',
    "registered" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contact" (
    "id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "person_id" UUID NOT NULL,
    "locale" TEXT,
    "unreachable_at" TIMESTAMPTZ(3),
    "unreachable_why" TEXT,
    "last_inbound_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_counter" (
    "id" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "ticket_counter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket" (
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "department" TEXT NOT NULL,
    "priority" "Priority" NOT NULL,
    "type" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "channel" "Channel" NOT NULL,
    "requester_contact_id" UUID NOT NULL,
    "requester_person_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "assignee_id" TEXT,
    "assignee_name" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL,
    "last_reply_at" TIMESTAMPTZ(3),
    "last_reply_by" "ActorKind",
    "last_reply_name" TEXT,
    "first_response_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "requester_last_msg_at" TIMESTAMPTZ(3),
    "agent_read_at" TIMESTAMPTZ(3),
    "contact_requested_at" TIMESTAMPTZ(3),
    "rating" INTEGER,
    "rating_comment" TEXT,
    "source_key" TEXT,
    "reminder_sent_at" TIMESTAMPTZ(3),
    "sla_paused_ms" BIGINT NOT NULL DEFAULT 0,
    "sla_paused_since" TIMESTAMPTZ(3),
    "sla_first_warned_at" TIMESTAMPTZ(3),
    "sla_first_breached_at" TIMESTAMPTZ(3),
    "sla_res_warned_at" TIMESTAMPTZ(3),
    "sla_res_breached_at" TIMESTAMPTZ(3),
    "agent_thread_ref" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "search_vector" tsvector,

    CONSTRAINT "ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ticket_event" (
    "id" BIGSERIAL NOT NULL,
    "ticket_id" UUID NOT NULL,
    "kind" "EventKind" NOT NULL,
    "actor_kind" "ActorKind" NOT NULL,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "body" TEXT,
    "from_value" TEXT,
    "to_value" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "source_key" TEXT,

    CONSTRAINT "ticket_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" UUID NOT NULL,
    "ticket_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_item" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "kind" TEXT NOT NULL,
    "ticket_id" UUID,
    "scope" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "available_at" TIMESTAMPTZ(3) NOT NULL,
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMPTZ(3),
    "platform_message_id" TEXT,
    "receipt" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "inbound_receipt" (
    "key" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_receipt_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "abandoned_flow" (
    "id" BIGSERIAL NOT NULL,
    "contact_id" UUID NOT NULL,
    "flow" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "abandoned_flow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "organization_id" UUID,
    "role" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organization_key_key" ON "organization"("key");

-- CreateIndex
CREATE INDEX "person_organization_id_idx" ON "person"("organization_id");

-- CreateIndex
CREATE INDEX "contact_person_id_idx" ON "contact"("person_id");

-- CreateIndex
CREATE UNIQUE INDEX "contact_channel_platform_user_id_key" ON "contact"("channel", "platform_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_number_key" ON "ticket"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_source_key_key" ON "ticket"("source_key");

-- CreateIndex
CREATE INDEX "ticket_status_created_at_idx" ON "ticket"("status", "created_at");

-- CreateIndex
CREATE INDEX "ticket_organization_id_created_at_idx" ON "ticket"("organization_id", "created_at");

-- CreateIndex
CREATE INDEX "ticket_requester_person_id_created_at_idx" ON "ticket"("requester_person_id", "created_at");

-- CreateIndex
CREATE INDEX "ticket_department_status_idx" ON "ticket"("department", "status");

-- CreateIndex
CREATE INDEX "ticket_priority_status_idx" ON "ticket"("priority", "status");

-- CreateIndex
CREATE INDEX "ticket_created_at_idx" ON "ticket"("created_at");

-- CreateIndex
CREATE INDEX "ticket_search_vector_idx" ON "ticket" USING GIN ("search_vector");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_event_source_key_key" ON "ticket_event"("source_key");

-- CreateIndex
CREATE INDEX "ticket_event_ticket_id_id_idx" ON "ticket_event"("ticket_id", "id");

-- CreateIndex
CREATE INDEX "attachment_ticket_id_idx" ON "attachment"("ticket_id");

-- CreateIndex
CREATE INDEX "attachment_event_id_idx" ON "attachment"("event_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_item_key_key" ON "outbox_item"("key");

-- CreateIndex
CREATE INDEX "outbox_item_state_available_at_idx" ON "outbox_item"("state", "available_at");

-- CreateIndex
CREATE INDEX "outbox_item_ticket_id_idx" ON "outbox_item"("ticket_id");

-- CreateIndex
CREATE INDEX "outbox_item_platform_message_id_idx" ON "outbox_item"("platform_message_id");

-- CreateIndex
CREATE INDEX "inbound_receipt_received_at_idx" ON "inbound_receipt"("received_at");

-- CreateIndex
CREATE INDEX "abandoned_flow_flow_step_idx" ON "abandoned_flow"("flow", "step");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_secret_hash_key" ON "api_key"("secret_hash");

-- AddForeignKey
ALTER TABLE "person" ADD CONSTRAINT "person_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contact" ADD CONSTRAINT "contact_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_requester_contact_id_fkey" FOREIGN KEY ("requester_contact_id") REFERENCES "contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_requester_person_id_fkey" FOREIGN KEY ("requester_person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ticket_event" ADD CONSTRAINT "ticket_event_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "ticket_event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
