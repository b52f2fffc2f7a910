import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createConversationEngine,
  type EngineReply,
  InboundMessageError,
  isRetryLater,
  renderAsText,
} from "../../src/core/conversation/index.js";
import { outboxPayload } from "../../src/core/outbox/payloads.js";
import type { TurnStore } from "../../src/core/ports/turn-store.js";
import { DependencyUnavailableError, TurnLostError } from "../../src/core/ports/unavailable.js";
import { confirmMessage, say, ticketCount, toSummary } from "./support/drive.js";
import { buildEngine, type Harness } from "./support/engine-harness.js";

const ana = { id: "ana", name: "Ana" };

/** A store whose next `times` commits throw, as if the process died before the turn was saved. */
const failingCommits = (turns: TurnStore, times: number): TurnStore => ({
  ...turns,
  async begin(terms) {
    const started = await turns.begin(terms);
    if (started.kind !== "open") return started;
    return {
      ...started,
      async commit(session, answers) {
        if (times-- > 0) {
          await started.abort();
          throw new Error("the process died before saving");
        }
        return started.commit(session, answers);
      },
    };
  },
});

/** A store whose commits are refused, as for a turn that lost its lock. */
const refusingCommits = (turns: TurnStore): TurnStore => ({
  ...turns,
  async begin(terms) {
    const started = await turns.begin(terms);
    if (started.kind !== "open") return started;
    return {
      ...started,
      async commit() {
        await started.abort();
        return false;
      },
    };
  },
});
const text = (reply: { prompts: readonly Parameters<typeof renderAsText>[0][] }) =>
  reply.prompts.map(renderAsText).join("\n");

