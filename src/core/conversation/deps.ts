import type { AttachmentRules } from "../attachments/rules.js";
import type { ContactAccess } from "../contacts/invitations.js";
import type { WorkingCalendar } from "../hours/calendar.js";
import type { Lang } from "../i18n/lang.js";
import type { AbandonedFlowLog } from "../ports/abandoned-flows.js";
import type { BlobStore } from "../ports/blob-store.js";
import type { Clock } from "../ports/clock.js";
import type { ContentInspector } from "../ports/content-inspector.js";
import type { DirectoryRepository } from "../ports/directory.js";
import type { KnowledgeBase } from "../ports/knowledge-base.js";
import type { Outbox } from "../ports/outbox.js";
import type { ParkedFiles } from "../ports/parked-files.js";
import type { TurnStore } from "../ports/turn-store.js";
import type { Channel } from "../ticket/channel.js";
import type { TicketService } from "../ticket/service.js";
import type { Taxonomy } from "../ticket/taxonomy.js";

/** `open`: anyone may open tickets (an organization per contact, or the group's). `registered`: only contacts an agent registered. */
export const ACCESS_POLICIES = ["open", "registered"] as const;
export type AccessPolicy = (typeof ACCESS_POLICIES)[number];

export interface ConversationSettings {
  readonly accessPolicy: AccessPolicy;
  /** A flow idle this long ends; the session store's TTL is the same. */
  readonly idleMinutes: number;
  /** Dates shown to contacts are in this IANA zone. */
  readonly timeZone: string;
  readonly defaultLang: Lang;
  /** How long a handled message is remembered, unless its channel asks for longer. */
  readonly rememberMs: number;
}

/** pino's call shape, so the app passes its logger as is. */
export interface ConversationLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ConversationDeps {
  readonly service: TicketService;
  readonly directory: DirectoryRepository;
  /** Activates invited contacts when they send their code (Telegram's /start CODE, or the code as text). */
  readonly contacts?: Pick<ContactAccess, "activate">;
  /** Sessions, the per-contact lock and handled messages, read and written together per turn. */
  readonly turns: TurnStore;
  readonly abandoned: AbandonedFlowLog;
  readonly outbox: Outbox;
  /** Attachments received mid-flow wait here (content-addressed) until the ticket is confirmed. */
  readonly blobs: BlobStore;
  /** The flows' references to those bytes: what the quota counts, and what lets them be deleted. */
  readonly parked: ParkedFiles;
  readonly inspector: ContentInspector;
  readonly attachmentRules: AttachmentRules;
  readonly taxonomy: Taxonomy;
  /** Articles suggested before a ticket is opened; without it nothing is suggested. */
  readonly knowledge?: KnowledgeBase;
  readonly clock: Clock;
  readonly settings: ConversationSettings;
  readonly logger?: ConversationLogger;
  /** Business hours: outside them a contact hears once per conversation when support opens again. */
  readonly awayHours?: Pick<WorkingCalendar, "isOpen" | "nextOpening" | "hours">;
  /** Told each time something a person sent is refused (reason as in refusalReasons, or UNREADABLE). */
  readonly onRefused?: (channel: Channel, reason: string) => void;
  /**
   * A signed, short-lived link to the contact's own tickets in the web console ("abrir no
   * navegador"); absent when the service has no console.
   */
  readonly webLink?: (contactId: string) => { readonly url: string; readonly minutes: number };
}
