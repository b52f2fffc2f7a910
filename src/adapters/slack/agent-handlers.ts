import { catalogues } from "../../core/i18n/index.js";
import type { Result } from "../../core/shared/result.js";
import { err } from "../../core/shared/result.js";
import { LIMITS as TICKET_LIMITS } from "../../core/ticket/commands.js";
import type { CoreError } from "../../core/ticket/errors.js";
import type { Actor, Ticket } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import type { DeliveryReactions } from "./delivery-reactions.js";
import { agentActor, agentLang, isAgentChannel, messageKey, type SlackDeps } from "./deps.js";
import { checkBeforeDownload, type SlackFile } from "./files.js";
import { slackCatalogues } from "./i18n/index.js";
import { expandArticles } from "./kb-suggestions.js";
import { slackKbText } from "./kb-text.js";
import type { Respond } from "./requester-io.js";
import { parseMenuValue } from "./root-message.js";
import { clip, escapeMrkdwn, plainFromSlack } from "./text.js";
import type { OwnershipHandlers } from "./tools/ownership.js";

export type RootAction =
  | "assignMe"
  | "status"
  | "priority"
  | "department"
  | "escalate"
  | "close"
  | "contactDone";

export interface ThreadMessage {
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly threadTs: string;
  readonly text: string;
  readonly files: readonly SlackFile[];
}

/**
 * What agents do in their channel: the root message's buttons, replies in a ticket's thread
 * (relayed to the requester after the grace period, or kept as notes), and edits or deletions of
 * a reply still waiting to go out.
 */
/** An agent's message that changed in a ticket's thread. */
export interface EditedMessage {
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly threadTs?: string;
  readonly text: string;
  readonly previousText: string | null;
}

/** An agent's message that was deleted from a ticket's thread. */
export interface DeletedMessage {
  readonly channel: string;
  readonly user: string | null;
  readonly deletedTs: string;
  readonly threadTs?: string;
}

export interface AgentHandlers {
  /** A button or menu of a root message. The root itself is refreshed by the change's notification. */
  rootAction(
    action: RootAction,
    input: { user: string; value: string | undefined },
    respond: Respond,
  ): Promise<void>;
  /** An agent's message in a ticket's thread: a reply to the requester, or a note with the prefix. */
  threadMessage(message: ThreadMessage): Promise<void>;
  /** An edited reply: while it still waits in the outbox, what goes out changes with it. */
  messageChanged(event: EditedMessage): Promise<void>;
  /** A deleted reply: while it still waits in the outbox, it is not sent at all. */
  messageDeleted(event: DeletedMessage): Promise<void>;
}

