import type { DirectoryListing, ListingQuery } from "../../../core/ports/directory-listing.js";
import { listingCursor } from "../listing-cursor.js";
import type { PrismaClient } from "./client.js";

/** After the cursor's row in (name, id) order; names compare as the database's collation does. */
const after = (field: "name" | "displayName", query: ListingQuery) => {
  const c = listingCursor.decode(query.cursor);
  return c ? { OR: [{ [field]: { gt: c.name } }, { [field]: c.name, id: { gt: c.id } }] } : {};
};

export const createPrismaDirectoryListing = (prisma: PrismaClient): DirectoryListing => ({
  async listOrganizations(query) {
    const rows = await prisma.organization.findMany({
      where: after("name", query),
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: query.limit + 1,
      include: { _count: { select: { people: true } } },
    });
    const items = rows
      .slice(0, query.limit)
      .map((o) => ({ id: o.id, key: o.key, name: o.name, people: o._count.people }));
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? listingCursor.encode(last.name, last.id) : null,
    };
  },
  async listContacts(query) {
    const rows = await prisma.contact.findMany({
      where: {
        ...after("displayName", query),
        ...(query.organizationId ? { person: { organizationId: query.organizationId } } : {}),
      },
      orderBy: [{ displayName: "asc" }, { id: "asc" }],
      take: query.limit + 1,
      include: { person: { include: { organization: true } } },
    });
    const items = rows.slice(0, query.limit).map((c) => ({
      id: c.id,
      channel: c.channel,
      displayName: c.displayName,
      personName: c.person.name,
      role: c.person.role,
      registered: c.person.registered,
      organizationId: c.person.organizationId,
      organizationName: c.person.organization.name,
      lastInboundAt: c.lastInboundAt,
      unreachable: c.unreachableAt !== null,
      deactivatedAt: c.deactivatedAt,
    }));
    const last = items.at(-1);
    return {
      items,
      nextCursor: rows.length > query.limit && last ? listingCursor.encode(last.displayName, last.id) : null,
    };
  },
});
