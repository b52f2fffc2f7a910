import { describe, expect, it } from "vitest";
import { ownershipBlock, ticketOfOwnershipBlock } from "../../src/adapters/slack/tools/ownership-block.js";
import { openedTicket } from "../../src/core/ticket/opened-ticket.js";
import type { Ticket } from "../../src/core/ticket/ticket.js";

const ticket = (assignee: Ticket["assignee"]): Ticket => ({
  ...openedTicket(
    {
      id: "00000000-0000-4000-8000-000000000001",
      subject: "VPN",
      department: "technical",
      priority: "MEDIUM",
      type: "support",
      channel: "TELEGRAM",
      requester: { contactId: "c", personId: "p", channel: "TELEGRAM", displayName: "Ana" },
      organizationId: "o",
      createdAt: new Date("2026-03-02T12:00:00Z"),
      sourceKey: null,
      openingMessage: {
        kind: "MESSAGE",
        actor: { kind: "REQUESTER", id: "c", name: "Ana" },
        body: "x",
        from: null,
        to: null,
        createdAt: new Date("2026-03-02T12:00:00Z"),
      },
      outbox: () => [],
    },
    7,
  ),
  assignee,
});

type Row = { block_id: string; elements: Record<string, unknown>[] };
const rowOf = (t: Ticket, lang: "en" | "pt-BR") => ownershipBlock(t, lang) as unknown as Row;

describe("the root message's ownership row", () => {
  it("preselects a Slack owner, never an id set through the API that is not one", () => {
    const owned = rowOf(ticket({ id: "slack:U0AGENT", name: "Carla" }), "en");
    expect(owned.elements[0]!.initial_user).toBe("U0AGENT");
    expect(owned.elements.map((e) => e.action_id)).toEqual([
      "ticket_assign_to",
      "ticket_take_over",
      "ticket_unassign",
    ]);
    expect(ticketOfOwnershipBlock(owned.block_id)).toBe(7);
    for (const id of ["slack:U1> <!here", "cli:ana", "api:x"]) {
      const row = rowOf(ticket({ id, name: "x" }), "pt-BR");
      expect(row.elements[0]!.initial_user).toBeUndefined();
    }
    const free = rowOf(ticket(null), "pt-BR");
    expect(free.elements.map((e) => e.action_id)).toEqual(["ticket_assign_to"]);
    expect(ticketOfOwnershipBlock("ticket_owner_x_v1")).toBeNull();
  });
});
