import type { WorkingCalendar } from "./calendar.js";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A schedule as plain data, with whether it is open at `now` and when it opens next. */
export const describeHours = (calendar: WorkingCalendar, now: Date) => {
  const { hours } = calendar;
  const next = calendar.nextOpening(now);
  return {
    timeZone: hours.timeZone,
    week: Object.fromEntries(
      DAYS.map((day, i) => [day, (hours.week[i] ?? []).map((w) => `${hhmm(w.start)}-${hhmm(w.end)}`)]),
    ) as Record<(typeof DAYS)[number], string[]>,
    holidays: [...hours.holidays]
      .filter((d) => d >= now.toISOString().slice(0, 10))
      .sort()
      .slice(0, 20),
    openNow: calendar.isOpen(now),
    nextOpening: next ? next.toISOString() : null,
  };
};
