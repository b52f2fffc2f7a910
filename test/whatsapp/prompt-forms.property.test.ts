import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderPrompts } from "../../src/adapters/whatsapp/cloud/render.js";
import { interactiveForm, LIMITS, splitText } from "../../src/adapters/whatsapp/prompt-forms.js";
import { optionsOf, type Prompt, renderAsText } from "../../src/core/conversation/index.js";

const chars = (s: string) => [...s].length;
const label = fc.string({ minLength: 1, maxLength: 30, unit: "grapheme" });
const option = fc.record({
  id: fc.stringMatching(/^[a-z.]{1,20}\d{0,4}$/),
  label,
  description: fc.option(fc.string({ maxLength: 90 }), { nil: undefined }),
});
const options = fc.uniqueArray(option, { minLength: 1, maxLength: 14, selector: (o) => o.id });
const text = fc.string({ minLength: 1, maxLength: 1200, unit: "grapheme" });

const prompt: fc.Arbitrary<Prompt> = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), text }),
  fc.record({ kind: fc.constant("choice" as const), text, options }),
  fc.record({
    kind: fc.constant("summary" as const),
    text,
    fields: fc.array(
      fc.record({ label: fc.string({ minLength: 1, maxLength: 20 }), value: fc.string({ maxLength: 200 }) }),
      { maxLength: 6 },
    ),
    options,
  }),
  fc.record({ kind: fc.constant("files" as const), text, received: fc.nat(5), max: fc.constant(5), options }),
);

type Body = {
  type: string;
  text?: { body: string };
  interactive?: {
    type: string;
    body: { text: string };
    action: {
      buttons?: { reply: { id: string; title: string } }[];
      button?: string;
      sections?: { rows: { id: string; title: string; description?: string }[] }[];
    };
  };
};

describe("WhatsApp prompt forms", () => {
  it("never sends what WhatsApp would refuse, and offers every option one way or another", () => {
    fc.assert(
      fc.property(
        fc.array(prompt, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("pt-BR" as const, "en" as const),
        (prompts, lang) => {
          const bodies = renderPrompts(prompts, lang) as Body[];
          for (const body of bodies) {
            if (body.type === "text") expect(chars(body.text!.body)).toBeLessThanOrEqual(LIMITS.text);
            const i = body.interactive;
            if (!i) continue;
            expect(chars(i.body.text)).toBeGreaterThan(0);
            expect(chars(i.body.text)).toBeLessThanOrEqual(LIMITS.interactiveBody);
            if (i.type === "button") {
              const buttons = i.action.buttons!;
              expect(buttons.length).toBeLessThanOrEqual(LIMITS.buttons);
              for (const b of buttons) expect(chars(b.reply.title)).toBeLessThanOrEqual(LIMITS.buttonTitle);
              expect(new Set(buttons.map((b) => b.reply.title)).size).toBe(buttons.length);
            } else {
              expect(chars(i.action.button!)).toBeLessThanOrEqual(20);
              const rows = i.action.sections!.flatMap((s) => s.rows);
              expect(rows.length).toBeLessThanOrEqual(LIMITS.rows);
              for (const r of rows) {
                expect(chars(r.title)).toBeLessThanOrEqual(LIMITS.rowTitle);
                expect(chars(r.description ?? "")).toBeLessThanOrEqual(LIMITS.rowDescription);
              }
            }
          }
          // Each prompt's options reach the person: as buttons or rows by id, or numbered in the text.
          const sent = JSON.stringify(bodies);
          for (const p of prompts) {
            const form = interactiveForm(p);
            for (const [n, o] of optionsOf(p).entries()) {
              if (form.kind === "text") expect(form.text).toContain(`${n + 1}. ${o.label}`);
              else expect(sent).toContain(JSON.stringify(o.id));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("uses buttons for up to three short options and a list for up to ten", () => {
    const choice = (labels: string[]): Prompt => ({
      kind: "choice",
      text: "Escolha",
      options: labels.map((label, i) => ({ id: `o${i}`, label })),
    });
    expect(interactiveForm(choice(["Baixa", "Média", "Alta"])).kind).toBe("buttons");
    expect(interactiveForm(choice(["Um", "Dois", "Três", "Quatro"])).kind).toBe("list");
    expect(interactiveForm(choice(["Um rótulo de vinte e um"])).kind).toBe("list");
    expect(interactiveForm(choice(Array.from({ length: 11 }, (_, i) => `Opção ${i}`))).kind).toBe("text");
    expect(interactiveForm(choice(["Um rótulo longo demais para a lista"])).kind).toBe("text");
    const long: Prompt = { kind: "choice", text: "x".repeat(1025), options: [{ id: "a", label: "A" }] };
    expect(interactiveForm(long)).toEqual({ kind: "text", text: renderAsText(long) });
  });

  it("splits long texts into parts WhatsApp accepts, losing nothing but the line breaks it cut at", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400, unit: "grapheme" }),
        fc.integer({ min: 10, max: 60 }),
        (value, max) => {
          const parts = splitText(value, max);
          for (const part of parts) expect(chars(part)).toBeLessThanOrEqual(max);
          expect(parts.join("").replaceAll("\n", "")).toBe(value.replaceAll("\n", ""));
        },
      ),
    );
  });
});
