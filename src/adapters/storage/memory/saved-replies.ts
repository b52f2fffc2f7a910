import type { SavedReplyRepository } from "../../../core/ports/saved-replies.js";
import type { SavedReply } from "../../../core/replies/saved-reply.js";

export const createMemorySavedReplies = (): SavedReplyRepository => {
  const rows = new Map<string, SavedReply>();
  return {
    list: async () => [...rows.values()].sort((a, b) => a.name.localeCompare(b.name)),
    find: async (name) => rows.get(name) ?? null,
    async save(reply) {
      rows.set(reply.name, reply);
      return reply;
    },
    remove: async (name) => rows.delete(name),
  };
};
