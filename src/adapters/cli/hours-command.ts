import { describeHours } from "../../core/hours/describe.js";
import type { Command } from "./command.js";
import { print } from "./ticket-commands.js";

export const hours: Command = {
  name: "hours",
  summary:
    "business hours of a department (from BUSINESS_HOURS_FILE): the week, next holidays, open now, next opening",
  usage: "hours [--department D]",
  examples: ["hours", "hours --department sales --json"],
  options: { department: { type: "string" } },
  async run(ctx, v) {
    const calendars = ctx.settings.businessHours;
    if (!calendars) {
      print(ctx, null, "no business hours: BUSINESS_HOURS_FILE is not set, SLA clocks run around the clock");
      return 0;
    }
    const shown = describeHours(
      calendars.of(typeof v.department === "string" ? v.department : null),
      new Date(),
    );
    const week = Object.entries(shown.week)
      .map(([day, intervals]) => `${day} ${intervals.join(", ") || "-"}`)
      .join("\n");
    const text = [
      `time zone ${shown.timeZone}`,
      week,
      `holidays ${shown.holidays.join(", ") || "-"}`,
      shown.openNow ? "open now" : `closed now; opens ${shown.nextOpening ?? "not within a year"}`,
    ].join("\n");
    print(ctx, shown, text);
    return 0;
  },
};
