import type { ContactDossier, PersonalDataStore } from "../../../core/ports/personal-data.js";
import type { Channel } from "../../../core/ticket/channel.js";
import type { PrismaClient } from "./client.js";
import { scrubContact } from "./scrub-contact.js";

const toDossier = async (prisma: PrismaClient, contactId: string): Promise<ContactDossier | null> => {
  const contact = await prisma.contact.findUnique({
    where: { id: contactId },
    include: { person: { include: { organization: true, contacts: true } } },
  });
  if (!contact) return null;
  const [tickets, abandoned, parked] = await Promise.all([
    prisma.ticket.findMany({
      where: { requesterContactId: contactId },
      orderBy: { number: "asc" },
      include: {
        events: {
          where: { kind: { not: "NOTE" } },
          orderBy: { id: "asc" },
          include: { attachments: { orderBy: { createdAt: "asc" } } },
        },
      },
    }),
    prisma.abandonedFlow.findMany({ where: { contactId }, orderBy: { id: "asc" } }),
    prisma.parkedFile.findMany({ where: { contactId }, orderBy: { parkedAt: "asc" } }),
  ]);
  const { person } = contact;
  return {
    contact: {
      id: contact.id,
      channel: contact.channel as Channel,
      platformUserId: contact.platformUserId,
      displayName: contact.displayName,
      locale: contact.locale,
      createdAt: contact.createdAt,
      lastInboundAt: contact.lastInboundAt,
      unreachable:
        contact.unreachableAt && contact.unreachableWhy !== null
          ? { at: contact.unreachableAt, reason: contact.unreachableWhy }
          : null,
    },
    person: {
      id: person.id,
      name: person.name,
      role: person.role,
      registered: person.registered,
      createdAt: person.createdAt,
    },
    organization: {
      id: person.organization.id,
      key: person.organization.key,
      name: person.organization.name,
    },
    linkedIdentities: person.contacts
      .filter((c) => c.id !== contact.id)
      .map((c) => ({
        id: c.id,
        channel: c.channel as Channel,
        platformUserId: c.platformUserId,
        displayName: c.displayName,
      })),
    tickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      department: t.department,
      type: t.type,
      channel: t.channel as Channel,
      createdAt: t.createdAt,
      closedAt: t.closedAt,
      rating: t.rating === null ? null : { score: t.rating, comment: t.ratingComment },
      events: t.events.map((e) => ({
        id: e.id.toString(),
        kind: e.kind,
        actor: { kind: e.actorKind, name: e.actorName },
        byContact: e.actorKind === "REQUESTER" && e.actorId === contactId,
        body: e.body,
        from: e.fromValue,
        to: e.toValue,
        at: e.createdAt,
        attachments: e.attachments.map((a) => ({
          id: a.id,
          fileName: a.fileName,
          contentType: a.contentType,
          size: a.size,
          sha256: a.sha256,
          storageKey: a.storageKey,
        })),
      })),
    })),
    abandonedFlows: abandoned.map((a) => ({ flow: a.flow, step: a.step, reason: a.reason, at: a.createdAt })),
    parkedFiles: parked.map((p) => ({ storageKey: p.storageKey, size: p.size, at: p.parkedAt })),
  };
};

/** Export and erasure on PostgreSQL (or PGlite). */
export const createPrismaPersonalData = (prisma: PrismaClient): PersonalDataStore => ({
  dossier: (contactId) => toDossier(prisma, contactId),

  async beginErasure(contactId, at) {
    const existing = await prisma.contactErasure.findUnique({ where: { contactId } });
    if (existing) return { completedAt: existing.completedAt };
    const contact = await prisma.contact.findUnique({ where: { id: contactId }, select: { id: true } });
    if (!contact) return null;
    await prisma.contactErasure.createMany({ data: [{ contactId, requestedAt: at }], skipDuplicates: true });
    const row = await prisma.contactErasure.findUniqueOrThrow({ where: { contactId } });
    return { completedAt: row.completedAt };
  },

  scrub: (contactId) => scrubContact(prisma, contactId),

  async completeErasure(contactId, at) {
    await prisma.contactErasure.updateMany({
      where: { contactId, completedAt: null },
      data: { completedAt: at, storageKeys: [] },
    });
  },

  async unfinishedErasures(limit) {
    const rows = await prisma.contactErasure.findMany({
      where: { completedAt: null },
      orderBy: { requestedAt: "asc" },
      take: limit,
      select: { contactId: true },
    });
    return rows.map((r) => r.contactId);
  },
});
