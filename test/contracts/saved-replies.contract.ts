import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SavedReplyRepository } from "../../src/core/ports/saved-replies.js";
import type { SavedReply } from "../../src/core/replies/saved-reply.js";

const reply = (name: string, fields: Partial<SavedReply> = {}): SavedReply => ({
  name,
  department: null,
  texts: { "pt-BR": "Olá {{requester_name}}", en: "Hello {{requester_name}}" },
  status: null,
  updatedAt: new Date("2026-12-01T12:00:00.000Z"),
  updatedBy: "Carla",
  ...fields,
});

/** Saved replies keep every field, are replaced by name and listed by name, on every store. */
export const savedRepliesContract = (
  name: string,
  open: () => Promise<{ replies: SavedReplyRepository; close(): Promise<void> }>,
) => {
  describe(`saved replies contract: ${name}`, () => {
    let store: Awaited<ReturnType<typeof open>>;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it("stores, finds, replaces by name, lists by name and removes", async () => {
      const { replies } = store;
      expect(await replies.list()).toEqual([]);
      const solved = reply("solved", { department: "technical", status: "SOLVED", texts: { en: "Done." } });
      expect(await replies.save(solved)).toEqual(solved);
      await replies.save(reply("ask-logs"));
      expect(await replies.find("solved")).toEqual(solved);
      expect(await replies.find("nope")).toBeNull();
      const changed = reply("solved", { texts: { "pt-BR": "Resolvido." }, updatedBy: "Bruno" });
      await replies.save(changed);
      expect(await replies.find("solved")).toEqual(changed);
      expect((await replies.list()).map((r) => r.name)).toEqual(["ask-logs", "solved"]);
      expect(await replies.remove("solved")).toBe(true);
      expect(await replies.remove("solved")).toBe(false);
      expect((await replies.list()).map((r) => r.name)).toEqual(["ask-logs"]);
    });
  });
};
