import type { ChartScope, OpenedPerDay, TicketCharts } from "../../../core/ports/ticket-charts.js";
import type { Ticket } from "../../../core/ticket/ticket.js";

const dayIn = (timeZone: string) => {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return (d: Date) => format.format(d);
};

export const createMemoryTicketCharts = (tickets: () => readonly Ticket[]): TicketCharts => ({
  async openedPerDay(scope: ChartScope): Promise<readonly OpenedPerDay[]> {
    const day = dayIn(scope.timeZone);
    const counts = new Map<string, OpenedPerDay>();
    for (const t of tickets()) {
      if (t.createdAt < scope.from || t.createdAt >= scope.to) continue;
      if (scope.organizationId && t.organizationId !== scope.organizationId) continue;
      if (scope.requesterPersonId && t.requester.personId !== scope.requesterPersonId) continue;
      if (scope.department && t.department !== scope.department) continue;
      const key = `${day(t.createdAt)}|${t.channel}`;
      const found = counts.get(key);
      counts.set(key, { day: day(t.createdAt), channel: t.channel, count: (found?.count ?? 0) + 1 });
    }
    return [...counts.values()].sort(
      (a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel),
    );
  },
});
