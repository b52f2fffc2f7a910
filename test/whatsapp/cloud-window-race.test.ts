import { afterAll, beforeAll, expect, it } from "vitest";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { agent } from "../support/core-harness.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { type CloudHarness, startCloudHarness } from "./support/cloud-harness.js";
import { HOUR } from "./support/offset-clock.js";

const BRUNO = { waId: "5511987654321", name: "Bruno" };
const TICKET = formatTicketId(1);

describeWith(
  { pg: true },
  "WhatsApp Cloud API: the supplier writes while the 24-hour window's template is on its way",
  () => {
    let h: CloudHarness;

    beforeAll(async () => {
      h = await startCloudHarness();
      const opened = await h.openTicket(BRUNO, {
        subject: "Boleto em duplicidade",
        department: "Comercial",
        message: "Recebi dois boletos do mesmo pedido.",
      });
      expect(opened).toContain(`Chamado ${TICKET} aberto!`);
    });
    afterAll(async () => {
      await h?.close();
    });

    it("delivers the reply at once instead of holding it until the next recheck", async () => {
      h.clock.advance(25 * HOUR);
      const templates = h.graph.pause((m) => m.type === "template");
      const replied = await h.wa.service.core.service.reply(agent, TICKET, {
        message: "Cancelamos o segundo boleto.",
      });
      expect(replied.ok).toBe(true);
      // The worker judged the window closed and is sending the template; Meta has not answered yet.
      await waitFor(() => templates.waiting() === 1, "the template on its way");

      // Bruno writes in that moment: the window opens again, and nothing is held yet to release.
      await h.say(BRUNO, "oi, alguma novidade?");
      templates.release();

      const texts = () => h.graph.messagesTo(BRUNO.waId).map((m) => JSON.stringify(m.body));
      await waitFor(
        () => texts().some((t) => t.includes("Cancelamos o segundo boleto.")),
        "the reply delivered without waiting for the hourly recheck",
      );
      const item = await h.db.db.prisma.outboxItem.findFirstOrThrow({
        where: { kind: "agent_reply", payload: { path: ["body"], equals: "Cancelamos o segundo boleto." } },
      });
      await waitFor(
        async () =>
          (await h.db.db.prisma.outboxItem.findUniqueOrThrow({ where: { id: item.id } })).state ===
          "DELIVERED",
        "the reply recorded as delivered",
      );
      expect(h.graph.messagesTo(BRUNO.waId).filter((m) => m.type === "template")).toHaveLength(1);
    });
  },
);
