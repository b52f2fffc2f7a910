import type { Channel } from "../ticket/channel.js";

export type PersonRole = "MEMBER" | "ORG_ADMIN";

export interface PersonRecord {
  readonly id: string;
  readonly name: string;
  readonly organizationId: string;
  readonly role: PersonRole;
  readonly registered: boolean;
}

export interface ContactRecord {
  readonly id: string;
  readonly channel: Channel;
  readonly platformUserId: string;
  readonly displayName: string;
  readonly locale: string | null;
  readonly unreachable: { readonly at: Date; readonly reason: string } | null;
  /** Last message received from this contact (WhatsApp's 24-hour customer-service window starts here). */
  readonly lastInboundAt: Date | null;
  /** Deactivated by an agent: refused in chat (with a sentence saying so) until activated again. */
  readonly deactivatedAt: Date | null;
  readonly person: PersonRecord;
}

export interface OrganizationRecord {
  readonly id: string;
  readonly name: string;
  readonly key: string;
}

export interface EnsureContact {
  readonly channel: Channel;
  readonly platformUserId: string;
  readonly displayName: string;
  /** Matched by key, created with this name when missing. */
  readonly organization: { readonly key: string; readonly name: string };
  readonly registered: boolean;
  readonly role?: PersonRole;
  readonly locale?: string | null;
}

/** Contacts (one per channel identity), the people behind them and their organizations. */
export interface DirectoryRepository {
  findContact(channel: Channel, platformUserId: string): Promise<ContactRecord | null>;
  findContactById(id: string): Promise<ContactRecord | null>;
  /** Creates what is missing; an existing contact keeps its person and organization (registration upgrades it). */
  ensureContact(input: EnsureContact): Promise<ContactRecord>;
  /** Moves a contact to another person, so several channel identities share one requester. */
  linkContact(contactId: string, personId: string): Promise<ContactRecord>;
  setLocale(contactId: string, locale: string): Promise<void>;
  setUnreachable(contactId: string, unreachable: { at: Date; reason: string } | null): Promise<void>;
  /** Deactivates (`at`) or activates again (null); the contact as it is now, null when there is none. */
  setDeactivated(contactId: string, at: Date | null): Promise<ContactRecord | null>;
  /**
   * Makes the person behind a contact their organization's admin (or a member again); the role is the
   * person's, so it holds for all of their contacts. The contact as it is now, null when there is none.
   */
  setPersonRole(contactId: string, role: PersonRole): Promise<ContactRecord | null>;
  /** The contact wrote at `at`; kept only when later than what is stored. */
  recordInbound(contactId: string, at: Date): Promise<void>;
  findOrganization(id: string): Promise<OrganizationRecord | null>;
  findOrganizationByKey(key: string): Promise<OrganizationRecord | null>;
  /** Organizations by key, at most `limit`. */
  listOrganizations(limit: number): Promise<readonly OrganizationRecord[]>;
  /** Contacts by channel and platform id, of one organization when given, at most `limit`. */
  listContacts(filter: {
    readonly organizationId?: string;
    readonly limit: number;
  }): Promise<readonly ContactRecord[]>;
}
