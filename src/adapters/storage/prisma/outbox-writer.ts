import type { OutboxDraft } from "../../../core/outbox/outbox-draft.js";
import type { Outbox } from "../../../core/ports/outbox.js";
import type { Prisma, PrismaClient, Tx } from "./client.js";

/** Inserts drafts, skipping keys already written; used inside ticket transactions and on its own. */
export const insertOutbox = async (db: Tx, items: readonly OutboxDraft[]): Promise<void> => {
  if (items.length === 0) return;
  await db.outboxItem.createMany({
    data: items.map((item) => ({
      key: item.key,
      channel: item.channel,
      kind: item.kind,
      ticketId: item.ticketId,
      scope: item.scope,
      payload: item.payload as Prisma.InputJsonValue,
      availableAt: item.availableAt,
      createdAt: item.availableAt,
      causeKey: item.causeKey ?? null,
    })),
    skipDuplicates: true,
  });
};

export const createPrismaOutbox = (prisma: PrismaClient): Outbox => ({
  enqueue: (drafts) => insertOutbox(prisma, drafts),
});
