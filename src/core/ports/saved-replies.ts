import type { SavedReply } from "../replies/saved-reply.js";

/** Saved replies, by their unique name. Implemented in memory and with Prisma; one contract checks both. */
export interface SavedReplyRepository {
  list(): Promise<SavedReply[]>;
  find(name: string): Promise<SavedReply | null>;
  /** Creates it, or replaces the one with the same name. */
  save(reply: SavedReply): Promise<SavedReply>;
  /** True when there was one to remove. */
  remove(name: string): Promise<boolean>;
}
