import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketLinks } from "../../src/core/ports/ticket-links.js";
import type { Ticket } from "../../src/core/ticket/ticket.js";
import { buildService, type Repositories, validTicket } from "../support/core-harness.js";

/** Where tickets live on the platforms, the same on every store. */
export const ticketLinksContract = (
  name: string,
  open: () => Promise<{ links: TicketLinks; repositories: Repositories }>,
) => {
  describe(`ticket links contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    let links: TicketLinks;
    let tickets: Ticket[];

    beforeAll(async () => {
      store = await open();
      links = store.links;
      const h = await buildService(store.repositories);
      const { actor, identity } = await h.requester();
      tickets = [];
      for (let i = 0; i < 3; i++) {
        const created = await h.service.create(actor, identity, validTicket());
        if (!created.ok) throw new Error("ticket not created");
        tickets.push(created.value.ticket);
      }
    });
    afterAll(async () => {
      await store?.repositories.close();
    });

    it("records a ticket's root and finds the ticket by it, channel and role apart", async () => {
      const [a, b] = tickets;
      await links.set(a!.id, "SLACK", "AGENTS_ROOT", { conversation: "C1", message: "1.000001" });
      await links.set(a!.id, "SLACK", "REQUESTER_THREAD", { conversation: "D1", message: "1.000002" });
      await links.set(b!.id, "SLACK", "AGENTS_ROOT", { conversation: "C1", message: "1.000003" });
      expect(await links.get(a!.id, "SLACK", "AGENTS_ROOT")).toEqual({
        conversation: "C1",
        message: "1.000001",
      });
      expect(await links.get(a!.id, "TELEGRAM", "AGENTS_ROOT")).toBeNull();
      expect(
        await links.findTicket("SLACK", "AGENTS_ROOT", { conversation: "C1", message: "1.000003" }),
      ).toEqual({
        id: b!.id,
        number: b!.number,
      });
      expect(
        await links.findTicket("SLACK", "REQUESTER_THREAD", { conversation: "C1", message: "1.000001" }),
      ).toBeNull();
      expect(
        await links.findTicket("SLACK", "AGENTS_ROOT", { conversation: "C2", message: "1.000001" }),
      ).toBeNull();
    });

    it("replaces a root posted again, and the old message no longer leads to the ticket", async () => {
      const [, , c] = tickets;
      await links.set(c!.id, "SLACK", "AGENTS_ROOT", { conversation: "C9", message: "2.000001" });
      await links.set(c!.id, "SLACK", "AGENTS_ROOT", { conversation: "C9", message: "2.000002" });
      expect(await links.get(c!.id, "SLACK", "AGENTS_ROOT")).toEqual({
        conversation: "C9",
        message: "2.000002",
      });
      expect(
        await links.findTicket("SLACK", "AGENTS_ROOT", { conversation: "C9", message: "2.000001" }),
      ).toBeNull();
      expect(
        (await links.findTicket("SLACK", "AGENTS_ROOT", { conversation: "C9", message: "2.000002" }))?.id,
      ).toBe(c!.id);
    });

    it("refuses one message as the root of two tickets", async () => {
      const [a, b] = tickets;
      await expect(
        links.set(b!.id, "SLACK", "REQUESTER_THREAD", { conversation: "D1", message: "1.000002" }),
      ).rejects.toThrow();
      expect(
        (await links.findTicket("SLACK", "REQUESTER_THREAD", { conversation: "D1", message: "1.000002" }))
          ?.id,
      ).toBe(a!.id);
    });

    it("reads the links of several tickets at once, leaving out the unlinked", async () => {
      const [a, b] = tickets;
      const found = await links.many(
        [a!.id, b!.id, "00000000-0000-4000-8000-000000000000"],
        "SLACK",
        "AGENTS_ROOT",
      );
      expect([...found.keys()].sort()).toEqual([a!.id, b!.id].sort());
      expect(found.get(b!.id)).toEqual({ conversation: "C1", message: "1.000003" });
      expect(await links.many([], "SLACK", "AGENTS_ROOT")).toEqual(new Map());
    });
  });
};
