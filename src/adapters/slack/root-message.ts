import type { types } from "@slack/bolt";
import { catalogues, conversationCatalogues, type Lang } from "../../core/i18n/index.js";
import { PRIORITIES } from "../../core/ticket/priority.js";
import { TICKET_STATUSES } from "../../core/ticket/status.js";
import { labelOf, type Taxonomy } from "../../core/ticket/taxonomy.js";
import type { Ticket } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import { type SlaClockState, type SlaPolicy, slaStatus } from "../../core/timers/sla.js";
import { slackCatalogues } from "./i18n/index.js";
import { ACTION } from "./ids.js";
import { clip, escapeMrkdwn, LIMITS, mention, quote } from "./text.js";
import { agentToolBlocks } from "./tools/root-blocks.js";

/** What agents see of a ticket in their channel, rendered in the agents' language. */
export interface AgentView {
  readonly lang: Lang;
  readonly taxonomy: Taxonomy;
  readonly timeZone: string;
  readonly sla: SlaPolicy;
  readonly now: Date;
  /** Tags the root's tag menu offers besides the ticket's own. */
  readonly tagSuggestions?: readonly string[];
}

export interface OpeningMessage {
  readonly body: string | null;
  readonly fileNames: readonly string[];
}

const option = (text: string, value: string) => ({
  text: { type: "plain_text" as const, text: clip(text, LIMITS.optionText) },
  value,
});

/** The most pressing SLA clock, in one line. */
export const slaLine = (ticket: Ticket, view: AgentView): string => {
  const t = slackCatalogues[view.lang].sla;
  const when = (date: Date) => conversationCatalogues[view.lang].dateTime(date, view.timeZone);
  const status = slaStatus(ticket, view.now, view.sla);
  const clocks: SlaClockState[] = [status.firstResponse, status.resolution];
  const breached = clocks.find((c) => c.breached && c.state !== "stopped") ?? clocks.find((c) => c.breached);
  if (breached) return t.breached(t.clock[breached.clock]);
  const running = clocks
    .filter((c) => c.state === "running" && c.dueAt !== null)
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime());
  const next = running[0];
  if (next) {
    const line = next.elapsedMs >= next.targetMs * view.sla.warnRatio ? t.atRisk : t.onTrack;
    return line(t.clock[next.clock], when(next.dueAt!));
  }
  return clocks.some((c) => c.state === "paused") ? t.paused : t.met;
};

const field = (label: string, value: string) => ({ type: "mrkdwn" as const, text: `*${label}*\n${value}` });

/**
 * The root message of a ticket in the agents' channel: its fields, SLA state and the buttons
 * agents act with. Rendered from the ticket's current state every time, so an update that
 * arrives late never shows older data.
 */
