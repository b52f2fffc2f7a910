import { describe, expect, it } from "vitest";
import type { TicketEvent } from "../../src/core/ticket/ticket.js";
import { timeInStatus } from "../../src/core/ticket/time-in-status.js";

const t0 = new Date("2026-01-01T00:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const change = (minutes: number, from: string, to: string): TicketEvent => ({
  id: String(minutes),
  ticketId: "t",
  kind: "STATUS_CHANGED",
  actor: { kind: "AGENT", id: "a", name: "a" },
  body: null,
  from,
  to,
  createdAt: at(minutes),
  attachments: [],
});

describe("time in each status", () => {
  it("replays status changes, counting the current status up to now", () => {
    const events = [
      change(10, "NEW", "IN_PROGRESS"),
      change(40, "IN_PROGRESS", "WAITING_ON_REQUESTER"),
      change(100, "WAITING_ON_REQUESTER", "IN_PROGRESS"),
    ];
    const totals = timeInStatus(t0, events, at(130));
    expect(totals).toMatchObject({
      NEW: 10 * 60_000,
      IN_PROGRESS: 60 * 60_000,
      WAITING_ON_REQUESTER: 60 * 60_000,
    });
    expect(totals.SOLVED).toBe(0);
  });

  it("sums repeated visits and ignores event order in the input", () => {
    const events = [change(30, "IN_PROGRESS", "NEW" as never), change(10, "NEW", "IN_PROGRESS")];
    expect(timeInStatus(t0, events, at(50))).toMatchObject({ NEW: 30 * 60_000, IN_PROGRESS: 20 * 60_000 });
  });
});
