import { randomUUID } from "node:crypto";
import type { ContactRecord, DirectoryRepository } from "../../../core/ports/directory.js";
import type { Prisma, PrismaClient } from "./client.js";
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
  deactivatedAt: row.deactivatedAt,
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

  /**
   * The organization (found by key, or made), the person and the contact in one statement: a chat's
   * first message pays one round trip for it, not a transaction of seven.
   */
  const createContact: DirectoryRepository["ensureContact"] = async (input) => {
    const ids = { organization: randomUUID(), person: randomUUID(), contact: randomUUID() };
    const role = input.role ?? "MEMBER";
    const locale = input.locale ?? null;
    const now = new Date();
    const rows = await prisma.$queryRaw<{ organization_id: string }[]>`
      WITH org AS (
        INSERT INTO organization (id, name, key, created_at)
        VALUES (${ids.organization}::uuid, ${input.organization.name}, ${input.organization.key}, ${now})
        -- A no-op update, so an existing organization's id comes back too
        ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
        RETURNING id
      ), person AS (
        INSERT INTO person (id, name, organization_id, role, registered, created_at)
        SELECT ${ids.person}::uuid, ${input.displayName}, org.id, ${role}::"PersonRole", ${input.registered}, ${now}
        FROM org
        RETURNING organization_id
      ), contact AS (
        INSERT INTO contact (id, channel, platform_user_id, display_name, person_id, locale, created_at)
        SELECT ${ids.contact}::uuid, ${input.channel}::"Channel", ${input.platformUserId}, ${input.displayName},
               ${ids.person}::uuid, ${locale}, ${now}
        FROM person
        RETURNING id
      )
      SELECT person.organization_id FROM person, contact`;
    const organizationId = rows[0]!.organization_id;
    return {
      id: ids.contact,
      channel: input.channel,
      platformUserId: input.platformUserId,
      displayName: input.displayName,
      locale,
      unreachable: null,
      lastInboundAt: null,
      deactivatedAt: null,
      person: { id: ids.person, name: input.displayName, organizationId, role, registered: input.registered },
    };
  };

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
    async setDeactivated(contactId, at) {
      const { count } = await prisma.contact.updateMany({
        where: { id: contactId },
        data: { deactivatedAt: at },
      });
      if (count === 0) return null;
      const row = await prisma.contact.findUnique({ where: { id: contactId }, include: contactInclude });
      return row ? toContact(row) : null;
    },
    async setPersonRole(contactId, role) {
      const { count } = await prisma.person.updateMany({
        where: { contacts: { some: { id: contactId } } },
        data: { role },
      });
      if (count === 0) return null;
      const row = await prisma.contact.findUnique({ where: { id: contactId }, include: contactInclude });
      return row ? toContact(row) : null;
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
    async listOrganizations(limit) {
      const rows = await prisma.organization.findMany({ orderBy: { key: "asc" }, take: limit });
      return rows.map((row) => ({ id: row.id, name: row.name, key: row.key }));
    },
    async listContacts({ organizationId, limit }) {
      const rows = await prisma.contact.findMany({
        where: organizationId ? { person: { organizationId } } : {},
        include: contactInclude,
        orderBy: [{ channel: "asc" }, { platformUserId: "asc" }],
        take: limit,
      });
      return rows.map(toContact);
    },
  };
};
