import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type EngineReply,
  fitsCallbackData,
  type InboundMessage,
  optionsOf,
  parseSession,
  renderAsText,
} from "../../src/core/conversation/index.js";
import { fold } from "../../src/core/shared/fold.js";
import type { Actor } from "../../src/core/ticket/ticket.js";
import { buildEngine, type Harness, IDLE_MINUTES } from "./support/engine-harness.js";
import { sampleFile } from "./support/sample-files.js";

const agent: Actor = { kind: "agent", id: "slack:U1", name: "Carla" };

type Action =
  | { kind: "send"; who: "ana" | "bruno"; input: InboundMessage["input"] }
  | { kind: "option"; index: number }
  /** The first `steps` answers of a new ticket, so random input often meets the later steps. */
  | { kind: "walk"; steps: number }
  | { kind: "wait"; minutes: number }
  | { kind: "sweep" }
  | { kind: "agent"; what: "close" | "reply"; ticket: number };

const WORDS = [
  "1",
  "2",
  "3",
  "4",
  "5",
  "6",
  "0",
  "99",
  "oi",
  "novo",
  "new",
  "meus chamados",
  "voltar",
  "back",
  "cancelar",
  "ajuda",
  "menu",
  "idioma",
  "english",
  "language pt",
  "pular",
  "skip",
  "concluir",
  "confirmar",
  "confirm",
  "sim",
  "não",
  "TKT-000001",
  "#2",
  "Impressora parada",
  "Nota fiscal rejeitada",
  "técnico",
  "alta",
  "bug",
  "ótimo",
];
const IDS = [
  "sum.confirm",
  "sum.edit",
  "sum.cancel",
  "files.done",
  "files.skip",
  "menu.newTicket",
  "menu.myTickets",
  "dep.technical",
  "pri.HIGH",
  "type.bug",
  "sim.none",
  "sim.1",
  "tkt.1",
  "det.reply",
  "det.close",
  "det.rate",
  "close.yes",
  "rate:1:5",
  "view:1",
  "reply:2",
  "offer.yes",
  "offer.no",
  "lang.en",
  "lang.pt-BR",
  "comment.skip",
  "edit.subject",
  "x",
];
const WALK = ["novo", "Impressora parada", "1", "3", "2", "A impressora não liga.", "pular"];
const COMMANDS = ["start", "new", "tickets", "ticket 1", "help", "cancel", "back", "language en", "bogus"];