export const rootMessage = (
  ticket: Ticket,
  opening: OpeningMessage | null,
  view: AgentView,
): { text: string; blocks: types.KnownBlock[] } => {
  const s = slackCatalogues[view.lang];
  const core = catalogues[view.lang];
  const fieldName = (name: string) => core.field[name] ?? name;
  const ref = formatTicketId(ticket.number);
  const value = String(ticket.number);
  const assignee = ticket.assignee ? mention(ticket.assignee) : s.root.unassigned;
  const blocks: types.KnownBlock[] = [
    {
      type: "header",
      text: { type: "plain_text", text: clip(`🎫 ${ref} · ${ticket.subject}`, LIMITS.header) },
    },
    {
      type: "section",
      fields: [
        field(fieldName("status"), s.agentStatus[ticket.status]),
        field(fieldName("priority"), core.priority[ticket.priority]),
        field(
          fieldName("department"),
          escapeMrkdwn(labelOf(view.taxonomy.departments, ticket.department, view.lang)),
        ),
        field(fieldName("type"), escapeMrkdwn(labelOf(view.taxonomy.types, ticket.type, view.lang))),
        field(
          s.root.requester,
          `${escapeMrkdwn(ticket.requester.displayName)} (${s.channel[ticket.requester.channel]})`,
        ),
        field(s.root.assignee, assignee),
        field(s.root.sla, slaLine(ticket, view)),
        field(s.root.opened, conversationCatalogues[view.lang].dateTime(ticket.createdAt, view.timeZone)),
      ],
    },
  ];
  const openingText = [
    opening?.body ? quote(escapeMrkdwn(opening.body)) : null,
    opening && opening.fileNames.length > 0 ? s.root.files(opening.fileNames.map(escapeMrkdwn)) : null,
  ]
    .filter(Boolean)
    .join("\n");
  if (openingText)
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(openingText, LIMITS.sectionText) } });
  const statuses = TICKET_STATUSES.map((status) => option(s.agentStatus[status], status));
  const priorities = PRIORITIES.map((priority) => option(core.priority[priority], priority));
  const departmentLabel = (code: string) => labelOf(view.taxonomy.departments, code, view.lang);
  // A misrouted ticket moves from here; its root follows it to the department's channel.
  const departmentMenu: types.StaticSelect[] =
    view.taxonomy.departments.length > 1
      ? [
          {
            type: "static_select",
            action_id: ACTION.department,
            placeholder: { type: "plain_text", text: s.root.departmentPlaceholder },
            options: view.taxonomy.departments.map((d) =>
              option(departmentLabel(d.code), `${value}:${d.code}`),
            ),
            initial_option: option(departmentLabel(ticket.department), `${value}:${ticket.department}`),
          },
        ]
      : [];
  blocks.push({
    type: "actions",
    // A new block id per version, so Slack shows the current selections instead of keeping the old ones.
    block_id: `ticket_actions_v${ticket.version}`,
    elements: [
      {
        type: "button",
        action_id: ACTION.assignMe,
        text: { type: "plain_text", text: s.root.assignMe },
        value,
      },
      {
        type: "static_select",
        action_id: ACTION.status,
        placeholder: { type: "plain_text", text: s.root.statusPlaceholder },
        options: statuses.map((o) => ({ ...o, value: `${value}:${o.value}` })),
        initial_option: option(s.agentStatus[ticket.status], `${value}:${ticket.status}`),
      },
      {
        type: "static_select",
        action_id: ACTION.priority,
        placeholder: { type: "plain_text", text: s.root.priorityPlaceholder },
        options: priorities.map((o) => ({ ...o, value: `${value}:${o.value}` })),
        initial_option: option(core.priority[ticket.priority], `${value}:${ticket.priority}`),
      },
      ...departmentMenu,
      {
        type: "button",
        action_id: ACTION.escalate,
        text: { type: "plain_text", text: s.root.escalate },
        value,
      },
      {
        type: "button",
        action_id: ACTION.close,
        style: "danger",
        text: { type: "plain_text", text: s.root.close },
        value,
        confirm: {
          title: { type: "plain_text", text: s.root.confirmCloseTitle },
          text: { type: "plain_text", text: s.root.confirmCloseText(ref) },
          confirm: { type: "plain_text", text: s.root.confirmYes },
          deny: { type: "plain_text", text: s.root.confirmNo },
        },
      },
    ],
  });
  blocks.push(...agentToolBlocks(ticket, view));
  // Slack builds notifications from `text`: the subject is escaped there too, or "<!channel>" pings.
  return { text: s.root.fallback(ref, escapeMrkdwn(ticket.subject)), blocks };
};

/** "1234:IN_PROGRESS" (or "1234:billing") from a menu: the ticket number and the chosen value. */
export const parseMenuValue = (
  value: string | undefined,
): { ticketNumber: number; choice: string } | null => {
  const match = /^(\d{1,9}):([A-Za-z0-9_.-]{1,64})$/.exec(value ?? "");
  return match ? { ticketNumber: Number(match[1]), choice: match[2]! } : null;
};
