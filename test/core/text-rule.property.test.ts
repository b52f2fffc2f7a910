import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogues } from "../../src/core/i18n/index.js";
import { createTicketCommand } from "../../src/core/ticket/commands.js";
import { DEFAULT_TAXONOMY } from "../../src/core/ticket/taxonomy.js";
import { cleanText, normalizeText, textProblem } from "../../src/core/ticket/text-rule.js";
import { validate } from "../../src/core/ticket/validation.js";

const isControl = (code: number) =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

/** Any UTF-16 code unit, surrogates and controls included: what a JSON body can carry. */
const anyUnits = fc.string({ unit: "binary", maxLength: 60 });
const controlChar = fc
  .integer({ min: 0, max: 0x9f })
  .filter(isControl)
  .map((c) => String.fromCharCode(c));
const loneSurrogate = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
/** Text with no surrogate halves and no refused controls (tab, LF and CR allowed). */
const storableText = fc
  .string({ unit: "grapheme", maxLength: 60 })
  .map((s) => [...s].filter((c) => !isControl(c.codePointAt(0)!)).join(""));

const schema = createTicketCommand(DEFAULT_TAXONOMY);
const ticketWith = (subject: string) => ({
  subject,
  department: "technical",
  priority: "LOW",
  type: "support",
  message: "Olá",
});

describe("the text rule", () => {
  it("refuses any text holding a control character other than tab, LF or CR, naming it", () => {
    fc.assert(
      fc.property(storableText, controlChar, storableText, (before, control, after) => {
        const problem = textProblem(`${before}${control}${after}`);
        expect(problem).toEqual({
          code: "CONTROL_CHARACTER",
          codePoint: `U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
        });
      }),
    );
  });

  it("refuses any text holding a lone surrogate, whatever surrounds it", () => {
    fc.assert(
      fc.property(storableText, loneSurrogate, storableText, (before, half, after) => {
        // A high half followed by a low half would be a real character: keep them apart.
        const text = `${before}${half}${isSurrogate(after.charCodeAt(0)) ? ` ${after}` : after}`;
        expect(textProblem(text)).toEqual({ code: "INVALID_UNICODE" });
      }),
    );
  });

  it("accepts every well-formed text without refused controls, and stores it in NFC without CR", () => {
    fc.assert(
      fc.property(storableText, (text) => {
        expect(textProblem(text)).toBeNull();
        const stored = normalizeText(text);
        expect(stored).toBe(stored.normalize("NFC"));
        expect(stored).not.toContain("\r");
        expect(normalizeText(stored)).toBe(stored);
      }),
    );
  });

  it("cleans any sequence of code units into storable text, and cleaning twice changes nothing", () => {
    fc.assert(
      fc.property(anyUnits, (units) => {
        const cleaned = cleanText(units);
        expect(textProblem(cleaned)).toBeNull();
        expect(cleanText(cleaned)).toBe(cleaned);
      }),
    );
  });

  it("is what a ticket field applies: refused with the field named, or stored normalized and trimmed", () => {
    fc.assert(
      fc.property(anyUnits, (subject) => {
        const result = validate(schema, ticketWith(subject));
        const problem = textProblem(subject);
        if (problem) {
          expect(result).toEqual({
            ok: false,
            error: { code: "VALIDATION_FAILED", issues: [{ field: "subject", problem }] },
          });
        } else if (result.ok) {
          expect(result.value.subject).toBe(normalizeText(subject).trim());
        } else {
          expect(result.error.code === "VALIDATION_FAILED" && result.error.issues[0]?.problem.code).toMatch(
            /^(REQUIRED|TOO_SHORT|TOO_LONG)$/,
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it("explains both refusals in Portuguese and English", () => {
    const nul = validate(schema, ticketWith("Boleto\u0000"));
    const half = validate(schema, ticketWith("Boleto \uD83D"));
    if (nul.ok || half.ok) throw new Error("expected refusals");
    expect(catalogues["pt-BR"].error(nul.error)).toBe(
      "Assunto: tire o caractere de controle invisível (U+0000) e envie de novo.",
    );
    expect(catalogues.en.error(nul.error)).toBe(
      "Subject: remove the invisible control character (U+0000) and send it again.",
    );
    expect(catalogues.en.error(half.error)).toContain("Subject: holds a broken character");
    expect(catalogues["pt-BR"].error(half.error)).toContain("Assunto: tem um caractere quebrado");
  });
});
