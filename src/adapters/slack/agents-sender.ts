import type { types } from "@slack/bolt";
import { type SendOutcome, sent } from "../../core/outbox/delivery.js";
import type { AttachmentRef, PayloadOf } from "../../core/outbox/payloads.js";
import type { Ticket } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import {
  changeBlocks,
  changeLines,
  deliveryFailedText,
  requesterMessageText,
  slaAlertText,
} from "./agent-lines.js";
import { agentLang, agentView, channelFor, type SlackDeps } from "./deps.js";
import { slackErrorCode } from "./errors.js";
import { uploadFiles } from "./files.js";
import { slackCatalogues } from "./i18n/index.js";
import { type OpeningMessage, rootMessage } from "./root-message.js";
import { findPostedRoot, rootMetadata } from "./root-metadata.js";
import { pickInTurn } from "./round-robin.js";
import { agentIdOf, messageLink } from "./text.js";
import type { SlackMessageRef } from "./threads.js";
import { escalate, escalationMention } from "./tools/escalation.js";

export type AgentPayload =
  | PayloadOf<"ticket_created">
  | PayloadOf<"requester_message">
  | PayloadOf<"ticket_updated">
  | PayloadOf<"delivery_failed">
  | PayloadOf<"sla_alert">
  | PayloadOf<"sla_escalation">;

/** The ticket an item is about was deleted: nothing left to show agents. */
export class TicketGoneError extends Error {
  override readonly name = "TicketGoneError";
}

/**
 * Deliveries to the agents' channel. Each ticket is one root message (fields, SLA, buttons) in its
 * department's channel, kept current with chat.update; everything else goes into its thread.
 */
