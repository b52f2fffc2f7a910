import type { InboundMessage } from "../../../src/core/conversation/index.js";
import type { Harness } from "./engine-harness.js";

/** Texts sent one after another by one contact; returns the last reply. */
export const say = async (h: Harness, who: { id: string }, ...texts: string[]) => {
  let last = null;
  for (const text of texts) last = await h.engine.handle(h.message(who, { kind: "text", text }));
  return last!;
};

/** Walks a new ticket up to its summary. */
export const toSummary = (h: Harness, who: { id: string }, subject = "Nota fiscal rejeitada") =>
  say(h, who, "novo", subject, "técnico", "alta", "incidente", "A SEFAZ rejeita a nota.", "pular");

export const confirmMessage = (h: Harness, who: { id: string }): InboundMessage =>
  h.message(who, { kind: "choice", id: "sum.confirm" });

export const ticketCount = async (h: Harness) =>
  (await h.service.list({ kind: "agent", id: "a", name: "A" }, { limit: 500 })).items.length;
