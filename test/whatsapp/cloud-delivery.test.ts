import { afterAll, beforeAll, expect, it } from "vitest";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { agent } from "../support/core-harness.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { CLOUD, type CloudHarness, startCloudHarness } from "./support/cloud-harness.js";
import { HOUR } from "./support/offset-clock.js";

const BRUNO = { waId: "5511912345678", name: "Bruno" };
const TICKET = formatTicketId(1);

describeWith(
  { pg: true },
  "WhatsApp Cloud API channel: notifications, statuses and the 24-hour window",
  () => {
    let h: CloudHarness;

    const texts = () =>
      h.graph
        .messagesTo(BRUNO.waId)
        .map((m) => (m.type === "template" ? "<template>" : JSON.stringify(m.body)));
    const templates = () => h.graph.messagesTo(BRUNO.waId).filter((m) => m.type === "template");
    const replyItem = (body: string) =>
      h.db.db.prisma.outboxItem.findFirstOrThrow({
        where: { kind: "agent_reply", payload: { path: ["body"], equals: body } },
      });
    const stateOf = async (body: string) => (await replyItem(body)).state;
    const agentReplies = async (body: string) => {
      const replied = await h.wa.service.core.service.reply(agent, TICKET, { message: body });
      expect(replied.ok).toBe(true);
    };
    const sentIndex = (fragment: string) => texts().findIndex((t) => t.includes(fragment));

    beforeAll(async () => {
      h = await startCloudHarness();
      const opened = await h.openTicket(BRUNO, {
        subject: "Nota fiscal rejeitada",
        department: "Técnico",
        message: "A Sefaz rejeita a nota 1234.",
      });
      expect(opened).toContain(`Chamado ${TICKET} aberto!`);
    });
    afterAll(async () => {
      await h?.close();
    });

    it("records statuses out of order and repeated, never moving read back to delivered", async () => {
      await agentReplies("Recebemos a nota, estamos analisando.");
      await waitFor(
        async () => (await stateOf("Recebemos a nota, estamos analisando.")) === "DELIVERED",
        "the reply delivered",
      );
      const item = await replyItem("Recebemos a nota, estamos analisando.");
      const wamid = h.graph.messagesTo(BRUNO.waId).at(-1)!.wamid;
      expect(item.platformMessageId).toBe(wamid);
      expect(h.lastTo(BRUNO)).toContain(
        `💬 ${TICKET} — resposta de Ana Agent:\nRecebemos a nota, estamos analisando.`,
      );

      const receipt = async () =>
        (await h.db.db.prisma.outboxItem.findUniqueOrThrow({ where: { id: item.id } })).receipt;
      const at = h.clock.now();
      await h.post(h.hooks.status(wamid, "delivered", at, BRUNO.waId));
      expect(await receipt()).toBe("DELIVERED");
      for (const status of ["read", "delivered", "sent", "read", "delivered"] as const) {
        await h.post(h.hooks.status(wamid, status, at, BRUNO.waId));
      }
      expect(await receipt()).toBe("READ");
    });

    it("outside the 24-hour window sends the template once, holds the notifications, and delivers them in order after the reply", async () => {
      h.clock.advance(25 * HOUR);
      await agentReplies("Pode enviar o XML da nota?");
      await waitFor(() => templates().length === 1, "the template");
      // The worker holds the item after Meta accepted the template, so the hold may land a moment later.
      await waitFor(async () => (await stateOf("Pode enviar o XML da nota?")) === "HELD", "the reply held");
      expect(templates()[0]!.body).toMatchObject({
        type: "template",
        template: { name: CLOUD.template, language: { code: "pt_BR" } },
      });
      await agentReplies("Sem o XML não conseguimos seguir.");

      // Held: nothing else reaches Bruno, however often the worker looks.
      for (let i = 0; i < 5; i++) await h.wa.service.worker.runOnce();
      expect(templates()).toHaveLength(1);
      expect(sentIndex("Pode enviar o XML")).toBe(-1);
      const held = await replyItem("Pode enviar o XML da nota?");
      expect(held.state).toBe("HELD");
      expect(held.lastError).toMatch(/^outside the 24-hour window/);

      const before = h.graph.messagesTo(BRUNO.waId).length;
      await h.exchange(
        BRUNO,
        "[Continuar] (template button)",
        h.hooks.templateButton(BRUNO, h.clock.now(), "Continuar"),
      );
      await waitFor(
        async () => (await stateOf("Sem o XML não conseguimos seguir.")) === "DELIVERED",
        "both replies delivered",
      );
      const after = texts().slice(before);
      expect(after).toHaveLength(2);
      expect(after[0]).toContain("Pode enviar o XML da nota?");
      expect(after[1]).toContain("Sem o XML não conseguimos seguir.");
    });

    it("takes the template way again when Meta reports 131047 after accepting a message", async () => {
      const templatesBefore = templates().length;
      await agentReplies("Recebido, obrigado!");
      await waitFor(
        async () => (await stateOf("Recebido, obrigado!")) === "DELIVERED",
        "delivered as far as Meta first said",
      );
      const wamid = h.graph.messagesTo(BRUNO.waId).at(-1)!.wamid;

      await h.post(
        h.hooks.status(wamid, "failed", h.clock.now(), BRUNO.waId, {
          code: 131047,
          title: "Re-engagement message",
        }),
      );
      await waitFor(() => templates().length === templatesBefore + 1, "a new template");
      // The worker holds the item after Meta accepted the template, so the hold may land a moment later.
      await waitFor(async () => (await stateOf("Recebido, obrigado!")) === "HELD", "the reply held");
      // The same report again changes nothing.
      await h.post(
        h.hooks.status(wamid, "failed", h.clock.now(), BRUNO.waId, {
          code: 131047,
          title: "Re-engagement message",
        }),
      );

      await h.say(BRUNO, "ok");
      await waitFor(
        async () => (await stateOf("Recebido, obrigado!")) === "DELIVERED",
        "delivered after the reply",
      );
      expect(texts().filter((t) => t.includes("Recebido, obrigado!"))).toHaveLength(2);
      expect(templates()).toHaveLength(templatesBefore + 1);
    });

    it("takes the template way when the Graph API refuses a message with 131047 at once", async () => {
      const templatesBefore = templates().length;
      h.graph.fail(
        { status: 400, code: 131047, title: "Re-engagement message" },
        { match: (m) => m.to === BRUNO.waId && m.type === "text" },
      );
      await agentReplies("Nota reprocessada.");
      await waitFor(() => templates().length === templatesBefore + 1, "a new template");
      // Held just after Meta accepted the template; the supplier answers once the hold is recorded, so
      // this test sees the release (cloud-window-race.test.ts covers an answer that comes sooner).
      await waitFor(async () => (await stateOf("Nota reprocessada.")) === "HELD", "the reply held");
      expect(sentIndex("Nota reprocessada.")).toBe(-1);
      await h.say(BRUNO, "obrigado");
      await waitFor(
        async () => (await stateOf("Nota reprocessada.")) === "DELIVERED",
        "delivered after the reply",
      );
      expect(sentIndex("Nota reprocessada.")).toBeGreaterThan(texts().lastIndexOf("<template>"));
    });

    it("fails the notification for good, tells the agents and marks the contact when Meta says the number cannot receive it", async () => {
      await agentReplies("Última tentativa de contato.");
      await waitFor(
        async () => (await stateOf("Última tentativa de contato.")) === "DELIVERED",
        "accepted by Meta",
      );
      const wamid = h.graph.messagesTo(BRUNO.waId).at(-1)!.wamid;
      await h.post(
        h.hooks.status(wamid, "failed", h.clock.now(), BRUNO.waId, {
          code: 131026,
          title: "Message undeliverable",
        }),
      );

      await waitFor(
        async () => (await stateOf("Última tentativa de contato.")) === "FAILED",
        "failed for good",
      );
      const item = await replyItem("Última tentativa de contato.");
      expect(item.lastError).toContain("131026");
      const contact = await h.db.db.prisma.contact.findFirstOrThrow({
        where: { platformUserId: BRUNO.waId },
      });
      expect(contact.unreachableAt).not.toBeNull();
      expect(await h.db.db.prisma.ticketEvent.count({ where: { kind: "DELIVERY_FAILED" } })).toBe(1);
    });
  },
);
