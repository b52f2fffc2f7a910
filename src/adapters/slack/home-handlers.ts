import type { TicketQuery } from "../../core/ports/ticket-repository.js";
import { statusesOfPublic, type TicketStatus } from "../../core/ticket/status.js";
import { agentActor, agentLang, type SlackDeps } from "./deps.js";
import { HOME_REPORT_DAYS } from "./home-report.js";
import { agentHome, type HomeFilters, NO_FILTERS, requesterHome } from "./home-view.js";
import type { Team } from "./requester-io.js";
import { ticketLine } from "./requester-views.js";
import type { Requesters } from "./requesters.js";
import { agentIdOf } from "./text.js";

const ACTIVE: readonly TicketStatus[] = [...statusesOfPublic("OPEN"), ...statusesOfPublic("ANSWERED")];

const queryOf = (filters: HomeFilters): TicketQuery => ({
  limit: 15,
  sort: { field: "updatedAt", direction: "desc" },
  ...(filters.status
    ? {
        statuses:
          filters.status.kind === "public" ? statusesOfPublic(filters.status.value) : [filters.status.value],
      }
    : {}),
  ...(filters.priority ? { priorities: [filters.priority] } : {}),
  ...(filters.department ? { departments: [filters.department] } : {}),
  ...(filters.assignee ? { assigneeId: agentIdOf(filters.assignee) } : {}),
});

/** App Home: the agents' dashboard for agents, their own tickets for everyone else. */
export interface HomeHandlers {
  /** Publishes the Home tab of `user`, the agents' one with these filters. */
  publish(user: string, team: Team, filters?: HomeFilters): Promise<void>;
}

export const createHomeHandlers = (deps: SlackDeps, requesters: Requesters): HomeHandlers => ({
  async publish(user: string, team: Team, filters: HomeFilters = NO_FILTERS): Promise<void> {
    const base = { taxonomy: deps.taxonomy, workspaceUrl: (await deps.bot()).url };
    if (await deps.access.isAgent(user)) {
      const actor = agentActor(user, (await deps.people.get(user)).name);
      const query = queryOf(filters);
      const since = new Date(deps.clock.now().getTime() - HOME_REPORT_DAYS * 86_400_000);
      const [counts, sla, report, results, mine] = await Promise.all([
        deps.service.stats(actor),
        deps.slaCounts(),
        deps.reports.report(actor, { from: since }),
        filters.search ? deps.service.search(actor, filters.search, query) : deps.service.list(actor, query),
        deps.service.list(actor, {
          assigneeId: agentIdOf(user),
          statuses: ACTIVE,
          limit: 10,
          sort: { field: "updatedAt", direction: "desc" },
        }),
      ]);
      const listed = [...results.items, ...mine.items].map((t) => t.id);
      const data = { counts, sla, results: results.items, mine: mine.items };
      const view = agentHome(report.ok ? { ...data, report: report.value } : data, filters, {
        ...base,
        lang: agentLang(deps),
        links: await deps.threads.refs(listed, "agents"),
      });
      await deps.clients.interactive.views.publish({ user_id: user, view });
      return;
    }
    const requester = await requesters.resolve(user, team);
    const page = await deps.service.list(requester.actor, {
      limit: 20,
      sort: { field: "updatedAt", direction: "desc" },
    });
    const lineView = {
      lang: requester.lang,
      timeZone: deps.shared.timeZone,
      taxonomy: deps.taxonomy,
      contactId: requester.contact.id,
    };
    const view = requesterHome(page.items, (t) => ticketLine(t, lineView), {
      ...base,
      lang: requester.lang,
      links: await deps.threads.refs(
        page.items.map((t) => t.id),
        "dm",
      ),
    });
    await deps.clients.interactive.views.publish({ user_id: user, view });
  },
});