export const createAgentDeliveries = (deps: SlackDeps) => {
  const client = deps.clients.delivery;

  const current = async (ticketId: string): Promise<Ticket> => {
    const ticket = await deps.tickets.findById(ticketId);
    if (!ticket) throw new TicketGoneError(`ticket ${ticketId} no longer exists`);
    return ticket;
  };

  const opening = async (
    ticket: Ticket,
  ): Promise<{ message: OpeningMessage; files: readonly AttachmentRef[] }> => {
    const first = (await deps.tickets.events(ticket.id)).find((e) => e.kind === "MESSAGE");
    const files = first?.attachments ?? [];
    return { message: { body: first?.body ?? null, fileNames: files.map((f) => f.fileName) }, files };
  };

  const post = async (
    channel: string,
    threadTs: string | undefined,
    text: string,
    blocks?: types.KnownBlock[],
  ): Promise<string> => {
    const answer = await client.chat.postMessage({
      channel,
      text,
      ...(blocks ? { blocks } : {}),
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: false,
    });
    return String(answer.ts);
  };

  const uploadAttachments = async (target: SlackMessageRef, files: readonly AttachmentRef[]) => {
    const loaded = await Promise.all(
      files.map(async (f) => ({ fileName: f.fileName, bytes: await deps.blobs.get(f.storageKey) })),
    );
    await uploadFiles(client, { channel: target.channel, threadTs: target.ts }, loaded);
  };

  /** Posts a root carrying the ticket's id as metadata, the one thing a lost ref can be found by. */
  const postRoot = async (
    channel: string,
    ticket: Ticket,
    message: OpeningMessage,
  ): Promise<SlackMessageRef> => {
    const answer = await client.chat.postMessage({
      channel,
      ...rootMessage(ticket, message, agentView(deps)),
      metadata: rootMetadata(ticket.id),
      unfurl_links: false,
    });
    return { channel: String(answer.channel ?? channel), ts: String(answer.ts) };
  };

  /** A root an earlier attempt posted but did not live to record; only asked on a retry. */
  const lostRoot = async (
    channel: string,
    ticket: Ticket,
    except?: string,
  ): Promise<SlackMessageRef | null> => {
    const bot = await deps.bot();
    const search = await findPostedRoot(client, bot, channel, ticket, except).catch((error: unknown) => {
      // A refusal (a missing history scope) must not hold the ticket back: post, as before lookups.
      const code = slackErrorCode(error);
      if (code === null) throw error;
      deps.logger.warn({ ticketId: ticket.id, channel, code }, "slack: root lookup refused; posting");
      return { found: null, complete: true } as const;
    });
    if (search.found) {
      deps.logger.warn(
        { ticketId: ticket.id, root: search.found },
        "slack: found an unrecorded root; using it",
      );
      await deps.threads.setRef(ticket.id, "agents", search.found);
    } else if (!search.complete) {
      deps.logger.warn({ ticketId: ticket.id, channel }, "slack: root lookup hit its page bound; posting");
    }
    return search.found;
  };

  /**
   * Posts the root message (and the opening message's files in its thread) unless the ticket has
   * one. `retried`: an earlier attempt may have posted it, so Slack is asked before posting again.
   */
  const ensureRoot = async (
    ticketId: string,
    retried: boolean,
  ): Promise<{ root: SlackMessageRef; ticket: Ticket; created: boolean }> => {
    const ticket = await current(ticketId);
    const existing = await deps.threads.ref(ticketId, "agents");
    if (existing) return { root: existing, ticket, created: false };
    const { message, files } = await opening(ticket);
    const channel = channelFor(deps.settings, ticket.department);
    const lost = retried ? await lostRoot(channel, ticket) : null;
    const root = lost ?? (await postRoot(channel, ticket, message));
    // Recorded before anything else can fail, so a retry finds the root instead of posting another.
    if (!lost) await deps.threads.setRef(ticketId, "agents", root);
    // Files go up only after the ref is recorded: a found root never had them.
    await uploadAttachments(root, files);
    // A found root was rendered back then; not `created`, so a refresh brings it up to date.
    return { root, ticket, created: lost === null };
  };

  const refreshRoot = async (ticketId: string, retried: boolean): Promise<SlackMessageRef> => {
    const { root, ticket, created } = await ensureRoot(ticketId, retried);
    if (created) return root;
    const { message } = await opening(ticket);
    try {
      await client.chat.update({
        channel: root.channel,
        ts: root.ts,
        ...rootMessage(ticket, message, agentView(deps)),
      });
      return root;
    } catch (error) {
      const code = slackErrorCode(error);
      if (code !== "message_not_found" && code !== "cant_update_message") throw error;
      // Someone deleted the root: the ticket gets a new one rather than going dark.
      deps.logger.warn({ ticketId, root }, "slack: root message gone; posting it again");
      const found = retried ? await lostRoot(root.channel, ticket, root.ts) : null;
      if (found) return found;
      const again = await postRoot(root.channel, ticket, message);
      await deps.threads.setRef(ticketId, "agents", again);
      return again;
    }
  };

  /**
   * A ticket moved to a department with its own channel: a root there becomes the ticket's, and the
   * old thread keeps a link to it (its old root shows the new department). Null when nothing moved.
   */
  const followDepartment = async (ticketId: string, retried: boolean): Promise<SlackMessageRef | null> => {
    const ticket = await current(ticketId);
    const old = await deps.threads.ref(ticketId, "agents");
    const channel = channelFor(deps.settings, ticket.department);
    if (!old || old.channel === channel) return null;
    const { message } = await opening(ticket);
    const lost = retried ? await lostRoot(channel, ticket) : null;
    const root = lost ?? (await postRoot(channel, ticket, message));
    if (!lost) await deps.threads.setRef(ticketId, "agents", root);
    const words = slackCatalogues[agentLang(deps)].thread;
    const link = messageLink((await deps.bot()).url, root.channel, root.ts);
    await post(old.channel, old.ts, words.movedTo(`<#${root.channel}>`, link));
    await post(root.channel, root.ts, words.movedFrom(`<#${old.channel}>`));
    await client.chat
      .update({ channel: old.channel, ts: old.ts, ...rootMessage(ticket, message, agentView(deps)) })
      .catch((error: unknown) => {
        // The old root is only a signpost now: gone or locked, the ticket lives on in its new one.
        if (slackErrorCode(error) === null) throw error;
      });
    return root;
  };

  /** Round-robin: the next agent of the ticket's channel (or user group), other bots left out. */
  const assignInTurn = async (ticket: Ticket, root: SlackMessageRef) => {
    if (!deps.settings.roundRobin || ticket.assignee) return;
    const bot = await deps.bot();
    const members = [...(await deps.access.membersOf(root.channel))].filter((id) => id !== bot.userId);
    const people = await Promise.all(members.map((id) => deps.people.get(id)));
    const pick = pickInTurn(
      people.filter((p) => !p.isBot).map((p) => p.id),
      ticket.number,
    );
    if (!pick) return;
    const person = people.find((p) => p.id === pick)!;
    const assigned = await deps.service.assign({ kind: "system" }, formatTicketId(ticket.number), {
      assignee: { id: agentIdOf(pick), name: person.name },
      sourceKey: `slack:round-robin:${ticket.id}`,
    });
    if (!assigned.ok)
      deps.logger.warn(
        { ticketId: ticket.id, error: assigned.error },
        "slack: round-robin assignment refused",
      );
  };

  return {
    /** The recorded root of a ticket_created item; one posted but not recorded is found by `send`. */
    async findRoot(ticketId: string): Promise<string | null> {
      return (await deps.threads.ref(ticketId, "agents"))?.ts ?? null;
    },

    /** `retried`: the item was attempted before, so its root may be in Slack unrecorded. */
    async send(payload: AgentPayload, retried: boolean): Promise<SendOutcome> {
      const view = agentView(deps);
      switch (payload.kind) {
        case "ticket_created": {
          const { root, ticket } = await ensureRoot(payload.ticket.id, retried);
          await assignInTurn(ticket, root);
          return sent(root.ts);
        }
        case "requester_message": {
          const { root } = await ensureRoot(payload.ticket.id, retried);
          const ts = await post(root.channel, root.ts, requesterMessageText(payload, view));
          await uploadAttachments(root, payload.attachments);
          return sent(ts);
        }
        case "ticket_updated": {
          const moved = payload.changes.some((c) => c.field === "department")
            ? await followDepartment(payload.ticket.id, retried)
            : null;
          const root = moved ?? (await refreshRoot(payload.ticket.id, retried));
          return sent(
            await post(root.channel, root.ts, changeLines(payload, view), changeBlocks(payload, view)),
          );
        }
        case "delivery_failed": {
          const { root } = await ensureRoot(payload.ticket.id, retried);
          return sent(await post(root.channel, root.ts, deliveryFailedText(payload, view)));
        }
        case "sla_alert": {
          const root = await refreshRoot(payload.ticket.id, retried);
          const mentionTo = escalationMention(deps.settings.escalation.mention);
          return sent(await post(root.channel, root.ts, slaAlertText(payload, view, mentionTo)));
        }
        case "sla_escalation": {
          const root = await ensureRoot(payload.ticket.id, retried);
          return sent(await escalate(deps, payload, root.root, view));
        }
      }
    },
  };
};
