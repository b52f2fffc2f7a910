import { ERASED, type ScrubbedContact } from "../../../core/ports/personal-data.js";
import { Prisma, type PrismaClient, TX_OPTIONS, type Tx } from "./client.js";
import { textVector } from "./ticket-query.js";

/** Identifiers shorter than this are not looked for inside receipt keys: they would match others'. */
const MIN_ID_IN_KEY = 5;

/** The ticket's search words again, from what is left of its subject and public messages. */
const reindex = async (tx: Tx, ticketId: string) => {
  const ticket = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { subject: true } });
  const messages = await tx.ticketEvent.findMany({
    where: { ticketId, kind: "MESSAGE", body: { not: null } },
    select: { body: true },
    orderBy: { id: "asc" },
  });
  const text = [ticket.subject, ...messages.map((m) => m.body ?? "")].join(" ");
  await tx.$executeRaw`UPDATE ticket SET search_vector = ${textVector(text)} WHERE id = ${ticketId}::uuid`;
};

/**
 * What the contact wrote: their own events, and the opening message of each of their tickets even
 * when an agent or an integration typed it for them (it is their request, in their words).
 */
const theirEvents = async (
  tx: Tx,
  contactId: string,
  ticketIds: string[],
): Promise<Prisma.TicketEventWhereInput> => {
  const openings = ticketIds.length
    ? await tx.ticketEvent.groupBy({
        by: ["ticketId"],
        where: { ticketId: { in: ticketIds }, kind: "MESSAGE" },
        _min: { id: true },
      })
    : [];
  const openingIds = openings.flatMap((o) => (o._min.id === null ? [] : [o._min.id]));
  return { OR: [{ actorKind: "REQUESTER", actorId: contactId }, { id: { in: openingIds } }] };
};

const scrubTickets = async (
  tx: Tx,
  contactId: string,
  ticketIds: string[],
  theirs: Prisma.TicketEventWhereInput,
) => {
  await tx.ticket.updateMany({
    where: { id: { in: ticketIds } },
    data: { subject: ERASED, sourceKey: null },
  });
  await tx.ticket.updateMany({
    where: { id: { in: ticketIds }, ratingComment: { not: null } },
    data: { ratingComment: ERASED },
  });
  await tx.ticket.updateMany({
    where: { id: { in: ticketIds }, lastReplyBy: "REQUESTER" },
    data: { lastReplyName: ERASED },
  });
  await tx.ticketEvent.updateMany({
    where: { actorKind: "REQUESTER", actorId: contactId },
    data: { actorName: ERASED },
  });
  await tx.ticketEvent.updateMany({ where: theirs, data: { sourceKey: null } });
  await tx.ticketEvent.updateMany({
    where: { AND: [theirs, { body: { not: null } }] },
    data: { body: ERASED },
  });
  await tx.ticketLink.deleteMany({ where: { ticketId: { in: ticketIds }, role: "REQUESTER_THREAD" } });
  for (const id of ticketIds) await reindex(tx, id);
};

/** Their files: rows go now, bytes after the transaction (if nothing else names them). */
const dropFileRows = async (
  tx: Tx,
  contactId: string,
  theirs: Prisma.TicketEventWhereInput,
): Promise<string[]> => {
  const attachments = await tx.attachment.findMany({
    where: { event: theirs },
    select: { id: true, storageKey: true },
  });
  await tx.attachment.deleteMany({ where: { id: { in: attachments.map((a) => a.id) } } });
  const parked = await tx.parkedFile.findMany({ where: { contactId }, select: { storageKey: true } });
  await tx.parkedFile.deleteMany({ where: { contactId } });
  return [...attachments, ...parked].map((f) => f.storageKey);
};

/** Waiting items to or about them are cancelled; every such item, sent or not, loses its payload. */
const scrubOutbox = async (tx: Tx, contactId: string, ticketIds: string[]): Promise<number> => {
  const theirs: Prisma.OutboxItemWhereInput = {
    OR: [{ scope: `contact:${contactId}` }, { ticketId: { in: ticketIds } }],
  };
  const { count } = await tx.outboxItem.updateMany({
    where: { AND: [theirs, { state: { in: ["PENDING", "HELD"] } }] },
    data: { state: "CANCELLED", claimedBy: null, claimedUntil: null },
  });
  await tx.outboxItem.updateMany({
    where: theirs,
    data: { payload: { erased: true }, refusal: Prisma.DbNull, lastError: null },
  });
  return count;
};

const scrubIdentity = async (tx: Tx, contactId: string) => {
  const contact = await tx.contact.findUniqueOrThrow({
    where: { id: contactId },
    include: { person: { include: { organization: true } } },
  });
  const erasedId = `erased:${contactId}`;
  if (contact.platformUserId !== erasedId) {
    const ids = [contact.platformUserId, contactId].filter((id) => id.length >= MIN_ID_IN_KEY);
    for (const id of ids) {
      await tx.$executeRaw`DELETE FROM inbound_receipt WHERE strpos(key, ${id}) > 0`;
    }
    const ownOrg = `contact:${contact.channel}:${contact.platformUserId}`;
    if (contact.person.organization.key === ownOrg) {
      await tx.organization.update({
        where: { id: contact.person.organizationId },
        data: { key: `contact:erased:${contactId}`, name: ERASED },
      });
    }
  }
  await tx.contact.update({
    where: { id: contactId },
    data: {
      platformUserId: erasedId,
      displayName: ERASED,
      locale: null,
      unreachableAt: null,
      unreachableWhy: null,
      lastInboundAt: null,
    },
  });
  // The person goes with their last identity; one still linked elsewhere keeps the name.
  const others = await tx.contact.count({
    where: { personId: contact.personId, NOT: { platformUserId: { startsWith: "erased:" } } },
  });
  if (others === 0) await tx.person.update({ where: { id: contact.personId }, data: { name: ERASED } });
};

/**
 * One transaction: either the contact is wholly scrubbed in the database or not at all, and the
 * erasure row keeps the file keys until the bytes are handled (a rerun finds them there).
 */
export const scrubContact = (prisma: PrismaClient, contactId: string): Promise<ScrubbedContact> =>
  prisma.$transaction(async (tx) => {
    const erasure = await tx.contactErasure.findUniqueOrThrow({ where: { contactId } });
    const ticketIds = (
      await tx.ticket.findMany({ where: { requesterContactId: contactId }, select: { id: true } })
    ).map((t) => t.id);
    const theirs = await theirEvents(tx, contactId, ticketIds);
    const keys = await dropFileRows(tx, contactId, theirs);
    await scrubTickets(tx, contactId, ticketIds, theirs);
    const cancelled = await scrubOutbox(tx, contactId, ticketIds);
    await scrubIdentity(tx, contactId);
    const storageKeys = [...new Set([...erasure.storageKeys, ...keys])];
    const cancelledOutbox = erasure.cancelledOutbox + cancelled;
    await tx.contactErasure.update({
      where: { contactId },
      data: { storageKeys, tickets: ticketIds.length, cancelledOutbox },
    });
    return { storageKeys, tickets: ticketIds.length, cancelledOutbox };
  }, TX_OPTIONS);
