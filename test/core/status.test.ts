import { describe, expect, it } from "vitest";
import {
  canTransition,
  PUBLIC_STATUS_OF,
  statusesOfPublic,
  TICKET_STATUSES,
  TRANSITIONS,
} from "../../src/core/ticket/status.js";

describe("ticket lifecycle", () => {
  it("maps each detailed status to the public status suppliers see", () => {
    expect(statusesOfPublic("OPEN")).toEqual(["NEW", "IN_PROGRESS", "ESCALATED"]);
    expect(statusesOfPublic("ANSWERED")).toEqual(["WAITING_ON_REQUESTER"]);
    expect(statusesOfPublic("CLOSED")).toEqual(["SOLVED", "ABANDONED"]);
    expect(Object.keys(PUBLIC_STATUS_OF).sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it.each([
    ["NEW", "IN_PROGRESS", true],
    ["NEW", "WAITING_ON_REQUESTER", true],
    ["IN_PROGRESS", "ESCALATED", true],
    ["WAITING_ON_REQUESTER", "IN_PROGRESS", true],
    ["SOLVED", "IN_PROGRESS", true],
    ["ABANDONED", "WAITING_ON_REQUESTER", true],
    ["IN_PROGRESS", "NEW", false],
    ["SOLVED", "ESCALATED", false],
    ["SOLVED", "ABANDONED", false],
    ["ESCALATED", "NEW", false],
  ] as const)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it("never lists a status as its own successor, and nothing goes back to NEW", () => {
    for (const from of TICKET_STATUSES) {
      expect(TRANSITIONS[from]).not.toContain(from);
      expect(TRANSITIONS[from]).not.toContain("NEW");
    }
  });
});
