import type { Logger } from "pino";
import type { Settlement } from "../../core/outbox/delivery.js";
import type { SlackWebClient } from "./clients.js";
import { slackErrorCode } from "./errors.js";
import { DELIVERY_REACTION, type DeliveryMark } from "./ids.js";
import type { SlackMessageRef } from "./threads.js";

/** The mark an agent's reply shows for where its outbox item stands; null when it shows none any more. */
type ReplyState = Pick<Settlement, "kind" | "causeKey" | "state" | "receipt">;

const markOf = (settlement: ReplyState): DeliveryMark | null => {
  switch (settlement.state) {
    case "PENDING":
    case "HELD":
      return "queued";
    case "DELIVERED":
      // Only the platform's own receipts say more than "accepted": without one the reply stays sent.
      switch (settlement.receipt) {
        case "READ":
          return "read";
        case "DELIVERED":
          return "delivered";
        case "FAILED":
          return "failed";
        default:
          return "sent";
      }
    case "FAILED":
      return "failed";
    case "CANCELLED":
      return null;
  }
};

/** Marks a reply can have shown before reaching this one; each is taken off (gone ones cost nothing). */
const EARLIER: Readonly<Record<DeliveryMark | "none", readonly DeliveryMark[]>> = {
  queued: ["sent", "delivered"],
  sent: ["queued"],
  delivered: ["queued", "sent"],
  read: ["queued", "sent", "delivered"],
  failed: ["queued", "sent", "delivered"],
  none: ["queued"],
};

/** An agent's thread reply is the cause of its outbox item: `slack:<channel>:<ts>`. */
const replyOf = (settlement: ReplyState): SlackMessageRef | null => {
  if (settlement.kind !== "agent_reply" || !settlement.causeKey) return null;
  const match = /^slack:([A-Z0-9]+):(\d+\.\d+)$/.exec(settlement.causeKey);
  return match ? { channel: match[1]!, ts: match[2]! } : null;
};

export interface DeliveryReactions {
  /** Puts the first mark on a reply just relayed. */
  queued(message: SlackMessageRef): Promise<void>;
  /** The lock on a reply that stayed an internal note. */
  note(message: SlackMessageRef): Promise<void>;
  /** Follows one outbox change: the reply it came from shows where its delivery stands. */
  settled(settlement: ReplyState): Promise<void>;
}

/**
 * Keeps the reaction on each agent's thread reply in step with its outbox item and the platform's
 * receipts: queued while it waits (grace period, retries), sent once the platform took it, then
 * delivered and read where the requester's channel reports them (WhatsApp), or failed.
 * Driven by the outbox's settlements, in whichever instance changed the item.
 */
export const createDeliveryReactions = (deps: {
  client: SlackWebClient;
  logger: Logger;
}): DeliveryReactions => {
  const react = async (message: SlackMessageRef, name: string, add: boolean) => {
    try {
      const args = { channel: message.channel, timestamp: message.ts, name };
      await (add ? deps.client.reactions.add(args) : deps.client.reactions.remove(args));
    } catch (error) {
      // Already there, already gone, or the message was deleted: the reaction is as it should be.
      const code = slackErrorCode(error);
      if (code !== "already_reacted" && code !== "no_reaction" && code !== "message_not_found") throw error;
    }
  };

  return {
    queued: (message) => react(message, DELIVERY_REACTION.queued, true),
    note: (message) => react(message, DELIVERY_REACTION.note, true),
    async settled(settlement) {
      const message = replyOf(settlement);
      if (!message) return;
      const mark = markOf(settlement);
      for (const earlier of EARLIER[mark ?? "none"]) await react(message, DELIVERY_REACTION[earlier], false);
      if (mark) await react(message, DELIVERY_REACTION[mark], true);
    },
  };
};
