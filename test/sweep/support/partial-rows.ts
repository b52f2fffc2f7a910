import type { Database } from "../../../src/adapters/storage/prisma/database.js";

type Prisma = Database["prisma"];

export const count = async (prisma: Prisma, sql: string): Promise<number> =>
  Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(sql))[0]?.n);

/** Rows a half-finished write would leave behind; every count must be 0. */
export const partialRows = async (prisma: Prisma) => ({
  ticketsWithoutOpeningMessage: await count(
    prisma,
    `SELECT count(*) AS n FROM ticket t WHERE NOT EXISTS
       (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.kind::text = 'MESSAGE')`,
  ),
  eventsWithoutTicket: await count(
    prisma,
    "SELECT count(*) AS n FROM ticket_event e WHERE NOT EXISTS (SELECT 1 FROM ticket t WHERE t.id = e.ticket_id)",
  ),
  attachmentsWithoutEvent: await count(
    prisma,
    `SELECT count(*) AS n FROM attachment a WHERE NOT EXISTS
       (SELECT 1 FROM ticket_event e WHERE e.id = a.event_id AND e.ticket_id = a.ticket_id)`,
  ),
  outboxItemsWithoutTicket: await count(
    prisma,
    `SELECT count(*) AS n FROM outbox_item o WHERE o.ticket_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.id = o.ticket_id)`,
  ),
  ticketsWithoutRequester: await count(
    prisma,
    `SELECT count(*) AS n FROM ticket t
       WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.id = t.requester_contact_id)
          OR NOT EXISTS (SELECT 1 FROM person p WHERE p.id = t.requester_person_id)`,
  ),
});

/** Channels whose people got as far as the directory (a conversation started). */
export const channelsWithContacts = async (prisma: Prisma): Promise<string[]> =>
  (
    await prisma.$queryRawUnsafe<{ channel: string }[]>(
      "SELECT DISTINCT channel::text AS channel FROM contact",
    )
  ).map((row) => row.channel);
