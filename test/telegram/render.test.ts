import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  keyboardOf,
  MAX_TEXT,
  renderPrompts,
  sendMessageParams,
} from "../../src/adapters/telegram/render.js";
import type { Prompt } from "../../src/core/conversation/index.js";

const bytes = (s: string) => new TextEncoder().encode(s).byteLength;

const option = fc.record({
  id: fc.string({ minLength: 1, maxLength: 80, unit: "grapheme" }),
  label: fc.string({ minLength: 1, maxLength: 60 }),
});
const prompt: fc.Arbitrary<Prompt> = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), text: fc.string({ maxLength: 9000 }) }),
  fc.record({ kind: fc.constant("error" as const), text: fc.string({ maxLength: 300 }) }),
  fc.record({
    kind: fc.constant("choice" as const),
    text: fc.string({ maxLength: 5000 }),
    options: fc.array(option, { maxLength: 12 }),
  }),
);

describe("prompts as Telegram messages", () => {
  it("merges statements into the question that follows, with its buttons", () => {
    const messages = renderPrompts([
      { kind: "error", text: "Não reconheci essa opção." },
      {
        kind: "choice",
        text: "Qual é a prioridade?",
        options: [
          { id: "pri.LOW", label: "Baixa" },
          { id: "pri.HIGH", label: "Alta" },
        ],
      },
    ]);
    expect(messages).toEqual([
      {
        text: "Não reconheci essa opção.\n\nQual é a prioridade?",
        keyboard: [
          [
            { text: "Baixa", callback_data: "pri.LOW" },
            { text: "Alta", callback_data: "pri.HIGH" },
          ],
        ],
      },
    ]);
  });

  it("falls back to numbered text when an option cannot be a button", () => {
    const long = "x".repeat(65);
    const [message] = renderPrompts([
      {
        kind: "choice",
        text: "Escolha:",
        options: [
          { id: long, label: "Uma" },
          { id: "b", label: "Outra" },
        ],
      },
    ]);
    expect(message).toEqual({ text: "Escolha:\n1. Uma\n2. Outra", keyboard: null });
    expect(keyboardOf([{ id: "é".repeat(33), label: "x" }])).toBeNull();
  });

  it("never breaks Telegram's limits and loses no words", () => {
    fc.assert(
      fc.property(fc.array(prompt, { minLength: 1, maxLength: 5 }), (prompts) => {
        const messages = renderPrompts(prompts);
        for (const m of messages) {
          expect(m.text.length).toBeGreaterThan(0);
          expect(m.text.length).toBeLessThanOrEqual(MAX_TEXT);
          for (const b of m.keyboard?.flat() ?? []) expect(bytes(b.callback_data)).toBeLessThanOrEqual(64);
        }
        const squash = (s: string) => s.replace(/\s+/g, "");
        const all = squash(messages.map((m) => m.text).join(""));
        for (const p of prompts) expect(all).toContain(squash(p.text));
        // Only the last message of a reply may carry the buttons of the question it asks.
        expect(messages.slice(0, -1).filter((m) => m.keyboard !== null).length).toBeLessThanOrEqual(
          prompts.length - 1,
        );
      }),
      { numRuns: 200 },
    );
  });

  it("in groups replies to the person's message and asks free-text questions as a reply", () => {
    const question = { text: "Qual é o assunto do chamado?", keyboard: null };
    expect(sendMessageParams(-100, question, { group: true, replyTo: 12, last: true })).toMatchObject({
      chat_id: -100,
      reply_parameters: { message_id: 12, allow_sending_without_reply: true },
      reply_markup: { force_reply: true, selective: true },
    });
    expect(
      sendMessageParams(-100, question, { group: true, replyTo: 12, last: false }).reply_markup,
    ).toBeUndefined();
    expect(sendMessageParams(5, question, { group: false, replyTo: null, last: true })).toEqual({
      chat_id: 5,
      text: "Qual é o assunto do chamado?",
      link_preview_options: { is_disabled: true },
    });
  });
});
