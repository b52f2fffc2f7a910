import type { SavedReplyRepository } from "../../../core/ports/saved-replies.js";
import type { SavedReply } from "../../../core/replies/saved-reply.js";
import type { PrismaClient } from "./client.js";

type Row = NonNullable<Awaited<ReturnType<PrismaClient["savedReply"]["findUnique"]>>>;

const toReply = (row: Row): SavedReply => ({
  name: row.name,
  department: row.department,
  texts: {
    ...(row.textPtBr !== null ? { "pt-BR": row.textPtBr } : {}),
    ...(row.textEn !== null ? { en: row.textEn } : {}),
  },
  status: row.status,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

export const createPrismaSavedReplies = (prisma: PrismaClient): SavedReplyRepository => ({
  list: async () => (await prisma.savedReply.findMany({ orderBy: { name: "asc" } })).map(toReply),
  async find(name) {
    const row = await prisma.savedReply.findUnique({ where: { name } });
    return row ? toReply(row) : null;
  },
  async save(reply) {
    const fields = {
      department: reply.department,
      textPtBr: reply.texts["pt-BR"] ?? null,
      textEn: reply.texts.en ?? null,
      status: reply.status,
      updatedAt: reply.updatedAt,
      updatedBy: reply.updatedBy,
    };
    const row = await prisma.savedReply.upsert({
      where: { name: reply.name },
      create: { name: reply.name, ...fields },
      update: fields,
    });
    return toReply(row);
  },
  async remove(name) {
    const { count } = await prisma.savedReply.deleteMany({ where: { name } });
    return count > 0;
  },
});
