import type { TicketStatus } from "./status.js";
import { TICKET_STATUSES } from "./status.js";
import type { TicketEvent } from "./ticket.js";

export type TimeInStatus = Readonly<Record<TicketStatus, number>>;

/**
 * Milliseconds spent in each status, replayed from the STATUS_CHANGED events of the history
 * (every ticket starts NEW at creation). The current status counts up to `now`.
 */
export const timeInStatus = (createdAt: Date, events: readonly TicketEvent[], now: Date): TimeInStatus => {
  const totals = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  let current: TicketStatus = "NEW";
  let since = createdAt.getTime();
  const changes = events
    .filter((e) => e.kind === "STATUS_CHANGED" && e.to !== null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const change of changes) {
    const at = change.createdAt.getTime();
    totals[current] += Math.max(0, at - since);
    current = change.to as TicketStatus;
    since = at;
  }
  totals[current] += Math.max(0, now.getTime() - since);
  return totals;
};