const input: fc.Arbitrary<InboundMessage["input"]> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS).map((text) => ({ kind: "text" as const, text })) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map((text) => ({ kind: "text" as const, text })) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 995, max: 1005 })
      .map((n) => ({ kind: "text" as const, text: "é".repeat(n) })),
  },
  { weight: 3, arbitrary: fc.constantFrom(...IDS).map((id) => ({ kind: "choice" as const, id })) },
  {
    weight: 1,
    arbitrary: fc
      .record({
        names: fc.constantFrom(["a.png"], ["x.exe"], ["a.png", "b.txt"], ["empty.txt"]),
        caption: fc.option(fc.constantFrom("legenda", "é".repeat(1001))),
      })
      .map(({ names, caption }) => ({
        kind: "files" as const,
        files: names.map(sampleFile),
        ...(caption ? { caption } : {}),
      })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...COMMANDS).map((c) => {
      const [name = "", ...args] = c.split(" ");
      return { kind: "command" as const, name, args };
    }),
  },
);

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant("send" as const),
      who: fc.constantFrom("ana" as const, "ana" as const, "bruno" as const),
      input,
    }),
  },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("option" as const), index: fc.nat(9) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("walk" as const),
      steps: fc.oneof(fc.constant(WALK.length), fc.integer({ min: 1, max: WALK.length })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("wait" as const),
      minutes: fc.constantFrom(5, IDLE_MINUTES + 1),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "sweep" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("agent" as const),
      what: fc.constantFrom("close" as const, "reply" as const),
      ticket: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

const CONFIRM_TEXTS = new Set(["1", "confirmar", "confirm"]);
/** Typed answers are read case-, accent- and space-insensitively, so "1 " confirms as "1" does. */
const isConfirm = (i: InboundMessage["input"]) =>
  (i.kind === "choice" && i.id === "sum.confirm") || (i.kind === "text" && CONFIRM_TEXTS.has(fold(i.text)));

const tickets = async (h: Harness) => (await h.service.list(agent, { limit: 500 })).items;

/** What the next message of `who` will meet: the step of a session still within the idle timeout. */
const pendingStep = async (h: Harness, who: string) => {
  const contact = await h.deps.directory.findContact("TELEGRAM", who);
  const raw = contact ? await h.peek(contact.id, "TELEGRAM", who) : null;
  const session = raw ? parseSession(raw) : null;
  if (!session) return null;
  const idle = h.clock.now().getTime() - Date.parse(session.updatedAt) >= IDLE_MINUTES * 60_000;
  return idle ? null : session.state;
};

const checkPrompts = (reply: EngineReply) => {
  if (reply.outcome !== "duplicate") expect(reply.prompts.length).toBeGreaterThan(0);
  for (const prompt of reply.prompts) {
    expect(renderAsText(prompt).trim()).not.toBe("");
    const options = optionsOf(prompt);
    expect(options.length).toBeLessThanOrEqual(10);
    for (const option of options) expect(fitsCallbackData(option.id)).toBe(true);
  }
};

describe("conversation engine under random input", () => {
  it("never throws, never loses a confirmed ticket and never creates an unconfirmed one", async () => {
    let confirmations = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 45 }), async (actions) => {
        const h = await buildEngine();
        try {
          let lastOptions: string[] = [];
          for (const step of actions) {
            if (step.kind === "wait") {
              h.clock.advance(step.minutes * 60_000);
              continue;
            }
            if (step.kind === "sweep") {
              await h.engine.expireIdle();
              continue;
            }
            if (step.kind === "agent") {
              const ref = `TKT-${String(step.ticket).padStart(6, "0")}`;
              if (step.what === "close") await h.service.changeStatus(agent, ref, { status: "SOLVED" });
              else await h.service.reply(agent, ref, { message: "Resposta do suporte" });
              continue;
            }
            if (step.kind === "walk") {
              let reply: EngineReply | null = null;
              for (const text of WALK.slice(0, step.steps))
                reply = await h.engine.handle(h.message({ id: "ana" }, { kind: "text", text }));
              lastOptions = reply ? reply.prompts.flatMap((p) => optionsOf(p).map((o) => o.id)) : [];
              continue;
            }
            const who = step.kind === "send" ? step.who : "ana";
            const sent: InboundMessage["input"] =
              step.kind === "send"
                ? step.input
                : { kind: "choice", id: lastOptions[step.index % Math.max(1, lastOptions.length)] ?? "x" };
            const before = await tickets(h);
            const pending = await pendingStep(h, who);
            const reply = await h.engine.handle(h.message({ id: who }, sent));

            expect(reply.outcome).not.toBe("failed");
            checkPrompts(reply);
            const after = await tickets(h);
            const confirmed = pending?.step === "open.summary" && isConfirm(sent);
            if (confirmed) {
              confirmations += 1;
              expect(after).toHaveLength(before.length + 1);
              const created = after.find((t) => !before.some((b) => b.id === t.id))!;
              expect(created.subject).toBe(pending.draft.subject);
              expect(reply.prompts.map(renderAsText).join("\n")).toContain(
                `TKT-${String(created.number).padStart(6, "0")}`,
              );
            } else {
              expect(after).toHaveLength(before.length);
            }
            if (who === "ana") lastOptions = reply.prompts.flatMap((p) => optionsOf(p).map((o) => o.id));
          }
        } finally {
          await h.close();
        }
      }),
      { numRuns: 100 },
    );
    // The property is only meaningful if random walks do reach confirmations.
    expect(confirmations).toBeGreaterThan(0);
  });
});