describe("conversation engine", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await buildEngine();
  });
  afterEach(async () => {
    await h.close();
  });

  it("lets go of files a flow that is gone never released, but not of a flow still going", async () => {
    await say(h, ana, "oi");
    const contact = (await h.deps.directory.findContact("TELEGRAM", "ana"))!;
    const bytes = new TextEncoder().encode("parked by a process that died");
    const meta = { sha256: createHash("sha256").update(bytes).digest("hex"), extension: "txt" };
    const key = await h.deps.blobs.put(bytes, meta);
    await h.deps.parked.park(contact.id, [{ storageKey: key, size: bytes.byteLength }], h.clock.now());
    const stored = () =>
      h.deps.blobs.get(key).then(
        () => true,
        () => false,
      );

    // A flow is going (the contact has a session): however old the file, it stays.
    await say(h, ana, "novo");
    h.clock.advance(20 * 60_000);
    await say(h, ana, "Impressora parada");
    h.clock.advance(20 * 60_000);
    await h.engine.expireIdle();
    expect(await stored()).toBe(true);

    // The flow ends; nothing of its own was parked, and the orphaned reference goes at the next sweep.
    await say(h, ana, "cancelar");
    h.clock.advance(31 * 60_000);
    await h.engine.expireIdle();
    expect(await stored()).toBe(false);
    expect(await h.deps.parked.bytesOf(contact.id)).toBe(0);
  });

  it("processes two messages of one contact arriving at once in arrival order", async () => {
    await say(h, ana, "novo");
    const [first, second] = await Promise.all([
      h.engine.handle(h.message(ana, { kind: "text", text: "Impressora parada" })),
      h.engine.handle(h.message(ana, { kind: "text", text: "técnico" })),
    ]);
    expect(text(first)).toContain("Para qual departamento?");
    expect(text(second)).toContain("Qual é a prioridade?");
  });

  it("creates one ticket when the confirmation is delivered three times at once", async () => {
    await toSummary(h, ana);
    const confirm = confirmMessage(h, ana);
    const replies = await Promise.all([1, 2, 3].map(() => h.engine.handle(confirm)));
    expect(replies.map((r) => r.outcome).sort()).toEqual(["answered", "duplicate", "duplicate"]);
    expect(replies.filter((r) => r.prompts.length > 0)).toHaveLength(1);
    expect(await ticketCount(h)).toBe(1);
  });

  it("keeps nothing of a turn that died before saving: its redelivery asks the same question again", async () => {
    await say(h, ana, "novo");
    const subject = h.message(ana, { kind: "text", text: "Impressora parada" });
    // The process dies after the answer went out, before the turn is saved.
    const dying = createConversationEngine({ ...h.deps, turns: failingCommits(h.deps.turns, 1) });
    const sent: string[] = [];
    const deliver = async (reply: EngineReply) => {
      sent.push(text(reply));
      return "sent" as const;
    };
    expect((await dying.handle(subject, { deliver })).outcome).toBe("failed");
    const again = await h.engine.handle(subject, { deliver });
    expect(again.outcome).toBe("answered");
    expect(sent.filter((s) => s.includes("Para qual departamento?"))).toHaveLength(2);
    // Taken once: the next answer moves on from the department question.
    expect(text(await say(h, ana, "técnico"))).toContain("Qual é a prioridade?");
    expect((await h.engine.handle(subject, { deliver })).outcome).toBe("duplicate");
  });

  it("throws an outage instead of apologizing, and leaves the message for its redelivery", async () => {
    await say(h, ana, "novo");
    const subject = h.message(ana, { kind: "text", text: "Impressora parada" });
    const sent: string[] = [];
    const deliver = async (reply: EngineReply) => {
      sent.push(text(reply));
      return "sent" as const;
    };
    const down = new DependencyUnavailableError("redis", { cause: new Error("connection refused") });
    const unreachable = createConversationEngine({
      ...h.deps,
      turns: { ...h.deps.turns, begin: () => Promise.reject(down) },
    });
    await expect(unreachable.handle(subject, { deliver })).rejects.toBe(down);
    expect(sent).toEqual([]);
    expect(isRetryLater(down)).toBe(true);
    const back = await h.engine.handle(subject, { deliver });
    expect(back.outcome).toBe("answered");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain("Para qual departamento?");
  });

  it("throws when the turn lost its lock before saving (a stalled process), writing nothing", async () => {
    await say(h, ana, "novo");
    const subject = h.message(ana, { kind: "text", text: "Impressora parada" });
    const fenced = createConversationEngine({ ...h.deps, turns: refusingCommits(h.deps.turns) });
    await expect(fenced.handle(subject)).rejects.toBeInstanceOf(TurnLostError);
    const again = await h.engine.handle(subject);
    expect(again.outcome).toBe("answered");
    expect(text(again)).toContain("Para qual departamento?");
    expect(text(await say(h, ana, "técnico"))).toContain("Qual é a prioridade?");
  });

  it("tells the channel an earlier answer is queued, until a turn says its answers went out", async () => {
    const behind: boolean[] = [];
    let result: "sent" | "queued" = "queued";
    const deliver = async (_reply: EngineReply, options: { behind: boolean }) => {
      behind.push(options.behind);
      return result;
    };
    await h.engine.handle(h.message(ana, { kind: "text", text: "oi" }), { deliver });
    result = "sent";
    await h.engine.handle(h.message(ana, { kind: "text", text: "novo" }), { deliver });
    await h.engine.handle(h.message(ana, { kind: "text", text: "Impressora parada" }), { deliver });
    expect(behind).toEqual([false, true, false]);
  });

  it("delivers one answer when a message arrives three times at once", async () => {
    await say(h, ana, "novo");
    const subject = h.message(ana, { kind: "text", text: "Impressora parada" });
    const sent: string[] = [];
    const deliver = async (reply: EngineReply) => {
      sent.push(text(reply));
      return "sent" as const;
    };
    await Promise.all([1, 2, 3].map(() => h.engine.handle(subject, { deliver })));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain("Para qual departamento?");
  });

  it("still creates one ticket when a turn that opened it died before saving (the database key holds)", async () => {
    await toSummary(h, ana);
    const confirm = confirmMessage(h, ana);
    const dying = createConversationEngine({ ...h.deps, turns: failingCommits(h.deps.turns, 1) });
    expect((await dying.handle(confirm)).outcome).toBe("failed");
    expect(await ticketCount(h)).toBe(1);
    // The redelivery finds the conversation still at the summary and confirms again.
    const again = await h.engine.handle(confirm);
    expect(again.outcome).toBe("answered");
    expect(text(again)).toContain("Chamado TKT-000001 aberto!");
    expect(await ticketCount(h)).toBe(1);
  });

  it("restarts with an apology when the stored state does not parse", async () => {
    await say(h, ana, "novo", "Assunto qualquer");
    const contactId = (await h.deps.directory.findContact("TELEGRAM", "ana"))!.id;
    for (const broken of ["{not json", JSON.stringify({ v: 0, state: { step: "open.subject" } })]) {
      await h.plant(contactId, broken, "ana");
      const reply = await say(h, ana, "técnico");
      expect(reply.outcome).toBe("answered");
      expect(text(reply)).toContain("Desculpe, perdi o fio da nossa conversa. Vamos recomeçar.");
    }
    expect(await h.storage.abandonedList()).toEqual(["unknown/unknown/corrupt", "unknown/unknown/corrupt"]);
  });

  it("ends an idle flow once when several sweepers run at the same moment", async () => {
    await say(h, ana, "novo", "Assunto qualquer");
    h.clock.advance(31 * 60_000);
    const ended = await Promise.all([h.engine.expireIdle(), h.engine.expireIdle(), h.engine.expireIdle()]);
    expect(ended.reduce((a, b) => a + b, 0)).toBe(1);
    expect(h.outbox).toHaveLength(1);
    const [notice] = h.outbox;
    const contactId = (await h.deps.directory.findContact("TELEGRAM", "ana"))!.id;
    expect(notice).toMatchObject({
      channel: "TELEGRAM",
      kind: "conversation.expired",
      ticketId: null,
      scope: `contact:${contactId}`,
      payload: { kind: "conversation.expired", contactId, lang: "pt-BR" },
    });
    expect(String(notice!.payload.text)).toContain("ficou parada por mais de 30 minutos");
    // The delivery side reads it with its own schema.
    expect(outboxPayload.safeParse(notice!.payload).success).toBe(true);
    expect(await h.storage.abandonedList()).toEqual(["open_ticket/department/timeout"]);
  });

  it("does not end a flow that is active again by the time the sweeper runs", async () => {
    await say(h, ana, "novo");
    h.clock.advance(29 * 60_000);
    await say(h, ana, "Assunto qualquer");
    h.clock.advance(2 * 60_000);
    expect(await h.engine.expireIdle()).toBe(0);
    expect(text(await say(h, ana, "técnico"))).toContain("Qual é a prioridade?");
  });

  it("asks for a rating on request, re-checking who may rate, and takes a typed score", async () => {
    await toSummary(h, ana);
    await h.engine.handle(confirmMessage(h, ana));
    const contactId = (await h.deps.directory.findContact("TELEGRAM", "ana"))!.id;
    expect(await h.engine.requestRating(contactId, 1)).toBeNull();
    await h.service.changeStatus({ kind: "agent", id: "a", name: "Carla" }, "TKT-000001", {
      status: "SOLVED",
    });
    await say(h, { id: "bruno" }, "oi");
    const stranger = (await h.deps.directory.findContact("TELEGRAM", "bruno"))!.id;
    expect(await h.engine.requestRating(stranger, 1)).toBeNull();
    const request = await h.engine.requestRating(contactId, 1);
    expect(request?.prompts[0]).toMatchObject({ kind: "choice" });
    expect(request?.prompts[0]?.kind === "choice" && request.prompts[0].options.map((o) => o.id)).toEqual([
      "rate:1:1",
      "rate:1:2",
      "rate:1:3",
      "rate:1:4",
      "rate:1:5",
    ]);
    await say(h, ana, "4", "pular");
    const detail = await h.service.detail({ kind: "agent", id: "a", name: "A" }, "TKT-000001");
    expect(detail.ok && detail.value.ticket.rating).toEqual({ score: 4, comment: null });
  });

  it("answers with an apology when something breaks on our side, and lets a redelivery retry", async () => {
    await toSummary(h, ana);
    const create = h.service.create;
    h.service.create = async () => {
      throw new Error("database unavailable");
    };
    const confirm = confirmMessage(h, ana);
    const failed = await h.engine.handle(confirm);
    expect(failed.outcome).toBe("failed");
    expect(text(failed)).toContain("algo deu errado do nosso lado");
    h.service.create = create;
    const retried = await h.engine.handle(confirm);
    expect(retried.outcome).toBe("answered");
    expect(text(retried)).toContain("Chamado TKT-000001 aberto!");
  });

  it("refuses what is not a message as the adapter's mistake", async () => {
    await expect(h.engine.handle({ channel: "TELEGRAM" } as never)).rejects.toBeInstanceOf(
      InboundMessageError,
    );
  });

  it("tells the person when their message cannot be read, and keeps the question", async () => {
    await say(h, ana, "novo");
    const reply = await h.engine.handle(h.message(ana, { kind: "choice", id: "x".repeat(65) }));
    expect(text(reply)).toContain("Não consegui ler essa mensagem.");
    expect(text(reply)).toContain("Qual é o assunto do chamado?");
  });
});
