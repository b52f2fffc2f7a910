import { afterEach, expect, it } from "vitest";
import { actorOf } from "../../src/core/ticket/requester-of.js";
import type { Ticket } from "../../src/core/ticket/ticket.js";
import { waitFor } from "../../testkit/spawn-service.js";
import type { Person } from "../../testkit/telegram-updates.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { renderChat } from "../telegram/support/chat-view.js";
import { agentReply, ticketFor } from "../telegram/support/requester.js";
import {
  AGENT,
  startTelegramService,
  type TelegramTestService,
} from "../telegram/support/telegram-service.js";

const HOUR = 3_600_000;
const ana: Person = { userId: 2101, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const bob: Person = { userId: 2102, firstName: "Bob", languageCode: "en", inGroup: false };

/**
 * The ticket core keeps real time, so a ticket's whole history is moved into the past instead of the
 * clock ahead: the timers then see its current wait as `hours` long when they tick.
 */
const waitedFor = async (t: TelegramTestService, ticket: Ticket, hours: number) => {
  const current = (await t.service.core.tickets.findById(ticket.id))!;
  const shiftMs = current.statusChangedAt.getTime() - (Date.now() - hours * HOUR);
  await t.service.core.db!.prisma.$executeRaw`
    UPDATE ticket SET created_at = created_at - ${shiftMs} * interval '1 millisecond',
      status_changed_at = status_changed_at - ${shiftMs} * interval '1 millisecond',
      sla_paused_since = sla_paused_since - ${shiftMs} * interval '1 millisecond',
      first_response_at = first_response_at - ${shiftMs} * interval '1 millisecond',
      requester_last_msg_at = requester_last_msg_at - ${shiftMs} * interval '1 millisecond'
    WHERE id = ${ticket.id}::uuid`;
};
const statusOf = async (t: TelegramTestService, ticket: Ticket) =>
  (await t.service.core.tickets.findById(ticket.id))!.status;
const lastStatusEvent = async (t: TelegramTestService, ticket: Ticket) =>
  (await t.service.core.tickets.events(ticket.id)).filter((e) => e.kind === "STATUS_CHANGED").at(-1);

describeWith(
  { pg: true },
  "abandoned at triage (TRIAGE_ABANDON_HOURS), through the timers and Telegram",
  () => {
    const running: TelegramTestService[] = [];
    const start = async (env: Record<string, string> = {}, url?: string) => {
      const t = await startTelegramService({ database: url ? { url } : "postgres", env });
      running.push(t);
      return t;
    };
    afterEach(async () => {
      for (const t of running.splice(0).reverse()) await t.stop();
    });

    it("pt-BR: support's first question unanswered for 48 hours closes the ticket as Abandono na triagem, once", async () => {
      const t = await start();
      const chat = () => t.api.messages(ana.userId);
      const { ticket, ref } = await ticketFor(t, ana);
      await agentReply(t, ref, "Qual o número da nota e a mensagem da SEFAZ?");
      await waitFor(() => chat().length >= 1, "the question");

      await waitedFor(t, ticket, 47.9);
      expect((await t.service.timers.tick()).triage_abandon).toBe(0);
      expect(await statusOf(t, ticket)).toBe("WAITING_ON_REQUESTER");

      await waitedFor(t, ticket, 48);
      expect((await t.service.timers.tick()).triage_abandon).toBe(1);
      expect((await t.service.timers.tick()).triage_abandon).toBe(0);
      expect(await statusOf(t, ticket)).toBe("ABANDONED");
      expect(await lastStatusEvent(t, ticket)).toMatchObject({
        from: "WAITING_ON_REQUESTER",
        to: "ABANDONED",
        body: "triage_abandoned",
        actor: { kind: "SYSTEM" },
      });

      t.service.worker.wake();
      await waitFor(() => chat().length >= 2, "the notice");
      expect(renderChat(chat().slice(1))).toBe(
        [
          `🔒 ${ref} «Nota fiscal rejeitada» foi encerrado como abandono na triagem: as perguntas do suporte ficaram sem resposta. Se ainda precisar, é só responder aqui.`,
          "[Ver chamado]",
        ].join("\n"),
      );
      // No rating is asked for a ticket nobody worked on, and it is not counted as solved.
      expect((await t.outboxStates()).filter((s) => s.startsWith("rating_request"))).toEqual([]);
      const stats = await t.service.core.service.stats(AGENT);
      expect(stats.byStatus).toMatchObject({ ABANDONED: 1, SOLVED: 0 });
      const detail = await t.service.core.service.detail(AGENT, ref);
      expect(detail.ok && detail.value.ticket.status).toBe("ABANDONED");
    }, 60_000);

    it("en: a requester who answered once is past triage; auto-close then solves it, and an unanswered one is abandoned", async () => {
      const t = await start({ TRIAGE_ABANDON_HOURS: "0" });
      const chat = () => t.api.messages(bob.userId);
      const answered = await ticketFor(t, bob, "Invoice rejected");
      await agentReply(t, answered.ref, "Which invoice number?");
      const { contact } = answered;
      const back = await t.service.core.service.reply(actorOf(contact), answered.ref, {
        message: "Number 1234.",
      });
      expect(back.ok).toBe(true);
      await agentReply(t, answered.ref, "Please resend it with CFOP 5102.");
      const silent = await ticketFor(t, bob, "Login blocked");
      await agentReply(t, silent.ref, "Which e-mail do you log in with?");
      await waitFor(() => chat().length >= 3, "three replies");

      // Triage is off: two days later neither moved.
      await waitedFor(t, answered.ticket, 50);
      await waitedFor(t, silent.ticket, 50);
      expect((await t.service.timers.tick()).triage_abandon).toBe(0);

      await waitedFor(t, answered.ticket, 7 * 24);
      await waitedFor(t, silent.ticket, 7 * 24);
      expect((await t.service.timers.tick()).auto_close).toBe(2);
      expect(await statusOf(t, answered.ticket)).toBe("SOLVED");
      expect(await statusOf(t, silent.ticket)).toBe("ABANDONED");
      expect(await lastStatusEvent(t, answered.ticket)).toMatchObject({ to: "SOLVED", body: "auto_close" });
      expect(await lastStatusEvent(t, silent.ticket)).toMatchObject({
        to: "ABANDONED",
        body: "triage_abandoned",
      });

      t.service.worker.wake();
      await waitFor(() => chat().length >= 6, "two notices and one rating question");
      const notices = chat()
        .slice(3)
        .map((m) => m.text)
        .sort();
      expect(notices).toEqual(
        [
          `🔒 ${answered.ref} "Invoice rejected" was closed because it went without a reply. If you still need help, just reply here.`,
          `🔒 ${silent.ref} "Login blocked" was closed as abandoned at triage: support's questions went unanswered. If you still need help, just reply here.`,
          `How would you rate the support on ticket ${answered.ref} (Invoice rejected)?`,
        ].sort(),
      );
    }, 60_000);

    it("two instances ticking at once abandon a ticket once and tell the requester once", async () => {
      const first = await start();
      const second = await start({}, first.databaseUrl);
      const { ticket, ref } = await ticketFor(first, ana);
      const replied = await first.service.core.service.reply(AGENT, ref, { message: "Qual a nota?" });
      expect(replied.ok).toBe(true);
      await waitedFor(first, ticket, 49);
      const fired = await Promise.all([first.service.timers.tick(), second.service.timers.tick()]);
      expect(fired.map((f) => f.triage_abandon).sort()).toEqual([0, 1]);
      const notices = await first.service.core.db!.prisma.outboxItem.count({
        where: { ticketId: ticket.id, kind: "status_changed" },
      });
      expect(notices).toBe(1);
    }, 60_000);
  },
);
