import { z } from "zod";

/** A working interval of one day, in minutes since local midnight: [start, end). */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Weekly hours in a time zone, with days off. */
export interface BusinessHours {
  readonly timeZone: string;
  /** Index 0 is Sunday, as Date.getUTCDay counts. */
  readonly week: readonly (readonly Interval[])[];
  /** Local dates ("2026-12-25") without working hours. */
  readonly holidays: ReadonlySet<string>;
}

/** Working time over a calendar: what SLA clocks count, and when the next opening is. */
export interface WorkingCalendar {
  readonly hours: BusinessHours;
  isOpen(at: Date): boolean;
  /** Working milliseconds between two instants (0 when `to` is not after `from`). */
  workingMs(from: Date, to: Date): number;
  /** The instant `ms` of working time after `from` (`from` itself for 0 during hours). */
  addWorkingMs(from: Date, ms: number): Date;
  /** The start of the next working interval at or after `at`; `at` itself while open. Null when there is none within a year. */
  nextOpening(at: Date): Date | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DAYS = 400;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** Whether `timeZone` is an IANA zone this runtime knows. */
export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
};

/** The local calendar date and wall time of an instant in a zone. */
const localParts = (at: Date, timeZone: string) => {
  const parts = Object.fromEntries(
    formatterOf(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    seconds: Number(parts.second),
  };
};

/** How far ahead of UTC the zone's wall clock is at `at`. */
const offsetMs = (at: Date, timeZone: string): number => {
  const p = localParts(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutes, p.seconds);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
};

/** The instant a local wall time names (the later reading when a clock change makes it ambiguous). */
const instantOf = (day: number, minutes: number, timeZone: string): Date => {
  const wall = day + minutes * 60_000;
  const first = wall - offsetMs(new Date(wall), timeZone);
  return new Date(wall - offsetMs(new Date(first), timeZone));
};

/** Local midnight of the day `at` falls on, as a UTC day number (ms of that date at 00:00 UTC). */
const localDay = (at: Date, timeZone: string): number => {
  const p = localParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day);
};

const isoDate = (day: number) => new Date(day).toISOString().slice(0, 10);

/** The working intervals of a local day, as instants. */
const intervalsOf = (hours: BusinessHours, day: number): { start: Date; end: Date }[] => {
  if (hours.holidays.has(isoDate(day))) return [];
  const weekday = new Date(day).getUTCDay();
  return (hours.week[weekday] ?? []).map((i) => ({
    start: instantOf(day, i.start, hours.timeZone),
    end: instantOf(day, i.end, hours.timeZone),
  }));
};

export const createWorkingCalendar = (hours: BusinessHours): WorkingCalendar => {
  const days = function* (from: Date) {
    const first = localDay(from, hours.timeZone);
    for (let i = 0; i < MAX_DAYS; i++) yield first + i * DAY_MS;
  };

  return {
    hours,
    isOpen(at) {
      return intervalsOf(hours, localDay(at, hours.timeZone)).some((i) => i.start <= at && at < i.end);
    },
    workingMs(from, to) {
      let total = 0;
      const last = localDay(to, hours.timeZone);
      for (const day of days(from)) {
        if (day > last) break;
        for (const i of intervalsOf(hours, day)) {
          const start = Math.max(i.start.getTime(), from.getTime());
          const end = Math.min(i.end.getTime(), to.getTime());
          if (end > start) total += end - start;
        }
      }
      return total;
    },
    addWorkingMs(from, ms) {
      let left = ms;
      for (const day of days(from)) {
        for (const i of intervalsOf(hours, day)) {
          const start = Math.max(i.start.getTime(), from.getTime());
          const length = i.end.getTime() - start;
          if (length <= 0) continue;
          if (left <= length) return new Date(start + left);
          left -= length;
        }
      }
      // No working time within the horizon: the target is never reached in practice.
      return new Date(from.getTime() + MAX_DAYS * DAY_MS);
    },
    nextOpening(at) {
      for (const day of days(at)) {
        for (const i of intervalsOf(hours, day)) {
          if (i.end <= at) continue;
          return new Date(Math.max(i.start.getTime(), at.getTime()));
        }
      }
      return null;
    },
  };
};

/** Easter Sunday of a year (Gregorian, anonymous algorithm), as a UTC day number. */
const easter = (year: number): number => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
};

/**
 * Brazil's national holidays of a year (Leis 662/1949, 6.802/1980, 14.759/2023): the fixed ones and
 * Good Friday. Carnival and Corpus Christi are optional days off ("pontos facultativos"), not included.
 */
export const brazilianHolidays = (year: number): string[] => {
  const fixed = ["01-01", "04-21", "05-01", "09-07", "10-12", "11-02", "11-15", "12-25"];
  if (year >= 2024) fixed.push("11-20");
  return [...fixed.map((md) => `${year}-${md}`), isoDate(easter(year) - 2 * DAY_MS)].sort();
};

const TIME = /^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const interval = z
  .string()
  .regex(TIME, { error: 'expected "HH:MM-HH:MM", e.g. "08:00-18:00"' })
  .transform((v): Interval => {
    const [, h1, m1, h2, m2] = TIME.exec(v)!;
    return { start: Number(h1) * 60 + Number(m1), end: Number(h2) * 60 + Number(m2) };
  })
  .refine((i) => i.start < i.end && i.end <= 24 * 60, { error: "the end must come after the start" });

/** One schedule as the configuration file writes it. */
export const scheduleInput = z.object({
  timeZone: z.string().refine(isTimeZone, { error: "expected an IANA time zone such as America/Sao_Paulo" }),
  week: z.object(
    Object.fromEntries(DAYS.map((d) => [d, z.array(interval).max(6).default([])])) as Record<
      (typeof DAYS)[number],
      z.ZodDefault<z.ZodArray<typeof interval>>
    >,
  ),
  holidays: z.array(z.iso.date()).max(1000).default([]),
  /** Adds Brazil's national holidays of every year from 2020 to 2060. */
  brazilianHolidays: z.boolean().default(false),
});

/** The configuration file: a default schedule and, optionally, departments' own. */
export const businessHoursInput = z.object({
  default: scheduleInput,
  departments: z.record(z.string(), scheduleInput).default({}),
});
export type BusinessHoursInput = z.input<typeof businessHoursInput>;

const toHours = (schedule: z.output<typeof scheduleInput>): BusinessHours => {
  const holidays = new Set(schedule.holidays);
  if (schedule.brazilianHolidays)
    for (let year = 2020; year <= 2060; year++) for (const day of brazilianHolidays(year)) holidays.add(day);
  return { timeZone: schedule.timeZone, week: DAYS.map((d) => schedule.week[d]), holidays };
};

/** Every department's calendar (the default one for departments without their own). */
export interface BusinessCalendars {
  of(department: string | null): WorkingCalendar;
  readonly departments: readonly string[];
}

export const businessCalendars = (input: z.output<typeof businessHoursInput>): BusinessCalendars => {
  const fallback = createWorkingCalendar(toHours(input.default));
  const own = new Map(
    Object.entries(input.departments).map(([code, s]) => [code, createWorkingCalendar(toHours(s))]),
  );
  return {
    of: (department) => (department ? (own.get(department) ?? fallback) : fallback),
    departments: [...own.keys()],
  };
};
