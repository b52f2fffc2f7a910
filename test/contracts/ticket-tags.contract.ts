import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../../src/core/ticket/ticket.js";
import { agent, buildService, type Repositories, validTicket } from "../support/core-harness.js";

/** Tags on tickets: set through the service, filtered and counted the same on every store. */
export const ticketTagsContract = (name: string, open: () => Promise<Repositories>) => {
  describe(`ticket tags contract: ${name}`, () => {
    let repos: Repositories;
    let h: Awaited<ReturnType<typeof buildService>>;
    beforeAll(async () => {
      repos = await open();
      h = await buildService(repos);
    });
    afterAll(async () => {
      await repos?.close();
    });

    it("stores tags sorted and lowercase, filters by all of them, counts them, hides them from requesters", async () => {
      const { actor, identity } = await h.requester("tags-org");
      const made: Ticket[] = [];
      for (const subject of ["Nota fiscal rejeitada", "VPN caiu de novo", "Boleto duplicado"]) {
        const created = await h.service.create(actor, identity, validTicket({ subject }));
        if (!created.ok) throw new Error("not created");
        made.push(created.value.ticket);
      }
      const [a, b, c] = made.map((t) => `TKT-${String(t.number).padStart(6, "0")}`) as [
        string,
        string,
        string,
      ];
      const setA = await h.service.setTags(agent, a, { tags: ["Fiscal", "urgente", "SEFAZ"] });
      expect(setA.ok && setA.value.tags).toEqual(["fiscal", "sefaz", "urgente"]);
      await h.service.setTags(agent, b, { add: ["vpn", "urgente"] });
      await h.service.setTags(agent, c, { add: ["fiscal"] });
      const removed = await h.service.setTags(agent, a, { remove: ["sefaz"] });
      expect(removed.ok && removed.value.tags).toEqual(["fiscal", "urgente"]);
      expect((await repos.tickets.findByNumber(made[0]!.number))!.tags).toEqual(["fiscal", "urgente"]);

      const listed = async (tags: string[]) =>
        (await h.service.list(agent, { limit: 10, tags, organizationId: made[0]!.organizationId })).items
          .map((t) => t.subject)
          .sort();
      expect(await listed(["urgente"])).toEqual(["Nota fiscal rejeitada", "VPN caiu de novo"]);
      expect(await listed(["fiscal", "urgente"])).toEqual(["Nota fiscal rejeitada"]);
      expect(await listed(["URGENTE"])).toEqual(["Nota fiscal rejeitada", "VPN caiu de novo"]);
      expect(await listed(["nada"])).toEqual([]);
      const searched = await h.service.search(agent, "VPN", { limit: 10, tags: ["urgente"] });
      expect(searched.items.map((t) => t.subject)).toEqual(["VPN caiu de novo"]);

      await h.service.changeStatus(agent, c, { status: "SOLVED" });
      expect(await h.service.tagStats(agent, { organizationId: made[0]!.organizationId })).toEqual([
        { tag: "fiscal", total: 2, notClosed: 1 },
        { tag: "urgente", total: 2, notClosed: 2 },
        { tag: "vpn", total: 1, notClosed: 1 },
      ]);

      // Requesters neither see nor search by tags, nor change them.
      expect(await h.service.tagStats(actor)).toEqual([]);
      const mine = await h.service.detail(actor, a);
      expect(mine.ok && mine.value.ticket.tags).toEqual([]);
      expect(mine.ok && mine.value.events.some((e) => e.kind === "TAGS_CHANGED")).toBe(false);
      expect((await h.service.list(actor, { limit: 10, tags: ["urgente"] })).items).toEqual([]);
      expect(await h.service.setTags(actor, a, { add: ["x"] })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      const agentView = await h.service.detail(agent, a);
      expect(
        agentView.ok && agentView.value.events.filter((e) => e.kind === "TAGS_CHANGED").map((e) => e.to),
      ).toEqual(["fiscal, sefaz, urgente", "fiscal, urgente"]);
      expect(await h.service.setTags(agent, a, { add: ["bad tag!"] })).toMatchObject({
        ok: false,
        error: { code: "VALIDATION_FAILED" },
      });
    });
  });
};
