import type { types } from "@slack/bolt";
import { catalogues, conversationCatalogues } from "../../core/i18n/index.js";
import type { PayloadOf, TicketFieldChange } from "../../core/outbox/payloads.js";
import { PRIORITIES, type Priority } from "../../core/ticket/priority.js";
import { TICKET_STATUSES, type TicketStatus } from "../../core/ticket/status.js";
import { labelOf } from "../../core/ticket/taxonomy.js";
import { slackCatalogues } from "./i18n/index.js";
import { slackToolsCatalogues } from "./i18n/tools.js";
import { ACTION } from "./ids.js";
import type { AgentView } from "./root-message.js";
import { clip, escapeMrkdwn, LIMITS, mention, quote } from "./text.js";

const isStatus = (v: string | null): v is TicketStatus =>
  (TICKET_STATUSES as readonly (string | null)[]).includes(v);
const isPriority = (v: string | null): v is Priority =>
  (PRIORITIES as readonly (string | null)[]).includes(v);

/** A ticket change as one line of the thread, in agents' words. */
const changeLine = (
  change: TicketFieldChange,
  payload: PayloadOf<"ticket_updated">,
  view: AgentView,
): string => {
  const t = slackCatalogues[view.lang];
  const by = escapeMrkdwn(payload.actorName);
  const dash = "—";
  switch (change.field) {
    case "status":
      return t.thread.status(
        isStatus(change.from) ? t.agentStatus[change.from] : dash,
        isStatus(change.to) ? t.agentStatus[change.to] : dash,
        by,
      );
    case "priority": {
      const label = (p: string | null) => (isPriority(p) ? catalogues[view.lang].priority[p] : dash);
      return t.thread.priority(label(change.from), label(change.to), by);
    }
    case "department": {
      const label = (d: string | null) =>
        d ? escapeMrkdwn(labelOf(view.taxonomy.departments, d, view.lang)) : dash;
      return t.thread.department(label(change.from), label(change.to), by);
    }
    case "assignee": {
      const now = payload.ticket.assignee;
      return t.thread.assignee(now ? mention(now) : change.to ? escapeMrkdwn(change.to) : null, by);
    }
    case "contact_requested":
      return t.thread.contactRequested(by);
    case "contact_done":
      return t.thread.contactDone(by);
    case "rating":
      return t.thread.rated(change.to ?? dash, by);
    case "merged":
      return change.to
        ? slackToolsCatalogues[view.lang].merge.mergedInto(escapeMrkdwn(change.to), by)
        : slackToolsCatalogues[view.lang].merge.mergedFrom(escapeMrkdwn(change.from ?? dash), by);
    case "tags":
      return slackToolsCatalogues[view.lang].tags.line(escapeMrkdwn(change.to ?? dash), by);
  }
};

export const changeLines = (payload: PayloadOf<"ticket_updated">, view: AgentView): string =>
  payload.changes.map((change) => changeLine(change, payload, view)).join("\n");

/** A contact request carries the button agents mark it done with; other changes are plain lines. */
export const changeBlocks = (
  payload: PayloadOf<"ticket_updated">,
  view: AgentView,
): types.KnownBlock[] | undefined => {
  if (!payload.changes.some((c) => c.field === "contact_requested")) return undefined;
  return [
    { type: "section", text: { type: "mrkdwn", text: clip(changeLines(payload, view), LIMITS.sectionText) } },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: ACTION.contactDone,
          style: "primary",
          text: { type: "plain_text", text: slackCatalogues[view.lang].thread.contactDoneButton },
          value: String(payload.ticket.number),
        },
      ],
    },
  ];
};

export const requesterMessageText = (payload: PayloadOf<"requester_message">, view: AgentView): string => {
  const t = slackCatalogues[view.lang];
  const head = t.thread.requesterMessage(
    escapeMrkdwn(payload.ticket.requesterName),
    t.channel[payload.ticket.channel],
  );
  return clip(payload.body ? `${head}\n${quote(escapeMrkdwn(payload.body))}` : head, LIMITS.sectionText);
};

const alertAssignee = (payload: {
  readonly ticket: { readonly assignee: { id: string; name: string } | null };
}) => (payload.ticket.assignee ? `${mention(payload.ticket.assignee)} ` : "");

export const deliveryFailedText = (payload: PayloadOf<"delivery_failed">, view: AgentView): string => {
  const t = slackCatalogues[view.lang];
  return `${alertAssignee(payload)}${t.thread.deliveryFailed(t.channel[payload.failedChannel], escapeMrkdwn(payload.reason))}`;
};

/** `mentionTo`: who an escalating alert calls in ("<!subteam^S…>" or "<@U…>"). */
export const slaAlertText = (
  payload: PayloadOf<"sla_alert">,
  view: AgentView,
  mentionTo: string | null = null,
): string => {
  const t = slackCatalogues[view.lang];
  const due = conversationCatalogues[view.lang].dateTime(new Date(payload.dueAt), view.timeZone);
  const line = payload.level === "breach" ? t.thread.slaBreach : t.thread.slaWarning;
  const escalated = payload.escalate && mentionTo ? `${mentionTo} ` : "";
  return `${escalated}${alertAssignee(payload)}${line(t.sla.clock[payload.clock], due)}`;
};
