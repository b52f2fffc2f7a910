import type { Channel } from "../ticket/channel.js";
import type { PersonRole } from "./directory.js";
import type { Page } from "./ticket-repository.js";

export interface OrganizationSummary {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly people: number;
}

export interface ContactSummary {
  readonly id: string;
  readonly channel: Channel;
  readonly displayName: string;
  readonly personName: string;
  readonly role: PersonRole;
  readonly registered: boolean;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly lastInboundAt: Date | null;
  readonly unreachable: boolean;
  /** Set while an agent has the contact switched off. */
  readonly deactivatedAt: Date | null;
}

/** Pages of a listing by name: `cursor` is the last page's nextCursor. */
export interface ListingQuery {
  readonly limit: number;
  readonly cursor?: string;
  readonly organizationId?: string;
}

/**
 * The directory as the console's admin page reads it, a page at a time in name order. Apart from
 * DirectoryRepository (which every chat turn uses and instances cache), so listing never touches
 * the contact cache.
 */
export interface DirectoryListing {
  listOrganizations(query: ListingQuery): Promise<Page<OrganizationSummary>>;
  listContacts(query: ListingQuery): Promise<Page<ContactSummary>>;
}
