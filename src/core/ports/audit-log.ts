/**
 * Administrative and agent actions that are not ticket events, recorded append-only: who (actor),
 * through which door, when, what (action) and to what (target). Entries never carry a person's
 * identifiers or text, only ids: an erased contact leaves entries that name a uuid and nothing else.
 */
export const AUDIT_ACTIONS = [
  "api_key.created",
  "api_key.revoked",
  "contact.registered",
  "contact.linked",
  "contact.invited",
  "contact.deactivated",
  "contact.reactivated",
  "contact.role_changed",
  "contact.exported",
  "contact.erased",
  "config.changed",
  "console.signed_in",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Where the action came in. */
export const AUDIT_DOORS = ["cli", "api", "slack", "telegram", "whatsapp", "console", "system"] as const;
export type AuditDoor = (typeof AUDIT_DOORS)[number];

/** operator: a person at the CLI; api_key: a REST API key; agent: a Slack agent. */
export type AuditActorKind = "operator" | "api_key" | "agent" | "requester" | "system";

export interface AuditActor {
  readonly kind: AuditActorKind;
  readonly id: string;
  readonly name: string;
}

export type AuditTargetKind = "api_key" | "contact" | "person" | "organization" | "config" | "console_user";

export interface AuditTarget {
  readonly kind: AuditTargetKind;
  readonly id: string;
}

/** Small facts about the action (an organization key, a role); never free text from a person. */
export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

export interface NewAuditEntry {
  readonly at: Date;
  readonly actor: AuditActor;
  readonly door: AuditDoor;
  readonly action: AuditAction;
  readonly target: AuditTarget;
  readonly detail?: AuditDetail;
}

export interface AuditEntry extends NewAuditEntry {
  /** Increases with every entry: the order they were recorded in, and the page cursor. */
  readonly id: string;
  readonly detail: AuditDetail;
}

/** What a feature needs to leave a trace: one method. */
export interface AuditLog {
  record(entry: NewAuditEntry): Promise<void>;
}

export interface AuditQuery {
  readonly actorId?: string;
  readonly action?: AuditAction;
  readonly door?: AuditDoor;
  readonly targetKind?: AuditTargetKind;
  readonly targetId?: string;
  readonly from?: Date;
  readonly to?: Date;
  /** Entries recorded before this id (the previous page's last), newest first. */
  readonly before?: string;
  readonly limit: number;
}

/** The log as its readers and its retention see it. */
export interface AuditTrail extends AuditLog {
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEntry[]>;
  /** Deletes at most `limit` entries recorded before `cutoff`, oldest first; returns how many. */
  prune(cutoff: Date, limit: number): Promise<number>;
}
