import { conversationCatalogues } from "../../../core/i18n/index.js";
import type { PayloadOf } from "../../../core/outbox/payloads.js";
import { formatTicketId } from "../../../core/ticket/ticket-ref.js";
import type { SlackDeps } from "../deps.js";
import { slackCatalogues } from "../i18n/index.js";
import { slackToolsCatalogues } from "../i18n/tools.js";
import type { AgentView } from "../root-message.js";
import { agentIdOf, escapeMrkdwn, messageLink } from "../text.js";
import type { SlackMessageRef } from "../threads.js";

/** How an escalating alert calls someone in: a user group, or one (on-call) user. */
export const escalationMention = (id: string | null): string | null =>
  id === null ? null : id.startsWith("S") ? `<!subteam^${id}>` : `<@${id}>`;

/**
 * An escalation's steps after the thread's mention: reassign to the on-call agent (once: the
 * assignment is keyed by the alert), then tell the managers' channel with a link to the thread.
 * Returns the message that stands for the delivery.
 */
export const escalate = async (
  deps: SlackDeps,
  payload: PayloadOf<"sla_escalation">,
  root: SlackMessageRef,
  view: AgentView,
): Promise<string> => {
  const { assignTo, managersChannel } = deps.settings.escalation;
  const ref = formatTicketId(payload.ticket.number);
  if (assignTo) {
    const person = await deps.people.get(assignTo);
    const assigned = await deps.service.assign({ kind: "system" }, ref, {
      assignee: { id: agentIdOf(assignTo), name: person.name },
      sourceKey: `slack:escalation:${payload.ticket.id}:${payload.clock}:${payload.level}`,
    });
    if (!assigned.ok)
      deps.logger.warn(
        { ticketId: payload.ticket.id, error: assigned.error },
        "slack: escalation reassignment refused",
      );
  }
  if (!managersChannel) return root.ts;
  const t = slackCatalogues[view.lang];
  const due = conversationCatalogues[view.lang].dateTime(new Date(payload.dueAt), view.timeZone);
  const alert = (payload.level === "breach" ? t.thread.slaBreach : t.thread.slaWarning)(
    t.sla.clock[payload.clock],
    due,
  );
  const link = messageLink((await deps.bot()).url, root.channel, root.ts);
  const text = slackToolsCatalogues[view.lang].escalation.managers(
    ref,
    escapeMrkdwn(payload.ticket.subject),
    alert,
    link,
  );
  const answer = await deps.clients.delivery.chat.postMessage({
    channel: managersChannel,
    text,
    unfurl_links: false,
  });
  return String(answer.ts);
};
