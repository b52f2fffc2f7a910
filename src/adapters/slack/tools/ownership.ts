import { catalogues } from "../../../core/i18n/index.js";
import type { CoreError } from "../../../core/ticket/errors.js";
import type { Actor, Ticket } from "../../../core/ticket/ticket.js";
import { formatTicketId } from "../../../core/ticket/ticket-ref.js";
import { agentActor, agentLang, channelFor, messageKey, type SlackDeps } from "../deps.js";
import { slackCatalogues } from "../i18n/index.js";
import { slackToolsCatalogues } from "../i18n/tools.js";
import { ACTION } from "../ids.js";
import type { Respond } from "../requester-io.js";
import { agentIdOf, escapeMrkdwn, mention } from "../text.js";
import { ticketOfOwnershipBlock } from "./ownership-block.js";

/** A reply of an agent in a ticket's thread, as the collision notice names it. */
export interface RepliedInThread {
  readonly channel: string;
  readonly user: string;
  readonly ts: string;
  readonly threadTs: string;
}

/**
 * Who owns a ticket, from Slack: assign to any member of the ticket's agents' channel, unassign,
 * take over; and the notice a second agent gets when replying to a ticket someone else owns, while
 * the reply still waits out its grace period (send anyway or cancel).
 */
export interface OwnershipHandlers {
  assignTo(
    input: { user: string; blockId: string | undefined; selectedUser: string | undefined },
    respond: Respond,
  ): Promise<void>;
  takeOver(input: { user: string; value: string | undefined }, respond: Respond): Promise<void>;
  unassign(input: { user: string; value: string | undefined }, respond: Respond): Promise<void>;
  /** Called after a public reply was queued; tells its author when someone else owns the ticket. */
  collision(reply: RepliedInThread, after: Ticket, actor: Actor): Promise<void>;
  collisionChoice(
    choice: "send" | "cancel",
    input: { user: string; value: string | undefined },
    respond: Respond,
  ): Promise<void>;
}

const ephemeral = (text: string) => ({ response_type: "ephemeral" as const, replace_original: false, text });

export const createOwnershipHandlers = (deps: SlackDeps): OwnershipHandlers => {
  const lang = () => agentLang(deps);
  const words = () => slackToolsCatalogues[lang()].ownership;
  const refused = (error: CoreError) =>
    slackCatalogues[lang()].thread.refused(escapeMrkdwn(catalogues[lang()].error(error)));

  const asAgent = async (user: string): Promise<Actor | null> =>
    (await deps.access.isAgent(user)) ? agentActor(user, (await deps.people.get(user)).name) : null;

  /** Runs an ownership change as an agent; refusals are told only to them. */
  const asOwner = async (
    user: string,
    respond: Respond,
    work: (actor: Actor & { kind: "agent" }) => Promise<{ ok: boolean; error?: CoreError } | string>,
  ) => {
    const actor = await asAgent(user);
    if (actor?.kind !== "agent")
      return void (await respond(ephemeral(slackCatalogues[lang()].thread.notAgent)));
    const done = await work(actor);
    if (typeof done === "string") return void (await respond(ephemeral(done)));
    if (!done.ok && done.error) await respond(ephemeral(refused(done.error)));
  };

  const refOf = (value: string | undefined) =>
    /^\d{1,9}$/.test(value ?? "") ? formatTicketId(Number(value)) : null;

  /** `a|b|c|d`: where the reply is and who wrote it, carried by the notice's buttons. */
  const replyValue = (reply: RepliedInThread) =>
    [reply.channel, reply.threadTs, reply.ts, reply.user].join("|");
  const parseReplyValue = (value: string | undefined): RepliedInThread | null => {
    const parts = (value ?? "").split("|");
    if (parts.length !== 4 || parts.some((p) => !/^[A-Za-z0-9.]{1,40}$/.test(p))) return null;
    const [channel, threadTs, ts, user] = parts as [string, string, string, string];
    return { channel, threadTs, ts, user };
  };

  return {
    assignTo: (input, respond) =>
      asOwner(input.user, respond, async (actor) => {
        const number = ticketOfOwnershipBlock(input.blockId);
        if (number === null || !input.selectedUser) return { ok: true };
        const found = await deps.service.detail(actor, formatTicketId(number));
        if (!found.ok) return found;
        const members = await deps.access.membersOf(channelFor(deps.settings, found.value.ticket.department));
        if (!members.has(input.selectedUser)) return words().notInChannel;
        const person = await deps.people.get(input.selectedUser);
        return deps.service.assign(actor, formatTicketId(number), {
          assignee: { id: agentIdOf(input.selectedUser), name: person.name },
        });
      }),

    takeOver: (input, respond) =>
      asOwner(input.user, respond, async (actor) => {
        const ref = refOf(input.value);
        return ref
          ? deps.service.assign(actor, ref, { assignee: { id: actor.id, name: actor.name } })
          : { ok: true };
      }),

    unassign: (input, respond) =>
      asOwner(input.user, respond, async (actor) => {
        const ref = refOf(input.value);
        return ref ? deps.service.assign(actor, ref, { assignee: null }) : { ok: true };
      }),

    async collision(reply, after, actor) {
      const graceMs = deps.shared.replyGraceMs;
      // The ticket as the reply left it: a first responder owns it already, so only another owner collides.
      const owner = after.assignee;
      if (!owner || actor.kind !== "agent" || owner.id === actor.id || graceMs <= 0) return;
      const t = words();
      const value = replyValue(reply);
      const text = t.collision(mention(owner), Math.round(graceMs / 1000));
      await deps.clients.interactive.chat.postEphemeral({
        channel: reply.channel,
        user: reply.user,
        thread_ts: reply.threadTs,
        text,
        blocks: [
          { type: "section", text: { type: "mrkdwn", text } },
          {
            type: "actions",
            elements: [
              {
                type: "button",
                action_id: ACTION.collisionSend,
                text: { type: "plain_text", text: t.sendAnyway },
                value,
              },
              {
                type: "button",
                action_id: ACTION.collisionCancel,
                style: "danger",
                text: { type: "plain_text", text: t.cancel },
                value,
              },
            ],
          },
        ],
      });
    },

    async collisionChoice(choice, input, respond) {
      const reply = parseReplyValue(input.value);
      const actor = reply && reply.user === input.user ? await asAgent(input.user) : null;
      if (!reply || !actor) return void (await respond(ephemeral(slackCatalogues[lang()].thread.notAgent)));
      const t = words();
      if (choice === "send") return void (await respond({ replace_original: true, text: t.willSend }));
      const thread = await deps.threads.findByThread("agents", {
        channel: reply.channel,
        ts: reply.threadTs,
      });
      const ticket = thread ? await deps.tickets.findById(thread.id) : null;
      const sourceKey = messageKey(reply.channel, reply.ts);
      const delivery = ticket ? await deps.outbox.findByCause(sourceKey, "agent_reply") : null;
      const cancelled = delivery ? await deps.outbox.cancel(delivery.key) : null;
      if (!ticket || !cancelled) return void (await respond({ replace_original: true, text: t.tooLate }));
      await deps.service.reply(actor, formatTicketId(ticket.number), {
        message: t.withdrawnNote(ticket.assignee?.name ?? "?"),
        internal: true,
        sourceKey: `${sourceKey}:withdrawn`,
      });
      await respond({ replace_original: true, text: t.cancelled });
    },
  };
};
