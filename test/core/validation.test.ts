import { describe, expect, it } from "vitest";
import { catalogues } from "../../src/core/i18n/index.js";
import { createTicketCommand, replyCommand } from "../../src/core/ticket/commands.js";
import { DEFAULT_TAXONOMY } from "../../src/core/ticket/taxonomy.js";
import { charCount, validate } from "../../src/core/ticket/validation.js";

const schema = createTicketCommand(DEFAULT_TAXONOMY);
const valid = {
  subject: "Sem acesso",
  department: "Sales",
  priority: "LOW",
  type: "support",
  message: "Olá",
};

describe("command validation", () => {
  it("accepts a valid ticket, trimming text and normalizing codes", () => {
    const result = validate(schema, { ...valid, subject: "  Sem acesso  " });
    expect(result).toMatchObject({
      ok: true,
      value: { subject: "Sem acesso", department: "sales", attachments: [] },
    });
  });

  it("lists every field's problem at once", () => {
    const result = validate(schema, {
      subject: "ab",
      department: "legal",
      priority: "URGENT",
      message: "x".repeat(1001),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({
      code: "VALIDATION_FAILED",
      issues: [
        { field: "subject", problem: { code: "TOO_SHORT", min: 3, actual: 2 } },
        { field: "department", problem: { code: "NOT_ONE_OF", allowed: ["technical", "sales", "general"] } },
        { field: "priority", problem: { code: "NOT_ONE_OF", allowed: ["LOW", "MEDIUM", "HIGH"] } },
        { field: "type", problem: { code: "REQUIRED" } },
        { field: "message", problem: { code: "TOO_LONG", max: 1000, actual: 1001 } },
      ],
    });
  });

  it("explains problems in Portuguese and English", () => {
    const result = validate(schema, { ...valid, message: "x".repeat(1200) });
    if (result.ok) throw new Error("expected failure");
    expect(catalogues["pt-BR"].error(result.error)).toBe(
      "Mensagem: use no máximo 1000 caracteres (você usou 1200).",
    );
    expect(catalogues.en.error(result.error)).toBe("Message: use at most 1000 characters (you used 1200).");
  });

  it("counts characters as people do", () => {
    expect(charCount("ação 👍🏽")).toBe(7);
    const emoji = "😀".repeat(1000);
    expect(validate(schema, { ...valid, message: emoji }).ok).toBe(true);
    expect(validate(schema, { ...valid, message: `${emoji}!` }).ok).toBe(false);
  });

  it("lets a reply be files alone but not nothing at all", () => {
    const file = { fileName: "a.txt", bytes: new TextEncoder().encode("oi") };
    expect(validate(replyCommand, { message: "", attachments: [file] }).ok).toBe(true);
    const empty = validate(replyCommand, { message: "   " });
    expect(empty.ok ? null : empty.error).toEqual({
      code: "VALIDATION_FAILED",
      issues: [{ field: "message", problem: { code: "REQUIRED" } }],
    });
  });
});
