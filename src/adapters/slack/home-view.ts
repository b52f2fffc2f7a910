import type { types } from "@slack/bolt";
import { catalogues, type Lang } from "../../core/i18n/index.js";
import type { DashboardCounts } from "../../core/ports/ticket-repository.js";
import type { Report } from "../../core/reports/service.js";
import { PRIORITIES, type Priority } from "../../core/ticket/priority.js";
import {
  PUBLIC_STATUSES,
  type PublicStatus,
  TICKET_STATUSES,
  type TicketStatus,
} from "../../core/ticket/status.js";
import { labelOf, type Taxonomy } from "../../core/ticket/taxonomy.js";
import type { Ticket } from "../../core/ticket/ticket.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import { reportBlocks } from "./home-report.js";
import { slackCatalogues } from "./i18n/index.js";
import { ACTION } from "./ids.js";
import { clip, escapeMrkdwn, LIMITS, mention, messageLink } from "./text.js";
import type { SlackMessageRef } from "./threads.js";

/** The dashboard's filters, read back from the Home tab's own state on every change. */
export interface HomeFilters {
  readonly status:
    | { readonly kind: "public"; readonly value: PublicStatus }
    | { readonly kind: "detailed"; readonly value: TicketStatus }
    | null;
  readonly priority: Priority | null;
  readonly department: string | null;
  /** A Slack user id. */
  readonly assignee: string | null;
  readonly search: string;
}

export const NO_FILTERS: HomeFilters = {
  status: null,
  priority: null,
  department: null,
  assignee: null,
  search: "",
};

export interface HomeContext {
  readonly lang: Lang;
  readonly taxonomy: Taxonomy;
  readonly workspaceUrl: string;
  /** Where each listed ticket is in Slack (agents' roots on the agents' home, DM threads on a requester's). */
  readonly links: ReadonlyMap<string, SlackMessageRef>;
}

const plain = (text: string) => ({ type: "plain_text" as const, text: clip(text, LIMITS.optionText) });
const option = (text: string, value: string) => ({ text: plain(text), value });

const link = (ticket: Ticket, ctx: HomeContext): string => {
  const ref = formatTicketId(ticket.number);
  const target = ctx.links.get(ticket.id);
  return target ? `<${messageLink(ctx.workspaceUrl, target.channel, target.ts)}|${ref}>` : ref;
};

/** Slack renders the date in each reader's time zone; the fallback is for clients that cannot. */
const slackDate = (at: Date) =>
  `<!date^${Math.floor(at.getTime() / 1000)}^{date_short} {time}|${at.toISOString().slice(0, 16).replace("T", " ")} UTC>`;

const agentLine = (ticket: Ticket, ctx: HomeContext): types.KnownBlock => {
  const s = slackCatalogues[ctx.lang];
  const details = [
    s.agentStatus[ticket.status],
    catalogues[ctx.lang].priority[ticket.priority],
    escapeMrkdwn(labelOf(ctx.taxonomy.departments, ticket.department, ctx.lang)),
    ticket.assignee ? mention(ticket.assignee) : s.root.unassigned,
  ].join(" · ");
  const reply = ticket.lastReply
    ? s.home.lastReply(slackDate(ticket.lastReply.at), escapeMrkdwn(ticket.lastReply.name))
    : s.home.noReply;
  const when = `${s.home.created(slackDate(ticket.createdAt))} · ${reply}`;
  const text = `*${link(ticket, ctx)}* ${escapeMrkdwn(ticket.subject)}\n${details}\n${when}`;
  return { type: "section", text: { type: "mrkdwn", text: clip(text, LIMITS.sectionText) } };
};

const statusOptions = (lang: Lang) => {
  const core = catalogues[lang];
  const s = slackCatalogues[lang];
  return [
    ...PUBLIC_STATUSES.map((p) => option(core.publicStatus[p], `public:${p}`)),
    ...TICKET_STATUSES.map((d) => option(s.agentStatus[d], `detailed:${d}`)),
  ];
};

const filterBlocks = (filters: HomeFilters, ctx: HomeContext): types.KnownBlock[] => {
  const s = slackCatalogues[ctx.lang];
  const core = catalogues[ctx.lang];
  const statuses = statusOptions(ctx.lang);
  const priorities = PRIORITIES.map((p) => option(core.priority[p], p));
  const departments = ctx.taxonomy.departments.map((d) => option(d.labels[ctx.lang], d.code));
  const chosen = (options: ReturnType<typeof option>[], value: string | null) => {
    const found = options.find((o) => o.value === value);
    return found ? { initial_option: found } : {};
  };
  const statusValue = filters.status ? `${filters.status.kind}:${filters.status.value}` : null;
  return [
    {
      type: "actions",
      block_id: "home_filters",
      elements: [
        {
          type: "static_select",
          action_id: ACTION.homeStatus,
          placeholder: plain(s.home.anyStatus),
          options: [option(s.home.anyStatus, "any"), ...statuses],
          ...chosen(statuses, statusValue),
        },
        {
          type: "static_select",
          action_id: ACTION.homePriority,
          placeholder: plain(s.home.anyPriority),
          options: [option(s.home.anyPriority, "any"), ...priorities],
          ...chosen(priorities, filters.priority),
        },
        {
          type: "static_select",
          action_id: ACTION.homeDepartment,
          placeholder: plain(s.home.anyDepartment),
          options: [option(s.home.anyDepartment, "any"), ...departments],
          ...chosen(departments, filters.department),
        },
        {
          type: "users_select",
          action_id: ACTION.homeAssignee,
          placeholder: plain(s.home.anyone),
          ...(filters.assignee ? { initial_user: filters.assignee } : {}),
        },
      ],
    },
    {
      type: "input",
      block_id: "home_search",
      dispatch_action: true,
      optional: true,
      label: plain(s.home.search),
      element: {
        type: "plain_text_input",
        action_id: ACTION.homeSearch,
        ...(filters.search ? { initial_value: filters.search } : {}),
        dispatch_action_config: { trigger_actions_on: ["on_enter_pressed"] },
      },
    },
  ];
};

