import { type OutboxItem, permanentFailure, type SendOutcome } from "../../core/outbox/delivery.js";
import { DIALOGUE_ANSWER, parseOutboxPayload } from "../../core/outbox/payloads.js";
import type { ChannelSender } from "../../core/ports/channel-sender.js";
import { type AgentPayload, createAgentDeliveries, TicketGoneError } from "./agents-sender.js";
import { channelFor, type SlackDeps } from "./deps.js";
import { sendOutcomeOf } from "./errors.js";
import { createRequesterDeliveries, type RequesterPayload } from "./requester-sender.js";

/**
 * The outbox's way into Slack: agents' items to the agents' channel of the ticket's department,
 * requesters' items to the DM thread of requesters who are on Slack.
 */
export const createSlackSender = (
  deps: SlackDeps,
  openDm: (user: string) => Promise<string>,
): ChannelSender => {
  const agents = createAgentDeliveries(deps);
  const requesters = createRequesterDeliveries(deps, openDm);

  return {
    channel: "SLACK",

    // Slack limits posting per channel: all of a department's tickets share one bucket.
    destination(item) {
      const payload = item.payload as { audience?: unknown; ticket?: { department?: unknown } };
      if (payload.audience === "agents" && typeof payload.ticket?.department === "string") {
        return `channel:${channelFor(deps.settings, payload.ticket.department)}`;
      }
      return item.scope;
    },

    // Only the recorded root: a root posted but not recorded is looked up in Slack by `send`, which
    // can then also upload the files and assign the ticket that the crashed attempt never did.
    async findDelivered(item: OutboxItem) {
      return item.kind === "ticket_created" && item.ticketId ? agents.findRoot(item.ticketId) : null;
    },

    async send(item: OutboxItem): Promise<SendOutcome> {
      const parsed = parseOutboxPayload(item);
      if (!parsed.ok) return permanentFailure(`invalid payload: ${parsed.error.issues.join("; ")}`);
      const payload = parsed.value;
      // Slack's requesters are answered by Slack itself (views, ephemeral messages), never by the chat engine.
      if (payload.kind === DIALOGUE_ANSWER) return permanentFailure("Slack does not queue dialogue answers");
      const toRequester = !("audience" in payload) || payload.audience === "requester";
      try {
        return toRequester
          ? await requesters.send(payload as RequesterPayload)
          : await agents.send(payload as AgentPayload, item.attempts > 1);
      } catch (error) {
        if (error instanceof TicketGoneError) return permanentFailure(error.message);
        return sendOutcomeOf(error, toRequester);
      }
    },
  };
};
