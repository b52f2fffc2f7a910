import type { ContactRecord, OrganizationRecord, PersonRecord } from "../../../core/ports/directory.js";
import type {
  ContactSummary,
  DirectoryListing,
  ListingQuery,
  OrganizationSummary,
} from "../../../core/ports/directory-listing.js";
import type { Page } from "../../../core/ports/ticket-repository.js";
import { listingCursor } from "../listing-cursor.js";

const pageOf = <T extends { id: string }>(
  rows: T[],
  nameOf: (row: T) => string,
  query: ListingQuery,
): Page<T> => {
  const after = listingCursor.decode(query.cursor);
  const sorted = rows
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b), "en") || a.id.localeCompare(b.id))
    .filter(
      (r) =>
        !after ||
        nameOf(r).localeCompare(after.name, "en") > 0 ||
        (nameOf(r) === after.name && r.id.localeCompare(after.id) > 0),
    );
  const items = sorted.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: sorted.length > query.limit && last ? listingCursor.encode(nameOf(last), last.id) : null,
  };
};

/** The memory directory's rows, listed as the admin page reads them. */
export const createMemoryDirectoryListing = (rows: {
  organizations: () => readonly OrganizationRecord[];
  people: () => readonly PersonRecord[];
  contacts: () => readonly ContactRecord[];
}): DirectoryListing => ({
  async listOrganizations(query) {
    const people = rows.people();
    const orgs: OrganizationSummary[] = rows.organizations().map((o) => ({
      id: o.id,
      key: o.key,
      name: o.name,
      people: people.filter((p) => p.organizationId === o.id).length,
    }));
    return pageOf(orgs, (o) => o.name, query);
  },
  async listContacts(query) {
    const orgs = new Map(rows.organizations().map((o) => [o.id, o]));
    const contacts: ContactSummary[] = rows
      .contacts()
      .filter((c) => !query.organizationId || c.person.organizationId === query.organizationId)
      .map((c) => ({
        id: c.id,
        channel: c.channel,
        displayName: c.displayName,
        personName: c.person.name,
        role: c.person.role,
        registered: c.person.registered,
        organizationId: c.person.organizationId,
        organizationName: orgs.get(c.person.organizationId)?.name ?? "",
        lastInboundAt: c.lastInboundAt,
        unreachable: c.unreachable !== null,
        deactivatedAt: c.deactivatedAt,
      }));
    return pageOf(contacts, (c) => c.displayName, query);
  },
});
