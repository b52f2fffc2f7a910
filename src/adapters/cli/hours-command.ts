import { describeHours } from "../../core/hours/describe.js";
import type { Command } from "./command.js";
import { cliLabels } from "./labels.js";
import { print } from "./ticket-commands.js";

export const hours: Command = {
  name: "hours",
  summary: {
    en: "business hours of a department (from BUSINESS_HOURS_FILE): the week, next holidays, open now, next opening",
    "pt-BR":
      "horário de atendimento de um departamento (de BUSINESS_HOURS_FILE): a semana, os próximos feriados, se está aberto agora e a próxima abertura",
  },
  usage: "hours [--department D]",
  examples: ["hours", "hours --department sales --json"],
  options: { department: { type: "string" } },
  async run(ctx, v) {
    const calendars = ctx.settings.businessHours;
    const l = cliLabels[ctx.lang].hours;
    if (!calendars) {
      print(ctx, null, l.none);
      return 0;
    }
    const shown = describeHours(
      calendars.of(typeof v.department === "string" ? v.department : null),
      new Date(),
    );
    const week = Object.entries(shown.week)
      .map(([day, intervals]) => `${l.day[day as keyof typeof l.day] ?? day} ${intervals.join(", ") || "-"}`)
      .join("\n");
    const text = [
      `${l.timeZone} ${shown.timeZone}`,
      week,
      `${l.holidays} ${shown.holidays.join(", ") || "-"}`,
      shown.openNow ? l.openNow : l.closedNow(shown.nextOpening),
    ].join("\n");
    print(ctx, shown, text);
    return 0;
  },
};
