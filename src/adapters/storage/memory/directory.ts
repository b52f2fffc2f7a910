import { randomUUID } from "node:crypto";
import type {
  ContactRecord,
  DirectoryRepository,
  OrganizationRecord,
  PersonRecord,
} from "../../../core/ports/directory.js";
import { CHANNELS } from "../../../core/ticket/channel.js";

/** PostgreSQL's order: channels as the enum declares them, then platform ids. */
const byChannelThenId = (a: ContactRecord, b: ContactRecord): number =>
  CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel) ||
  (a.platformUserId < b.platformUserId ? -1 : a.platformUserId > b.platformUserId ? 1 : 0);

import type { DirectoryListing } from "../../../core/ports/directory-listing.js";
import { createMemoryDirectoryListing } from "./directory-listing.js";

/** In-process directory for unit tests and the contract suite; `listing` pages through the same rows. */
export const createMemoryDirectory = (): DirectoryRepository & { readonly listing: DirectoryListing } => {
  const organizations = new Map<string, OrganizationRecord>();
  const people = new Map<string, PersonRecord>();
  const contacts = new Map<string, Omit<ContactRecord, "person"> & { personId: string }>();

  const view = (id: string | undefined): ContactRecord | null => {
    const contact = id ? contacts.get(id) : undefined;
    if (!contact) return null;
    const { personId, ...rest } = contact;
    return { ...rest, person: people.get(personId)! };
  };
  const find = (channel: string, platformUserId: string) =>
    [...contacts.values()].find((c) => c.channel === channel && c.platformUserId === platformUserId);

  return {
    listing: createMemoryDirectoryListing({
      organizations: () => [...organizations.values()],
      people: () => [...people.values()],
      contacts: () => [...contacts.keys()].map((id) => view(id)!),
    }),
    findContact: async (channel, platformUserId) => view(find(channel, platformUserId)?.id),
    findContactById: async (id) => view(id),
    async ensureContact(input) {
      const existing = find(input.channel, input.platformUserId);
      if (existing) {
        const person = people.get(existing.personId)!;
        if (input.registered && !person.registered) {
          people.set(person.id, { ...person, registered: true, role: input.role ?? person.role });
        }
        return view(existing.id)!;
      }
      let organization = [...organizations.values()].find((o) => o.key === input.organization.key);
      if (!organization) {
        organization = { id: randomUUID(), ...input.organization };
        organizations.set(organization.id, organization);
      }
      const person: PersonRecord = {
        id: randomUUID(),
        name: input.displayName,
        organizationId: organization.id,
        role: input.role ?? "MEMBER",
        registered: input.registered,
      };
      people.set(person.id, person);
      const id = randomUUID();
      contacts.set(id, {
        id,
        channel: input.channel,
        platformUserId: input.platformUserId,
        displayName: input.displayName,
        locale: input.locale ?? null,
        unreachable: null,
        lastInboundAt: null,
        deactivatedAt: null,
        personId: person.id,
      });
      return view(id)!;
    },
    async linkContact(contactId, personId) {
      const contact = contacts.get(contactId);
      if (!contact || !people.has(personId)) throw new Error("contact or person not found");
      contacts.set(contactId, { ...contact, personId });
      return view(contactId)!;
    },
    async setLocale(contactId, locale) {
      const contact = contacts.get(contactId);
      if (contact) contacts.set(contactId, { ...contact, locale });
    },
    async setUnreachable(contactId, unreachable) {
      const contact = contacts.get(contactId);
      if (contact) contacts.set(contactId, { ...contact, unreachable });
    },
    async setDeactivated(contactId, at) {
      const contact = contacts.get(contactId);
      if (!contact) return null;
      contacts.set(contactId, { ...contact, deactivatedAt: at });
      return view(contactId);
    },
    async setPersonRole(contactId, role) {
      const contact = contacts.get(contactId);
      if (!contact) return null;
      people.set(contact.personId, { ...people.get(contact.personId)!, role });
      return view(contactId);
    },
    async recordInbound(contactId, at) {
      const contact = contacts.get(contactId);
      if (contact && (contact.lastInboundAt === null || contact.lastInboundAt < at))
        contacts.set(contactId, { ...contact, lastInboundAt: at });
    },
    findOrganization: async (id) => organizations.get(id) ?? null,
    findOrganizationByKey: async (key) => [...organizations.values()].find((o) => o.key === key) ?? null,
    listOrganizations: async (limit) =>
      [...organizations.values()]
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, limit),
    listContacts: async ({ organizationId, limit }) =>
      [...contacts.keys()]
        .map((id) => view(id)!)
        .filter((c) => organizationId === undefined || c.person.organizationId === organizationId)
        .sort((a, b) => byChannelThenId(a, b))
        .slice(0, limit),
  };
};
