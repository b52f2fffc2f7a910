-- Where a ticket lives on a platform moves from a string on the ticket to rows with a unique index.
CREATE TYPE "LinkRole" AS ENUM ('AGENTS_ROOT', 'REQUESTER_THREAD');

CREATE TABLE "ticket_link" (
    "ticket_id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "role" "LinkRole" NOT NULL,
    "conversation" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ticket_link_pkey" PRIMARY KEY ("ticket_id","channel","role")
);

CREATE UNIQUE INDEX "ticket_link_channel_role_conversation_message_key" ON "ticket_link"("channel", "role", "conversation", "message");

ALTER TABLE "ticket_link" ADD CONSTRAINT "ticket_link_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- "agents=C123/1700000000.000100" and "dm=D456/1700000000.000200" parts each become one Slack link.
INSERT INTO "ticket_link" ("ticket_id", "channel", "role", "conversation", "message")
SELECT t."id", 'SLACK'::"Channel",
       (CASE part[1] WHEN 'agents' THEN 'AGENTS_ROOT' ELSE 'REQUESTER_THREAD' END)::"LinkRole",
       part[2], part[3]
FROM "ticket" t,
     LATERAL regexp_matches(t."agent_thread_ref", '(agents|dm)=([A-Z0-9]+)/([0-9]+\.[0-9]+)', 'g') AS part
WHERE t."agent_thread_ref" IS NOT NULL
ON CONFLICT DO NOTHING;

ALTER TABLE "ticket" DROP COLUMN "agent_thread_ref";

-- Receipts of every channel in one table, each forgotten after its own platform's redelivery window.
ALTER TABLE "inbound_receipt" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
UPDATE "inbound_receipt" SET "expires_at" = "received_at" + CASE
    WHEN "key" LIKE 'telegram:%' THEN interval '48 hours'
    WHEN "key" LIKE 'whatsapp:%' THEN interval '14 days'
    ELSE interval '7 days'
  END,
  -- Slack claims and WhatsApp once-keys were final when written.
  "done_at" = COALESCE("done_at", CASE WHEN "lease_until" IS NULL THEN "received_at" END);
ALTER TABLE "inbound_receipt" ALTER COLUMN "expires_at" SET NOT NULL;
DROP INDEX "inbound_receipt_received_at_idx";
CREATE INDEX "inbound_receipt_expires_at_idx" ON "inbound_receipt"("expires_at");

-- The outbox records what caused an item, what the platform refused, and a real held state.
ALTER TYPE "OutboxState" ADD VALUE 'HELD';
ALTER TABLE "outbox_item" ADD COLUMN "cause_key" TEXT,
ADD COLUMN "refusal" JSONB;
CREATE INDEX "outbox_item_cause_key_idx" ON "outbox_item"("cause_key");

-- Agents' replies written before cause_key existed: the event that caused each, by its timestamp.
UPDATE "outbox_item" o SET "cause_key" = e."source_key"
FROM "ticket_event" e
WHERE o."kind" = 'agent_reply' AND o."cause_key" IS NULL AND e."ticket_id" = o."ticket_id"
  AND e."source_key" IS NOT NULL AND e."kind" = 'MESSAGE' AND e."actor_kind" = 'AGENT'
  AND (o."payload"->>'at')::timestamptz = e."created_at";

-- A refusal WhatsApp reported used to ride in the payload.
UPDATE "outbox_item" SET "refusal" = "payload"->'whatsappFailure', "payload" = "payload" - 'whatsappFailure'
WHERE "payload" ? 'whatsappFailure';