const openButton = (lang: Lang): types.KnownBlock => ({
  type: "actions",
  elements: [
    {
      type: "button",
      action_id: ACTION.openForm,
      style: "primary",
      text: plain(slackCatalogues[lang].home.openTicket),
      value: "open",
    },
  ],
});

/** The agents' dashboard: counts, the filtered list with links to each thread, and their own tickets. */
export const agentHome = (
  data: {
    counts: DashboardCounts;
    sla: { atRisk: number; breached: number };
    results: readonly Ticket[];
    mine: readonly Ticket[];
    report?: Report;
  },
  filters: HomeFilters,
  ctx: HomeContext,
): types.HomeView => {
  const s = slackCatalogues[ctx.lang].home;
  const count = (label: string, n: number) => ({ type: "mrkdwn" as const, text: `*${label}*\n${n}` });
  const list = (tickets: readonly Ticket[]) =>
    tickets.length > 0
      ? tickets.map((t) => agentLine(t, ctx))
      : [{ type: "context" as const, elements: [{ type: "mrkdwn" as const, text: s.empty }] }];
  return {
    type: "home",
    blocks: [
      { type: "header", text: plain(s.agentTitle) },
      {
        type: "section",
        fields: [
          count(s.counts.total, data.counts.total),
          count(s.counts.open, data.counts.open),
          count(s.counts.answered, data.counts.answered),
          count(s.counts.closed, data.counts.closed),
          count(s.counts.high, data.counts.highPriority),
          count(s.counts.slaAtRisk, data.sla.atRisk),
          count(s.counts.slaBreached, data.sla.breached),
        ],
      },
      openButton(ctx.lang),
      ...(data.report ? reportBlocks(data.report, ctx.lang) : []),
      { type: "divider" },
      ...filterBlocks(filters, ctx),
      { type: "context", elements: [{ type: "mrkdwn", text: s.results(data.results.length) }] },
      ...list(data.results),
      { type: "divider" },
      { type: "header", text: plain(s.mine) },
      ...list(data.mine),
    ],
  };
};

/** A requester's Home tab: their own tickets, each linked to its DM thread. */
export const requesterHome = (
  tickets: readonly Ticket[],
  lines: (t: Ticket) => string,
  ctx: HomeContext,
): types.HomeView => {
  const s = slackCatalogues[ctx.lang].home;
  const items = tickets.map(
    (t): types.KnownBlock => ({
      type: "section",
      text: {
        type: "mrkdwn",
        text: clip(lines(t).replace(formatTicketId(t.number), link(t, ctx)), LIMITS.sectionText),
      },
    }),
  );
  return {
    type: "home",
    blocks: [
      { type: "header", text: plain(s.requesterTitle) },
      openButton(ctx.lang),
      ...(items.length > 0
        ? items
        : [{ type: "context" as const, elements: [{ type: "mrkdwn" as const, text: s.empty }] }]),
    ],
  };
};

/** Filters as the Home tab's state holds them; unknown values count as "any". */
export const filtersFromState = (
  values:
    | Record<
        string,
        Record<
          string,
          {
            selected_option?: { value?: string } | null;
            selected_user?: string | null;
            value?: string | null;
          }
        >
      >
    | undefined,
): HomeFilters => {
  const pick = (action: string) => values?.home_filters?.[action]?.selected_option?.value ?? "any";
  const status = pick(ACTION.homeStatus);
  const [kind, value] = status.split(":");
  const priority = pick(ACTION.homePriority);
  const department = pick(ACTION.homeDepartment);
  return {
    status:
      kind === "public" && (PUBLIC_STATUSES as readonly string[]).includes(value ?? "")
        ? { kind: "public", value: value as PublicStatus }
        : kind === "detailed" && (TICKET_STATUSES as readonly string[]).includes(value ?? "")
          ? { kind: "detailed", value: value as TicketStatus }
          : null,
    priority: (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : null,
    department: department === "any" ? null : department,
    assignee: values?.home_filters?.[ACTION.homeAssignee]?.selected_user ?? null,
    search: (values?.home_search?.[ACTION.homeSearch]?.value ?? "").trim().slice(0, 200),
  };
};
