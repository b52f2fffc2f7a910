import type { NewTicket } from "../../../core/ports/ticket-repository.js";
import { openedTicket } from "../../../core/ticket/opened-ticket.js";
import type { Ticket } from "../../../core/ticket/ticket.js";
import { Prisma } from "./client.js";
import { textVector } from "./ticket-query.js";

/**
 * Stands in for the ticket's number while the outbox payloads are built: the number exists only
 * inside the statement that draws it, which writes it into each payload's `ticket.number`.
 */
const NUMBER_DRAWN_BY_THE_STATEMENT = 0;

const outboxRows = (ticket: Ticket, draft: NewTicket) =>
  draft.outbox(ticket).map((item) => {
    const payload = item.payload as { ticket?: { id?: unknown } };
    // Only this ticket's summary may be numbered by the statement; anything else would be mislabelled.
    if (payload.ticket && payload.ticket.id !== ticket.id)
      throw new Error(`outbox item ${item.key} carries another ticket's summary`);
    return {
      key: item.key,
      channel: item.channel,
      kind: item.kind,
      ticket_id: item.ticketId,
      scope: item.scope,
      payload: item.payload,
      available_at: item.availableAt.toISOString(),
    };
  });

/**
 * Opens a ticket in ONE statement: draws the number, inserts the ticket, its opening event with the
 * event's files, and its outbox rows. The counter row is the numbering lock (gap-free: a failed
 * statement gives the number back), and one statement holds it for no network round trip at all,
 * where a transaction of several statements would hold it across each of them while every other
 * creation waits. Returns the ticket as written.
 */
export const openTicket = async (
  db: { $queryRaw<T>(query: Prisma.Sql): Promise<T> },
  draft: NewTicket,
): Promise<Ticket> => {
  const opening = draft.openingMessage;
  const placeholder = openedTicket(draft, NUMBER_DRAWN_BY_THE_STATEMENT);
  const files = (opening.attachments ?? []).map((a) => ({
    id: a.id,
    file_name: a.fileName,
    content_type: a.contentType,
    size: a.size,
    sha256: a.sha256,
    storage_key: a.storageKey,
  }));
  const [row] = await db.$queryRaw<{ number: number }[]>(Prisma.sql`
    WITH next AS (
      INSERT INTO ticket_counter (id, value) VALUES ('ticket', 1)
      ON CONFLICT (id) DO UPDATE SET value = ticket_counter.value + 1
      RETURNING value
    ), t AS (
      INSERT INTO ticket (id, number, subject, department, priority, type, status, channel,
        requester_contact_id, requester_person_id, organization_id, created_at, updated_at,
        status_changed_at, requester_last_msg_at, source_key, search_vector)
      SELECT ${draft.id}::uuid, next.value, ${draft.subject}, ${draft.department}, ${draft.priority}::"Priority",
        ${draft.type}, 'NEW'::"TicketStatus", ${draft.channel}::"Channel", ${draft.requester.contactId}::uuid,
        ${draft.requester.personId}::uuid, ${draft.organizationId}::uuid, ${draft.createdAt}, ${draft.createdAt},
        ${draft.createdAt}, ${placeholder.requesterLastMessageAt}::timestamptz,
        ${draft.sourceKey}, ${textVector(`${draft.subject} ${opening.body ?? ""}`)}
      FROM next
      RETURNING id, number
    ), opening AS (
      INSERT INTO ticket_event (ticket_id, kind, actor_kind, actor_id, actor_name, body, from_value,
        to_value, created_at, source_key)
      SELECT t.id, ${opening.kind}::"EventKind", ${opening.actor.kind}::"ActorKind", ${opening.actor.id},
        ${opening.actor.name}, ${opening.body}, ${opening.from}, ${opening.to}, ${opening.createdAt},
        ${opening.sourceKey ?? null}
      FROM t
      RETURNING id
    ), files AS (
      INSERT INTO attachment (id, ticket_id, event_id, file_name, content_type, size, sha256, storage_key, created_at)
      SELECT f.id, t.id, opening.id, f.file_name, f.content_type, f.size, f.sha256, f.storage_key, ${opening.createdAt}
      FROM t, opening, jsonb_to_recordset(${JSON.stringify(files)}::jsonb)
        AS f(id uuid, file_name text, content_type text, size int, sha256 text, storage_key text)
    ), outbox AS (
      INSERT INTO outbox_item (key, channel, kind, ticket_id, scope, payload, available_at, created_at)
      SELECT o.key, o.channel::"Channel", o.kind, o.ticket_id, o.scope,
        CASE WHEN o.payload ? 'ticket' THEN jsonb_set(o.payload, '{ticket,number}', to_jsonb(t.number))
             ELSE o.payload END,
        o.available_at, o.available_at
      FROM t, jsonb_to_recordset(${JSON.stringify(outboxRows(placeholder, draft))}::jsonb)
        AS o(key text, channel text, kind text, ticket_id uuid, scope text, payload jsonb, available_at timestamptz)
      ON CONFLICT (key) DO NOTHING
    )
    SELECT number FROM t`);
  return openedTicket(draft, Number(row!.number));
};
