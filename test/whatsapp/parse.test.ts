import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWebhook } from "../../src/adapters/whatsapp/cloud/parse.js";

const PHONE_ID = "106540352242922";
const fixture = (name: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/whatsapp", name), "utf8"));
const one = (name: string) => {
  const parsed = parseWebhook(fixture(name), PHONE_ID);
  expect(parsed?.skipped).toBe(0);
  return parsed!;
};

describe("Cloud API webhook payloads, as Meta documents them", () => {
  it("reads texts, button and list replies, files and the template's quick reply", () => {
    const text = one("text-message.json").messages[0]!;
    expect(text).toEqual({
      id: "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
      from: "16505551234",
      phone: "16505551234",
      userId: null,
      name: "Sheena Nelson",
      sentAt: new Date(1749416383 * 1000),
      content: { kind: "text", text: "Does it come in another color?" },
    });
    expect(one("interactive-button-reply.json").messages[0]!.content).toEqual({
      kind: "choice",
      id: "cancel-button",
    });
    expect(one("interactive-list-reply.json").messages[0]!.content).toEqual({
      kind: "choice",
      id: "priority_express",
    });
    expect(one("image-message.json").messages[0]!.content).toEqual({
      kind: "media",
      mediaKind: "image",
      mediaId: "1003383421387256",
      mimeType: "image/jpeg",
      fileName: null,
      caption: "Black t-shirt",
    });
    expect(one("document-message.json").messages[0]!.content).toMatchObject({
      kind: "media",
      mediaKind: "document",
      fileName: "lucky-shrub-invoice.pdf",
    });
    expect(one("template-button-reply.json").messages[0]!.content).toEqual({ kind: "reengage" });
    expect(one("location-message.json").messages[0]!.content).toEqual({ kind: "unsupported" });
  });

  it("reads statuses with their errors", () => {
    expect(one("status-read.json").statuses).toEqual([
      {
        id: "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBI1RjQyNUE3NEYxMzAzMzQ5MkEA",
        status: "read",
        at: new Date(1750263773 * 1000),
        error: null,
      },
    ]);
    expect(one("status-failed.json").statuses[0]).toMatchObject({
      status: "failed",
      error: { code: 131047, title: "Re-engagement message" },
    });
  });

  it("skips other numbers, other fields and odd items without dropping the rest of the batch", () => {
    const body = fixture("text-message.json");
    const change = body.entry[0].changes[0];
    const otherNumber = structuredClone(change);
    otherNumber.value.metadata.phone_number_id = "999";
    const otherField = { field: "account_update", value: { event: "VERIFIED_ACCOUNT" } };
    change.value.messages.push({ from: "16505551234", id: "broken", type: "text" });
    body.entry[0].changes.push(otherNumber, otherField);
    const parsed = parseWebhook(body, PHONE_ID);
    expect(parsed?.messages.map((m) => m.id)).toEqual([
      "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
    ]);
    expect(parsed?.skipped).toBe(3);
    expect(parseWebhook({ object: "page", entry: [] }, PHONE_ID)).toBeNull();
  });
});
