import type { PrismaClient } from "./client.js";
import { TX_OPTIONS } from "./client.js";

/** A Slack message: its conversation and timestamp (Slack's message id within the conversation). */
export interface SlackMessageRef {
  readonly channel: string;
  readonly ts: string;
}

/** Where a ticket lives in Slack: the agents' root message, and the requester's DM thread when on Slack. */
export interface SlackTicketRefs {
  readonly agents: SlackMessageRef | null;
  readonly dm: SlackMessageRef | null;
}

export type SlackRefPart = keyof SlackTicketRefs;

const PART = /^(agents|dm)=([A-Z0-9]+)\/(\d+\.\d+)$/;

/**
 * Ticket.agentThreadRef holds "agents=C123/1700000000.000100;dm=D456/1700000000.000200". Slack's
 * ts always has six decimals, so "agents=<channel>/<ts>" never matches another message's ref.
 */
export const formatSlackRefs = (refs: SlackTicketRefs): string | null => {
  const parts = (["agents", "dm"] as const).flatMap((part) => {
    const ref = refs[part];
    return ref ? [`${part}=${ref.channel}/${ref.ts}`] : [];
  });
  return parts.length > 0 ? parts.join(";") : null;
};

export const parseSlackRefs = (raw: string | null): SlackTicketRefs => {
  const refs: { agents: SlackMessageRef | null; dm: SlackMessageRef | null } = { agents: null, dm: null };
  for (const item of raw?.split(";") ?? []) {
    const match = PART.exec(item.trim());
    if (match) refs[match[1] as SlackRefPart] = { channel: match[2]!, ts: match[3]! };
  }
  return refs;
};

const token = (part: SlackRefPart, ref: SlackMessageRef) => `${part}=${ref.channel}/${ref.ts}`;

export interface ReplyDelivery {
  readonly key: string;
  readonly state: "PENDING" | "DELIVERED" | "FAILED" | "CANCELLED";
  readonly attempts: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface DeliveryState {
  readonly key: string;
  readonly state: ReplyDelivery["state"];
  /** What the platform reported after delivery (SENT, DELIVERED, READ), where it reports anything. */
  readonly receipt: string | null;
}

/**
 * The Slack channel's own storage: where each ticket's threads are, which inbound events were
 * already handled, and which outbox item an agent's thread reply became.
 */
export const createSlackThreadStore = (prisma: PrismaClient) => ({
  async refs(ticketId: string): Promise<SlackTicketRefs> {
    const row = await prisma.ticket.findUnique({ where: { id: ticketId }, select: { agentThreadRef: true } });
    return parseSlackRefs(row?.agentThreadRef ?? null);
  },

  /**
   * Records one part, keeping the other. Not a ticket change: no version bump and no event, since
   * where Slack shows a ticket is bookkeeping of this channel, not part of the ticket's history.
   */
  setRef: (ticketId: string, part: SlackRefPart, ref: SlackMessageRef): Promise<void> =>
    prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ ref: string | null }[]>`
        SELECT agent_thread_ref AS ref FROM ticket WHERE id = ${ticketId}::uuid FOR UPDATE`;
      const merged = { ...parseSlackRefs(rows[0]?.ref ?? null), [part]: ref };
      await tx.ticket.update({ where: { id: ticketId }, data: { agentThreadRef: formatSlackRefs(merged) } });
    }, TX_OPTIONS),

  /** The ticket whose agents' root (or DM root) is this message. */
  async findByThread(
    part: SlackRefPart,
    ref: SlackMessageRef,
  ): Promise<{ id: string; number: number } | null> {
    const wanted = token(part, ref);
    const rows = await prisma.ticket.findMany({
      where: { agentThreadRef: { contains: wanted } },
      select: { id: true, number: true, agentThreadRef: true },
      take: 5,
    });
    const found = rows.find((row) => row.agentThreadRef?.split(";").includes(wanted));
    return found ? { id: found.id, number: found.number } : null;
  },

  /** First sight of an inbound event across every instance: true once, false for redeliveries. */
  async claim(key: string): Promise<boolean> {
    const { count } = await prisma.inboundReceipt.createMany({ data: [{ key }], skipDuplicates: true });
    return count === 1;
  },

  /** Forgets a claim whose processing failed, so Slack's retry is processed. */
  async release(key: string): Promise<void> {
    await prisma.inboundReceipt.deleteMany({ where: { key } });
  },

  async pruneClaims(prefix: string, before: Date): Promise<number> {
    const { count } = await prisma.inboundReceipt.deleteMany({
      where: { key: { startsWith: prefix }, receivedAt: { lt: before } },
    });
    return count;
  },

  /**
   * The outbox item an agent's reply became. The reply's event carries the Slack message as its
   * source key; the policy writes the item in the same change, stamped with the event's time.
   */
  async replyDelivery(sourceKey: string): Promise<ReplyDelivery | null> {
    const rows = await prisma.$queryRaw<ReplyDelivery[]>`
      SELECT o.key, o.state::text AS state, o.attempts, o.payload
      FROM ticket_event e
      JOIN outbox_item o ON o.ticket_id = e.ticket_id AND o.kind = 'agent_reply'
        AND (o.payload->>'at')::timestamptz = e.created_at
      WHERE e.source_key = ${sourceKey}
      ORDER BY o.id
      LIMIT 1`;
    return rows[0] ?? null;
  },

  async deliveryStates(keys: readonly string[]): Promise<DeliveryState[]> {
    if (keys.length === 0) return [];
    return prisma.outboxItem.findMany({
      where: { key: { in: [...keys] } },
      select: { key: true, state: true, receipt: true },
    });
  },
});

export type SlackThreadStore = ReturnType<typeof createSlackThreadStore>;
