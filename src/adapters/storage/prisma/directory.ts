import { randomUUID } from "node:crypto";
import type { ContactRecord, DirectoryRepository } from "../../../core/ports/directory.js";
import { type Prisma, type PrismaClient, TX_OPTIONS } from "./client.js";
import { isUniqueViolation } from "./errors.js";

const contactInclude = { person: true } as const;
type ContactRow = Prisma.ContactGetPayload<{ include: typeof contactInclude }>;

const toContact = (row: ContactRow): ContactRecord => ({
  id: row.id,
  channel: row.channel,
  platformUserId: row.platformUserId,
  displayName: row.displayName,
  locale: row.locale,
  unreachable: row.unreachableAt ? { at: row.unreachableAt, reason: row.unreachableWhy ?? "" } : null,
  lastInboundAt: row.lastInboundAt,
  person: {
    id: row.person.id,
    name: row.person.name,
    organizationId: row.person.organizationId,
    role: row.person.role,
    registered: row.person.registered,
  },
});

/** Contacts, people and organizations through Prisma. */
export const createPrismaDirectory = (prisma: PrismaClient): DirectoryRepository => {
  const find = async (channel: ContactRow["channel"], platformUserId: string) => {
    const row = await prisma.contact.findUnique({
      where: { channel_platformUserId: { channel, platformUserId } },
      include: contactInclude,
    });
    return row ? toContact(row) : null;
  };

  const createContact: DirectoryRepository["ensureContact"] = (input) =>
    prisma.$transaction(async (tx) => {
      const organization = await tx.organization.upsert({
        where: { key: input.organization.key },
        create: { id: randomUUID(), key: input.organization.key, name: input.organization.name },
        update: {},
      });
      const person = await tx.person.create({
        data: {
          id: randomUUID(),
          name: input.displayName,
          organizationId: organization.id,
          role: input.role ?? "MEMBER",
          registered: input.registered,
        },
      });
      const row = await tx.contact.create({
        data: {
          id: randomUUID(),
          channel: input.channel,
          platformUserId: input.platformUserId,
          displayName: input.displayName,
          personId: person.id,
          locale: input.locale ?? null,
        },
        include: contactInclude,
      });
      return toContact(row);
    }, TX_OPTIONS);

  return {
    findContact: find,
    async findContactById(id) {
      const row = await prisma.contact.findUnique({ where: { id }, include: contactInclude });
      return row ? toContact(row) : null;
    },
    async ensureContact(input) {
      const existing = await find(input.channel, input.platformUserId);
      if (existing) {
        if (input.registered && !existing.person.registered) {
          await prisma.person.update({
            where: { id: existing.person.id },
            data: { registered: true, ...(input.role ? { role: input.role } : {}) },
          });
          return (await find(input.channel, input.platformUserId))!;
        }
        return existing;
      }
      try {
        return await createContact(input);
      } catch (error) {
        // Two first messages from one contact raced: the other transaction created it.
        if (!isUniqueViolation(error)) throw error;
        const raced = await find(input.channel, input.platformUserId);
        if (!raced) throw error;
        return raced;
      }
    },
    async linkContact(contactId, personId) {
      const row = await prisma.contact.update({
        where: { id: contactId },
        data: { personId },
        include: contactInclude,
      });
      return toContact(row);
    },
    async setLocale(contactId, locale) {
      await prisma.contact.update({ where: { id: contactId }, data: { locale } });
    },
    async setUnreachable(contactId, unreachable) {
      await prisma.contact.update({
        where: { id: contactId },
        data: { unreachableAt: unreachable?.at ?? null, unreachableWhy: unreachable?.reason ?? null },
      });
    },
    async recordInbound(contactId, at) {
      await prisma.contact.updateMany({
        where: { id: contactId, OR: [{ lastInboundAt: null }, { lastInboundAt: { lt: at } }] },
        data: { lastInboundAt: at },
      });
    },
    async findOrganization(id) {
      const row = await prisma.organization.findUnique({ where: { id } });
      return row ? { id: row.id, name: row.name, key: row.key } : null;
    },
    async findOrganizationByKey(key) {
      const row = await prisma.organization.findUnique({ where: { key } });
      return row ? { id: row.id, name: row.name, key: row.key } : null;
    },
  };
};
