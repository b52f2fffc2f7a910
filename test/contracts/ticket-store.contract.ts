import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import { DAY, HOUR } from "../../testkit/manual-clock.js";
import { agent, buildService, type Repositories, validTicket } from "../support/core-harness.js";

type Harness = Awaited<ReturnType<typeof buildService>>;

const must = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

/**
 * The behaviour every ticket store must have, run through the core service so that numbering,
 * idempotency, locking, history, search and stats are checked the way the product uses them.
 */
export const ticketStoreContract = (name: string, open: () => Promise<Repositories>) => {
  describe(`ticket store contract: ${name}`, () => {
    let repos: Repositories;
    let h: Harness;

    beforeAll(async () => {
      repos = await open();
      h = await buildService(repos);
    });
    afterAll(async () => {
      await repos?.close();
    });

    it("keeps a contact's latest inbound time, never moving it back", async () => {
      const { identity } = await h.requester();
      const t1 = new Date("2026-03-02T12:00:00.000Z");
      await repos.directory.recordInbound(identity.contactId, t1);
      await repos.directory.recordInbound(identity.contactId, new Date(t1.getTime() - HOUR));
      expect((await repos.directory.findContactById(identity.contactId))?.lastInboundAt).toEqual(t1);
    });

    it("numbers tickets and formats their public id", async () => {
      const { actor, identity } = await h.requester();
      const first = must(await h.service.create(actor, identity, validTicket())).ticket;
      const second = must(await h.service.create(actor, identity, validTicket())).ticket;
      expect(second.number).toBe(first.number + 1);
      expect(formatTicketId(first.number)).toMatch(/^TKT-\d{6}$/);
      expect(first.status).toBe("NEW");
      expect(first.requester.displayName).toBe(identity.displayName);
    });

    it("gives 200 tickets created at once 200 distinct consecutive numbers", async () => {
      const { actor, identity } = await h.requester();
      const created = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          h.service.create(actor, identity, validTicket({ subject: `Lote ${i}` })),
        ),
      );
      const numbers = created.map((r) => must(r).ticket.number).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(200);
      expect(numbers.at(-1)! - numbers[0]!).toBe(199);
    });

    it("creates one ticket for one source message delivered three times, even at once", async () => {
      const { actor, identity } = await h.requester();
      const input = validTicket({ sourceKey: `telegram:update:${Math.random()}` });
      const results = await Promise.all([1, 2, 3].map(() => h.service.create(actor, identity, input)));
      const tickets = results.map((r) => must(r));
      expect(new Set(tickets.map((t) => t.ticket.id)).size).toBe(1);
      expect(tickets.filter((t) => t.created)).toHaveLength(1);
    });

    it("writes nothing when the input is invalid", async () => {
      const { actor, identity } = await h.requester();
      const before = await h.service.stats(actor);
      const result = await h.service.create(
        actor,
        identity,
        validTicket({ subject: "ab", priority: "URGENT" }),
      );
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe("VALIDATION_FAILED");
      expect((await h.service.stats(actor)).total).toBe(before.total);
    });

    it("keeps all 50 replies sent to one ticket at once", async () => {
      const { actor, identity } = await h.requester();
      const ticket = must(await h.service.create(actor, identity, validTicket())).ticket;
      const ref = formatTicketId(ticket.number);
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) => h.service.reply(actor, ref, { message: `resposta ${i}` })),
      );
      expect(replies.every((r) => r.ok)).toBe(true);
      const detail = must(await h.service.detail(agent, ref));
      const bodies = detail.events.filter((e) => e.kind === "MESSAGE").map((e) => e.body);
      expect(bodies).toHaveLength(51);
      for (let i = 0; i < 50; i++) expect(bodies).toContain(`resposta ${i}`);
      expect(detail.ticket.version).toBe(50);
    });

    it("moves status on replies, records history, and derives time in each status", async () => {
      const { actor, identity } = await h.requester();
      const ticket = must(await h.service.create(actor, identity, validTicket())).ticket;
      const ref = formatTicketId(ticket.number);
      h.clock.advance(HOUR);
      const answered = must(await h.service.reply(agent, ref, { message: "Pode reiniciar a impressora?" }));
      expect(answered.status).toBe("WAITING_ON_REQUESTER");
      expect(answered.firstResponseAt).toEqual(h.clock.now());
      h.clock.advance(2 * HOUR);
      const reopened = must(await h.service.reply(actor, ref, { message: "Reiniciei e nada" }));
      expect(reopened.status).toBe("IN_PROGRESS");
      expect(reopened.sla.pausedMs).toBe(2 * HOUR);
      h.clock.advance(HOUR);
      const detail = must(await h.service.detail(agent, ref));
      expect(detail.timeInStatus.NEW).toBe(HOUR);
      expect(detail.timeInStatus.WAITING_ON_REQUESTER).toBe(2 * HOUR);
      expect(detail.timeInStatus.IN_PROGRESS).toBe(HOUR);
      // The agent's reply marks the requester's message read; the requester's next one is unread again.
      expect(detail.events.map((e) => e.kind)).toEqual([
        "MESSAGE",
        "AGENT_READ",
        "MESSAGE",
        "STATUS_CHANGED",
        "MESSAGE",
        "STATUS_CHANGED",
      ]);
      expect(detail.readBySupport).toBe(false);
      expect(detail.publicStatus).toBe("OPEN");
    });

    it("processes a redelivered reply once", async () => {
      const { actor, identity } = await h.requester();
      const ref = formatTicketId(must(await h.service.create(actor, identity, validTicket())).ticket.number);
      const reply = { message: "mesma mensagem", sourceKey: `wa:${Math.random()}` };
      await Promise.all([1, 2, 3].map(() => h.service.reply(actor, ref, reply)));
      const detail = must(await h.service.detail(agent, ref));
      expect(detail.events.filter((e) => e.body === "mesma mensagem")).toHaveLength(1);
    });

    it("reopens a closed ticket within the window and refuses after it", async () => {
      const { actor, identity } = await h.requester();
      const ref = formatTicketId(must(await h.service.create(actor, identity, validTicket())).ticket.number);
      must(await h.service.changeStatus(agent, ref, { status: "SOLVED" }));
      h.clock.advance(6 * DAY);
      expect(must(await h.service.reply(actor, ref, { message: "voltou a falhar" })).status).toBe(
        "IN_PROGRESS",
      );
      must(await h.service.changeStatus(agent, ref, { status: "SOLVED" }));
      h.clock.advance(8 * DAY);
      const late = await h.service.reply(actor, ref, { message: "de novo" });
      expect(late.ok ? null : late.error.code).toBe("REOPEN_WINDOW_EXPIRED");
    });

    it("refuses an illegal transition with its code and changes nothing", async () => {
      const { actor, identity } = await h.requester();
      const ref = formatTicketId(must(await h.service.create(actor, identity, validTicket())).ticket.number);
      must(await h.service.changeStatus(agent, ref, { status: "SOLVED" }));
      const result = await h.service.changeStatus(agent, ref, { status: "ESCALATED" });
      expect(result.ok ? null : result.error).toEqual({
        code: "ILLEGAL_TRANSITION",
        from: "SOLVED",
        to: "ESCALATED",
      });
      expect(must(await h.service.detail(agent, ref)).ticket.status).toBe("SOLVED");
    });

    it("hides another organization's ticket, whatever id is typed", async () => {
      const owner = await h.requester();
      const stranger = await h.requester();
      const ticket = must(await h.service.create(owner.actor, owner.identity, validTicket())).ticket;
      for (const ref of [formatTicketId(ticket.number), String(ticket.number)]) {
        const seen = await h.service.detail(stranger.actor, ref);
        expect(seen.ok ? null : seen.error.code).toBe("TICKET_NOT_FOUND");
        const replied = await h.service.reply(stranger.actor, ref, { message: "intruso" });
        expect(replied.ok ? null : replied.error.code).toBe("TICKET_NOT_FOUND");
      }
      expect(must(await h.service.detail(agent, formatTicketId(ticket.number))).events).toHaveLength(1);
    });

    it("shows an organization admin every ticket of the organization, a member only their own", async () => {
      const orgKey = `shared-${Math.random()}`;
      const alice = await h.requester(orgKey);
      const bob = await h.requester(orgKey);
      const admin = await h.requester(orgKey, { admin: true });
      must(await h.service.create(alice.actor, alice.identity, validTicket()));
      must(await h.service.create(bob.actor, bob.identity, validTicket()));
      expect((await h.service.list(alice.actor, { limit: 50 })).items).toHaveLength(1);
      expect((await h.service.list(admin.actor, { limit: 50 })).items).toHaveLength(2);
      expect((await h.service.stats(admin.actor)).total).toBe(2);
    });

    it("filters, sorts and pages with a cursor", async () => {
      const orgKey = `paging-${Math.random()}`;
      const { actor, identity } = await h.requester(orgKey, { admin: true });
      for (let i = 0; i < 7; i++) {
        h.clock.advance(1000);
        must(
          await h.service.create(
            actor,
            identity,
            validTicket({ subject: `Pedido ${i}`, priority: i % 2 ? "LOW" : "HIGH" }),
          ),
        );
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await h.service.list(actor, {
          limit: 3,
          priorities: ["HIGH"],
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((t) => t.subject));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(["Pedido 6", "Pedido 4", "Pedido 2", "Pedido 0"]);
      const ascending = await h.service.list(actor, {
        limit: 10,
        sort: { field: "number", direction: "asc" },
      });
      expect(ascending.items.map((t) => t.subject)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Pedido ${i}`));
      const windowed = await h.service.list(actor, {
        limit: 10,
        createdFrom: ascending.items[2]!.createdAt,
        createdTo: ascending.items[4]!.createdAt,
      });
      expect(windowed.items.map((t) => t.subject).sort()).toEqual(["Pedido 2", "Pedido 3"]);
    });

    it("finds tickets by id, subject and message words, ignoring accents and case", async () => {
      const orgKey = `search-${Math.random()}`;
      const { actor, identity } = await h.requester(orgKey);
      const printer = must(
        await h.service.create(actor, identity, validTicket({ subject: "Impressora fiscal" })),
      ).ticket;
      must(
        await h.service.create(
          actor,
          identity,
          validTicket({ subject: "Boleto vencido", message: "O boleto não chegou" }),
        ),
      );
      must(
        await h.service.reply(actor, formatTicketId(printer.number), { message: "Erro de conexão na rede" }),
      );
      const subjects = async (text: string) =>
        (await h.service.search(actor, text, { limit: 10 })).items.map((t) => t.subject).sort();
      expect(await subjects("impressora")).toEqual(["Impressora fiscal"]);
      expect(await subjects("CONEXAO")).toEqual(["Impressora fiscal"]);
      expect(await subjects("nao chegou")).toEqual(["Boleto vencido"]);
      expect(await subjects(formatTicketId(printer.number))).toEqual(["Impressora fiscal"]);
      expect(await subjects(String(printer.number))).toEqual(["Impressora fiscal"]);
    });

    it("suggests tickets sharing any word, best matches first", async () => {
      const { actor, identity } = await h.requester(`similar-${Math.random()}`);
      must(
        await h.service.create(
          actor,
          identity,
          validTicket({ subject: "Nota fiscal rejeitada", message: "sefaz" }),
        ),
      );
      must(
        await h.service.create(
          actor,
          identity,
          validTicket({ subject: "Impressora fiscal parada", message: "papel" }),
        ),
      );
      must(
        await h.service.create(
          actor,
          identity,
          validTicket({ subject: "Senha do portal", message: "acesso" }),
        ),
      );
      const page = await h.service.list(actor, { text: "impressora fiscal", textMode: "any", limit: 3 });
      expect(page.items.map((t) => t.subject)).toEqual(["Impressora fiscal parada", "Nota fiscal rejeitada"]);
    });

    it("counts tickets for the dashboard", async () => {
      const { actor, identity } = await h.requester(`stats-${Math.random()}`, { admin: true });
      const ids = [];
      for (const priority of ["HIGH", "HIGH", "LOW"]) {
        ids.push(must(await h.service.create(actor, identity, validTicket({ priority }))).ticket.number);
      }
      must(await h.service.reply(agent, String(ids[0]), { message: "respondido" }));
      must(await h.service.changeStatus(agent, String(ids[1]), { status: "SOLVED" }));
      const stats = await h.service.stats(actor);
      expect(stats).toMatchObject({ total: 3, open: 1, answered: 1, closed: 1, highPriority: 1 });
      expect(stats.byStatus).toMatchObject({ NEW: 1, WAITING_ON_REQUESTER: 1, SOLVED: 1 });
      expect(stats.byDepartment).toEqual({ technical: 3 });
    });

    it("writes notifications in the same change, and none for a refused change", async () => {
      const { actor, identity } = await h.requester();
      const ticket = must(await h.service.create(actor, identity, validTicket())).ticket;
      const created = (await repos.outbox()).filter((o) => o.key.startsWith(`${ticket.id}:0:`));
      expect(created).toHaveLength(1);
      // The payload names the ticket by the number it was given, not a stand-in.
      expect(created[0]!.payload).toEqual({
        status: "NEW",
        ticket: { id: ticket.id, number: ticket.number },
      });
      must(await h.service.reply(agent, String(ticket.number), { message: "ok" }));
      const keys = (await repos.outbox()).map((o) => o.key);
      // The reply, its read mark and its status change.
      expect(keys.filter((k) => k.startsWith(`${ticket.id}:1:`))).toHaveLength(3);
      await h.service.changeStatus(agent, String(ticket.number), { status: "NEW" });
      expect(await repos.outbox()).toHaveLength(keys.length);
    });

    it("stores accepted attachments with their history event and rejects bad files without storing", async () => {
      const { actor, identity } = await h.requester();
      const text = new TextEncoder().encode("Log do erro: conexão recusada\n");
      const ticket = must(
        await h.service.create(
          actor,
          identity,
          validTicket({ attachments: [{ fileName: "log.txt", bytes: text }] }),
        ),
      ).ticket;
      const detail = must(await h.service.detail(actor, String(ticket.number)));
      expect(detail.events[0]!.attachments).toMatchObject([
        { fileName: "log.txt", contentType: "text/plain", size: text.length },
      ]);
      const junk = new Uint8Array([0, 1, 2, 3, 255, 254, 0, 7]);
      const refused = await h.service.reply(actor, String(ticket.number), {
        message: "segue",
        attachments: [{ fileName: "foto.png", bytes: junk }],
      });
      expect(refused.ok ? null : refused.error).toMatchObject({
        code: "ATTACHMENT_REJECTED",
        reason: "TYPE_NOT_ALLOWED",
      });
      expect(must(await h.service.detail(actor, String(ticket.number))).events).toHaveLength(1);
    });

    it("withdraws a reply that never went out as if it was never written; agents still see it", async () => {
      const { actor, identity } = await h.requester();
      const opened = must(await h.service.create(actor, identity, validTicket())).ticket;
      const ref = formatTicketId(opened.number);
      h.clock.advance(HOUR);
      const key = `slack:C1:${Math.random()}`;
      const answered = must(
        await h.service.reply(agent, ref, { message: "Resposta errada xilofone", sourceKey: key }),
      );
      const found = async () => (await h.service.search(agent, "xilofone", { limit: 10 })).items.length;
      expect(await found()).toBe(1);
      expect(answered).toMatchObject({ status: "WAITING_ON_REQUESTER", lastReply: { name: "Ana Agent" } });
      h.clock.advance(5000);
      const withdrawn = must(
        await h.service.withdrawReply(agent, ref, { replyKey: key, note: "retirada", sourceKey: `${key}:w` }),
      );
      expect(withdrawn).toMatchObject({
        status: "NEW",
        statusChangedAt: opened.createdAt,
        lastReply: null,
        firstResponseAt: null,
        closedAt: null,
        sla: { pausedMs: 0, pausedSince: null },
      });
      // Nor is it found by its words any more.
      expect(await found()).toBe(0);
      // Stored so: the ticket read back, on every store, is the same.
      expect(await repos.tickets.findById(opened.id)).toMatchObject({ status: "NEW", lastReply: null });
      const forRequester = must(await h.service.detail(actor, ref));
      expect(forRequester.events.map((e) => e.kind)).toEqual(["MESSAGE"]);
      expect(forRequester.timeInStatus.WAITING_ON_REQUESTER).toBe(0);
      const forAgents = must(await h.service.detail(agent, ref)).events;
      expect(forAgents.map((e) => `${e.kind}${e.withdrawnAt ? " (withdrawn)" : ""}`)).toEqual([
        "MESSAGE",
        "AGENT_READ",
        "MESSAGE (withdrawn)",
        "STATUS_CHANGED (withdrawn)",
        "REPLY_WITHDRAWN",
      ]);
      expect(forAgents.at(-1)).toMatchObject({ body: "retirada", from: "WAITING_ON_REQUESTER", to: "NEW" });
      // Twice, or a reply already withdrawn, changes nothing more.
      must(await h.service.withdrawReply(agent, ref, { replyKey: key, sourceKey: `${key}:w` }));
      const again = await h.service.withdrawReply(agent, ref, { replyKey: key });
      expect(again.ok ? null : again.error.code).toBe("FORBIDDEN");
      expect(must(await h.service.detail(agent, ref)).events).toHaveLength(5);
      // A requester cannot withdraw anything.
      const refused = await h.service.withdrawReply(actor, ref, { replyKey: key });
      expect(refused.ok ? null : refused.error.code).toBe("FORBIDDEN");
    });

    it("keeps the earlier reply as last reply and first response when a later one is withdrawn", async () => {
      const { actor, identity } = await h.requester();
      const ref = formatTicketId(must(await h.service.create(actor, identity, validTicket())).ticket.number);
      h.clock.advance(HOUR);
      const first = must(await h.service.reply(agent, ref, { message: "Primeira" }));
      h.clock.advance(HOUR);
      must(await h.service.reply(actor, ref, { message: "Não resolveu" }));
      h.clock.advance(HOUR);
      const key = `slack:C1:${Math.random()}`;
      must(await h.service.reply(agent, ref, { message: "Segunda", sourceKey: key }));
      const after = must(await h.service.withdrawReply(agent, ref, { replyKey: key }));
      expect(after).toMatchObject({
        status: "IN_PROGRESS",
        firstResponseAt: first.firstResponseAt,
        lastReply: { by: "REQUESTER" },
        sla: { pausedMs: HOUR, pausedSince: null },
      });
    });

    it("an edited reply stores the text that went out, the first text in a note", async () => {
      const { actor, identity } = await h.requester();
      const ref = formatTicketId(must(await h.service.create(actor, identity, validTicket())).ticket.number);
      const key = `slack:C1:${Math.random()}`;
      must(await h.service.reply(agent, ref, { message: "Reinicie.", sourceKey: key }));
      must(
        await h.service.reviseReply(agent, ref, {
          replyKey: key,
          message: "Reinicie o roteador.",
          note: "editada; antes: Reinicie.",
        }),
      );
      const seen = must(await h.service.detail(actor, ref)).events.map((e) => e.body);
      expect(seen).toContain("Reinicie o roteador.");
      expect(seen).not.toContain("Reinicie.");
      const agents = must(await h.service.detail(agent, ref)).events;
      expect(agents.filter((e) => e.kind === "NOTE").map((e) => e.body)).toEqual([
        "editada; antes: Reinicie.",
      ]);
      expect((await h.service.search(agent, "roteador", { limit: 10 })).items.map((t) => t.number)).toContain(
        Number(ref.slice(4)),
      );
    });

    it("records contact requests, read marks and ratings", async () => {
      const { actor, identity } = await h.requester();
      const ref = String(must(await h.service.create(actor, identity, validTicket())).ticket.number);
      must(await h.service.requestContact(actor, ref));
      expect(must(await h.service.detail(actor, ref)).readBySupport).toBe(false);
      h.clock.advance(1000);
      must(await h.service.markRead(agent, ref));
      const read = must(await h.service.detail(actor, ref));
      expect(read.readMark).toMatchObject({
        at: h.clock.now(),
        by: { id: "slack:U01AGENT", name: "Ana Agent" },
      });
      // The mark is the agents' line: the requester's history does not show it.
      expect(read.events.map((e) => e.kind)).not.toContain("AGENT_READ");
      must(await h.service.markRead(agent, ref));
      expect(
        must(await h.service.detail(agent, ref)).events.filter((e) => e.kind === "AGENT_READ"),
      ).toHaveLength(1);
      const early = await h.service.rate(actor, ref, { score: 5 });
      expect(early.ok ? null : early.error.code).toBe("RATING_NOT_ALLOWED");
      must(await h.service.changeStatus(agent, ref, { status: "SOLVED" }));
      const rated = must(await h.service.rate(actor, ref, { score: 4, comment: "Rápido" }));
      expect(rated.rating).toEqual({ score: 4, comment: "Rápido" });
      expect(rated.contactRequestedAt).not.toBeNull();
    });
  });
};
