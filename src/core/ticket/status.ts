/** Detailed statuses, as agents see them. The Prisma enum TicketStatus mirrors this list. */
export const TICKET_STATUSES = [
  "NEW",
  "IN_PROGRESS",
  "ESCALATED",
  "WAITING_ON_REQUESTER",
  "SOLVED",
  "ABANDONED",
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** What suppliers see. */
export const PUBLIC_STATUSES = ["OPEN", "ANSWERED", "CLOSED"] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export const PUBLIC_STATUS_OF: Readonly<Record<TicketStatus, PublicStatus>> = {
  NEW: "OPEN",
  IN_PROGRESS: "OPEN",
  ESCALATED: "OPEN",
  WAITING_ON_REQUESTER: "ANSWERED",
  SOLVED: "CLOSED",
  ABANDONED: "CLOSED",
};

export const statusesOfPublic = (publicStatus: PublicStatus): TicketStatus[] =>
  TICKET_STATUSES.filter((s) => PUBLIC_STATUS_OF[s] === publicStatus);

export const isClosed = (status: TicketStatus): boolean => PUBLIC_STATUS_OF[status] === "CLOSED";

/**
 * The only place that says which status may follow which. Closed tickets only come back through
 * IN_PROGRESS (requester or agent reopens) or WAITING_ON_REQUESTER (an agent answers a closed ticket).
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  NEW: ["IN_PROGRESS", "ESCALATED", "WAITING_ON_REQUESTER", "SOLVED", "ABANDONED"],
  IN_PROGRESS: ["ESCALATED", "WAITING_ON_REQUESTER", "SOLVED", "ABANDONED"],
  ESCALATED: ["IN_PROGRESS", "WAITING_ON_REQUESTER", "SOLVED", "ABANDONED"],
  WAITING_ON_REQUESTER: ["IN_PROGRESS", "ESCALATED", "SOLVED", "ABANDONED"],
  SOLVED: ["IN_PROGRESS", "WAITING_ON_REQUESTER"],
  ABANDONED: ["IN_PROGRESS", "WAITING_ON_REQUESTER"],
};

export const canTransition = (from: TicketStatus, to: TicketStatus): boolean =>
  TRANSITIONS[from].includes(to);
