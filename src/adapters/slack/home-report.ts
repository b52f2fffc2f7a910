import type { types } from "@slack/bolt";
import { catalogues, conversationCatalogues, type Lang } from "../../core/i18n/index.js";
import type { Report } from "../../core/reports/service.js";
import { reportCatalogues } from "./i18n/report.js";
import { clip, escapeMrkdwn, LIMITS } from "./text.js";

/** Days of tickets the Home tab's report covers. */
export const HOME_REPORT_DAYS = 30;
const TOP_AGENTS = 5;

/** The report under the agents' dashboard counts: time in status, ratings, SLA, intake funnel. */
export const reportBlocks = (report: Report, lang: Lang): types.KnownBlock[] => {
  const r = reportCatalogues[lang];
  const status = catalogues[lang].status;
  const duration = conversationCatalogues[lang].duration;
  const decimal = (n: number) =>
    n.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 2 });
  const section = (title: string, lines: readonly string[]): types.KnownBlock => ({
    type: "section",
    text: {
      type: "mrkdwn",
      text: clip([`*${title}*`, ...(lines.length > 0 ? lines : [r.none])].join("\n"), LIMITS.sectionText),
    },
  });
  const { ratings, sla, intake } = report;
  return [
    { type: "header", text: { type: "plain_text", text: r.title(HOME_REPORT_DAYS) } },
    section(
      r.timeInStatus,
      report.timeInStatus
        .filter((s) => s.department === null && s.period === null)
        .map((s) => r.statusLine(status[s.status], duration(s.averageMs), duration(s.p90Ms), s.count)),
    ),
    section(r.ratings, [
      r.ratingSummary(ratings.count, decimal(ratings.average ?? 0)),
      ...ratings.byAgent
        .slice(0, TOP_AGENTS)
        .map((a) => r.agentLine(escapeMrkdwn(a.agentName ?? r.unassigned), a.count, decimal(a.average))),
    ]),
    section(r.sla, [
      r.slaLine(
        r.firstResponse,
        sla.firstResponse.met,
        sla.firstResponse.breached,
        sla.firstResponse.running,
      ),
      r.slaLine(r.resolution, sla.resolution.met, sla.resolution.breached, sla.resolution.running),
    ]),
    section(r.intake, [
      r.intakeSummary(intake.opened),
      ...intake.steps
        .filter((s) => s.stopped > 0)
        .map((s) => r.stoppedLine(r.steps[s.step] ?? s.step, s.stopped, s.reached)),
    ]),
  ];
};
