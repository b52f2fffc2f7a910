import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.js";
import type { DeliveryState, SlackMessageRef, SlackThreadStore } from "../storage/prisma/slack-threads.js";
import type { SlackWebClient } from "./clients.js";
import { slackErrorCode } from "./errors.js";
import { DELIVERY_REACTION, type DeliveryMark } from "./ids.js";
import type { RelayLog } from "./relay-log.js";

/** Delivered replies are watched this long for a read receipt, then left as delivered. */
const WATCH_READ_MS = 24 * 60 * 60_000;

const markOf = (state: DeliveryState): DeliveryMark | "gone" | null => {
  switch (state.state) {
    case "PENDING":
      return "queued";
    case "DELIVERED":
      return state.receipt === "READ" ? "read" : "delivered";
    case "FAILED":
      return "failed";
    case "CANCELLED":
      return "gone";
  }
};

/**
 * Keeps the reaction on each agent's thread reply in step with its outbox item: queued while it
 * waits (grace period, retries), delivered, read where the requester's channel reports it, failed.
 */
export const createDeliveryReactions = (deps: {
  client: SlackWebClient;
  store: Pick<SlackThreadStore, "deliveryStates">;
  relays: RelayLog;
  clock: Clock;
  logger: Logger;
}) => {
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

  const show = async (message: SlackMessageRef, from: DeliveryMark | null, to: DeliveryMark) => {
    if (from === to) return;
    if (from) await react(message, DELIVERY_REACTION[from], false);
    await react(message, DELIVERY_REACTION[to], true);
  };

  return {
    show,
    /** The lock on a reply that stayed an internal note. */
    note: (message: SlackMessageRef) => react(message, DELIVERY_REACTION.note, true),

    /** One pass over the replies being watched; returns how many reactions changed. */
    async refresh(): Promise<number> {
      const relays = await deps.relays.all();
      if (relays.length === 0) return 0;
      const states = new Map(
        (await deps.store.deliveryStates(relays.map((r) => r.key))).map((s) => [s.key, s]),
      );
      const now = deps.clock.now().getTime();
      let changed = 0;
      for (const relay of relays) {
        const state = states.get(relay.key);
        const mark = state ? markOf(state) : "gone";
        if (mark === "gone" || mark === null) {
          await deps.relays.remove(relay.key);
          continue;
        }
        if (mark !== relay.shown) {
          await show(relay, relay.shown, mark);
          changed += 1;
        }
        const settled =
          mark === "failed" || mark === "read" || (mark === "delivered" && now - relay.at > WATCH_READ_MS);
        if (settled) await deps.relays.remove(relay.key);
        else if (mark !== relay.shown) await deps.relays.put({ ...relay, shown: mark });
      }
      return changed;
    },
  };
};

export type DeliveryReactions = ReturnType<typeof createDeliveryReactions>;