export const createAgentHandlers = (
  deps: SlackDeps,
  reactions: DeliveryReactions,
  ownership: Pick<OwnershipHandlers, "collision">,
): AgentHandlers => {
  const client = deps.clients.interactive;
  const words = () => slackCatalogues[agentLang(deps)];
  // Refusals quote what was sent (a file name, a ref): escaped like any other user text.
  const problem = (error: CoreError) =>
    words().thread.refused(escapeMrkdwn(catalogues[agentLang(deps)].error(error)));

  const tell = (message: { channel: string; user: string; threadTs?: string | undefined }, text: string) =>
    client.chat.postEphemeral({
      channel: message.channel,
      user: message.user,
      text,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    });

  /** Only members of an agents' channel (or the agents' user group) act on tickets; checked on every action. */
  const asAgent = async (user: string): Promise<Actor | null> => {
    if (!(await deps.access.isAgent(user))) return null;
    return agentActor(user, (await deps.people.get(user)).name);
  };

  /** The outbox item an agent's thread reply became (the reply's Slack message is its cause). */
  const replyDelivery = (sourceKey: string) => deps.outbox.findByCause(sourceKey, "agent_reply");

  const ticketOfThread = (channel: string, threadTs: string | undefined) =>
    threadTs && isAgentChannel(deps.settings, channel)
      ? deps.threads.findByThread("agents", { channel, ts: threadTs })
      : Promise.resolve(null);

  const act = (
    action: RootAction,
    actor: Actor,
    value: string | undefined,
  ): Promise<Result<Ticket, CoreError>> | null => {
    if (action === "status" || action === "priority" || action === "department") {
      const chosen = parseMenuValue(value);
      if (!chosen) return null;
      const ref = formatTicketId(chosen.ticketNumber);
      if (action === "department")
        return deps.service.changeDepartment(actor, ref, { department: chosen.choice });
      return action === "status"
        ? deps.service.changeStatus(actor, ref, { status: chosen.choice })
        : deps.service.changePriority(actor, ref, { priority: chosen.choice });
    }
    if (!/^\d{1,9}$/.test(value ?? "")) return null;
    const ref = formatTicketId(Number(value));
    switch (action) {
      case "assignMe":
        return actor.kind === "agent"
          ? deps.service.assign(actor, ref, { assignee: { id: actor.id, name: actor.name } })
          : null;
      case "escalate":
        return deps.service.changeStatus(actor, ref, { status: "ESCALATED" });
      case "close":
        return deps.service.changeStatus(actor, ref, { status: "SOLVED" });
      case "contactDone":
        return deps.service.contactDone(actor, ref);
    }
  };

  return {
    async rootAction(action, input, respond) {
      const actor = await asAgent(input.user);
      if (!actor)
        return void (await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: words().thread.notAgent,
        }));
      const done = await act(action, actor, input.value);
      if (done && !done.ok)
        await respond({ response_type: "ephemeral", replace_original: false, text: problem(done.error) });
      // An agent working a ticket from its root message has read what the requester wrote.
      if (done?.ok) await deps.service.markRead(actor, formatTicketId(done.value.number));
    },

    async threadMessage(message) {
      const ticket = await ticketOfThread(message.channel, message.threadTs);
      if (!ticket) return;
      const actor = await asAgent(message.user);
      if (!actor) return void (await tell(message, words().thread.notAgent));
      // [[KB-12]] in a reply becomes the article's text, for the requester to read in their chat.
      const expanded = await expandArticles(deps.knowledge, plainFromSlack(message.text).trim());
      if (!expanded.ok)
        return void (await tell(
          message,
          escapeMrkdwn(slackKbText[agentLang(deps)].articleMissing(expanded.ref)),
        ));
      const text = expanded.text;
      const prefix = deps.settings.notePrefix.toLowerCase();
      const internal = text.toLowerCase().startsWith(prefix);
      const checked = checkBeforeDownload(message.files, {
        maxFiles: deps.shared.attachments.maxFiles,
        maxBytes: deps.shared.attachments.maxBytes,
      });
      const files = checked.ok ? await deps.files.download(checked.value) : checked;
      const sourceKey = messageKey(message.channel, message.ts);
      const replied = files.ok
        ? await deps.service.reply(actor, formatTicketId(ticket.number), {
            message: internal ? text.slice(prefix.length).trim() : text,
            attachments: files.value,
            internal,
            sourceKey,
          })
        : err(files.error);
      if (!replied.ok) return void (await tell(message, problem(replied.error)));
      if (internal) return reactions.note(message);
      const delivery = await replyDelivery(sourceKey);
      // No item when the requester's channel cannot be written to from here (a ticket opened by API).
      if (!delivery) return;
      await reactions.queued(message);
      if (delivery.state === "PENDING" && delivery.attempts === 0)
        await ownership.collision({ ...message, threadTs: message.threadTs }, replied.value, actor);
      // Delivered already (no grace period): its settlement may have come before the first mark.
      const now = await replyDelivery(sourceKey);
      if (now && now.state !== "PENDING")
        await reactions.settled({ ...now, kind: "agent_reply", causeKey: sourceKey });
    },

    async messageChanged(event) {
      if (event.text === event.previousText) return;
      const ticket = await ticketOfThread(event.channel, event.threadTs);
      if (!ticket) return;
      const delivery = await replyDelivery(messageKey(event.channel, event.ts));
      const actor = delivery ? await asAgent(event.user) : null;
      if (!delivery || !actor) return;
      const body = plainFromSlack(event.text).trim();
      const changed = await deps.outbox.reviseReply(delivery.key, body || null);
      if (!changed)
        return void (await tell({ ...event, threadTs: event.threadTs }, words().thread.editTooLate));
      const first = plainFromSlack(event.previousText ?? "").trim();
      await deps.service.reviseReply(actor, formatTicketId(ticket.number), {
        replyKey: messageKey(event.channel, event.ts),
        message: clip(body, TICKET_LIMITS.agentMessage.max),
        note: clip(words().thread.editedBeforeSending(first), TICKET_LIMITS.agentMessage.max),
        sourceKey: `${messageKey(event.channel, event.ts)}:edit:${deps.clock.now().getTime()}`,
      });
    },

    async messageDeleted(event) {
      const ticket = await ticketOfThread(event.channel, event.threadTs);
      if (!ticket || !event.user) return;
      const delivery = await replyDelivery(messageKey(event.channel, event.deletedTs));
      const actor = delivery ? await asAgent(event.user) : null;
      if (!delivery || !actor) return;
      const cancelled = await deps.outbox.cancel(delivery.key);
      if (!cancelled)
        return void (await tell(
          { channel: event.channel, user: event.user, threadTs: event.threadTs },
          words().thread.deleteTooLate,
        ));
      await deps.service.withdrawReply(actor, formatTicketId(ticket.number), {
        replyKey: messageKey(event.channel, event.deletedTs),
        note: words().thread.withdrawnBeforeSending,
        sourceKey: `${messageKey(event.channel, event.deletedTs)}:withdrawn`,
      });
    },
  };
};
