import type { Channel } from "../ticket/channel.js";
import type { EventKind } from "../ticket/ticket.js";

export interface DossierAttachment {
  readonly id: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly storageKey: string;
}

export interface DossierEvent {
  readonly id: string;
  readonly kind: EventKind;
  readonly actor: { readonly kind: "REQUESTER" | "AGENT" | "SYSTEM"; readonly name: string };
  /** True when the contact wrote it. */
  readonly byContact: boolean;
  readonly body: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly at: Date;
  readonly attachments: readonly DossierAttachment[];
}

export interface DossierTicket {
  readonly id: string;
  readonly number: number;
  readonly subject: string;
  readonly status: string;
  readonly priority: string;
  readonly department: string;
  readonly type: string;
  readonly channel: Channel;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
  readonly rating: { readonly score: number; readonly comment: string | null } | null;
  /** The public history: internal notes of agents are not part of it. */
  readonly events: readonly DossierEvent[];
}

/** Everything stored about one contact (one identity on one channel), as the store holds it. */
export interface ContactDossier {
  readonly contact: {
    readonly id: string;
    readonly channel: Channel;
    readonly platformUserId: string;
    readonly displayName: string;
    readonly locale: string | null;
    readonly createdAt: Date;
    readonly lastInboundAt: Date | null;
    readonly unreachable: { readonly at: Date; readonly reason: string } | null;
  };
  readonly person: {
    readonly id: string;
    readonly name: string;
    readonly role: string;
    readonly registered: boolean;
    readonly createdAt: Date;
  };
  readonly organization: { readonly id: string; readonly key: string; readonly name: string };
  /** The person's identities on other channels (linked contacts). */
  readonly linkedIdentities: readonly {
    readonly id: string;
    readonly channel: Channel;
    readonly platformUserId: string;
    readonly displayName: string;
  }[];
  readonly tickets: readonly DossierTicket[];
  /** Chat flows the contact left unfinished. */
  readonly abandonedFlows: readonly {
    readonly flow: string;
    readonly step: string;
    readonly reason: string;
    readonly at: Date;
  }[];
  /** Files received in a chat flow and not yet part of a ticket. */
  readonly parkedFiles: readonly { readonly storageKey: string; readonly size: number; readonly at: Date }[];
}

/** What erasing a contact left to do outside the database: the bytes of these files, if unreferenced. */
export interface ScrubbedContact {
  readonly storageKeys: readonly string[];
  /** Tickets the contact opened: their numbers, statuses and timings were kept. */
  readonly tickets: number;
  /** Outbox items to or about the contact that were still waiting, now cancelled. */
  readonly cancelledOutbox: number;
}

/**
 * A person's data as the store holds it, for access (export) and erasure requests. Erasure is a
 * scrub, not a delete: identifiers and the contact's own text are replaced by tombstones, tickets
 * keep their numbers, statuses, timings and agents' notes.
 */
export interface PersonalDataStore {
  dossier(contactId: string): Promise<ContactDossier | null>;
  /**
   * Starts (or finds started) the erasure of a contact: recorded before anything changes, so a run
   * that dies is found and finished by the next. Returns null for an unknown contact.
   */
  beginErasure(contactId: string, at: Date): Promise<{ readonly completedAt: Date | null } | null>;
  /**
   * In one transaction: tombstones the contact's identity and text, deletes their attachments' and
   * parked files' rows, cancels and empties outbox items to or about them, drops their requester
   * threads. Running it again changes nothing more. The storage keys are kept with the erasure
   * until it completes, so a rerun after a crash still knows which bytes to delete.
   */
  scrub(contactId: string): Promise<ScrubbedContact>;
  completeErasure(contactId: string, at: Date): Promise<void>;
  /** Erasures begun and not completed (their process died), oldest first. */
  unfinishedErasures(limit: number): Promise<string[]>;
}

/** What replaces erased text and names. */
export const ERASED = "[erased]";
