import { describe, expect, it } from "vitest";
import { createContentInspector } from "../../src/adapters/files/content-inspector.js";
import { DEFAULT_ATTACHMENT_RULES } from "../../src/core/attachments/rules.js";
import { stillSendable } from "../../src/core/conversation/file-copy.js";
import { tinyPdf, tinyPng } from "./support/samples.js";

const inspector = createContentInspector();
const meta = (bytes: Uint8Array, contentType: string) => ({
  id: "a1",
  fileName: "f",
  contentType,
  size: bytes.byteLength,
  sha256: "x",
  storageKey: "k",
});

describe("a stored file is checked again before it is sent back", () => {
  it("sends what still is what was stored", async () => {
    const pdf = tinyPdf();
    expect(await stillSendable(meta(pdf, "application/pdf"), pdf, DEFAULT_ATTACHMENT_RULES, inspector)).toBe(
      true,
    );
  });

  it("refuses other bytes than recorded, a type no longer allowed, or a size over today's limit", async () => {
    const pdf = tinyPdf();
    const png = tinyPng();
    const rules = DEFAULT_ATTACHMENT_RULES;
    expect(await stillSendable(meta(pdf, "image/png"), pdf, rules, inspector)).toBe(false);
    expect(await stillSendable({ ...meta(pdf, "application/pdf"), size: 1 }, pdf, rules, inspector)).toBe(
      false,
    );
    const noPng = { ...rules, allowedTypes: ["pdf"] };
    expect(await stillSendable(meta(png, "image/png"), png, noPng, inspector)).toBe(false);
    const tiny = { ...rules, maxBytes: 10 };
    expect(await stillSendable(meta(pdf, "application/pdf"), pdf, tiny, inspector)).toBe(false);
  });
});
