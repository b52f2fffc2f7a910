import { z } from "zod";
import { err, ok, type Result } from "../../core/shared/result.js";
import { bool } from "../config-fields.js";

/** Public and private channel ids ("C…", "G…"); DMs cannot be an agents' channel. */
const CHANNEL_ID = /^[CG][A-Z0-9]{2,30}$/;
const CODE = /^[a-z0-9][a-z0-9_-]{0,30}$/;

const channelId = z.string().trim().regex(CHANNEL_ID, {
  error: "expected a Slack channel id such as C0123456789 (channel details → bottom of the About tab)",
});

/** "technical=C123,sales=C456": department code → agents' channel of that department. */
const departmentChannels = z
  .string()
  .transform((raw, ctx): Record<string, string> => {
    const pairs = raw
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => item.split("=").map((part, i) => (i === 0 ? part.trim().toLowerCase() : part.trim())));
    const bad = pairs.find(
      ([code = "", channel = "", ...rest]) =>
        !CODE.test(code) || !CHANNEL_ID.test(channel) || rest.length > 0,
    );
    if (bad) {
      ctx.addIssue({
        code: "custom",
        message: `expected items like "technical=C0123456789" (bad item "${bad.join("=")}")`,
      });
      return z.NEVER;
    }
    return Object.fromEntries(pairs.map(([code = "", channel = ""]) => [code, channel]));
  })
  .optional()
  .transform((v) => v ?? {});

/** The Slack channel: off while SLACK_BOT_TOKEN is unset. */
export const slackConfig = {
  SLACK_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^xoxb-[A-Za-z0-9-]{1,250}$/, { error: "expected the Bot User OAuth Token, starting with xoxb-" })
    .optional(),
  /** Basic Information → App Credentials → Signing Secret; checks every request to /slack/events. */
  SLACK_SIGNING_SECRET: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{16,128}$/, { error: "expected the app's Signing Secret (letters and digits)" })
    .optional(),
  /** Socket Mode for development: events come over a WebSocket instead of the request URL. */
  SLACK_APP_TOKEN: z
    .string()
    .trim()
    .regex(/^xapp-[A-Za-z0-9-]{1,250}$/, { error: "expected an app-level token starting with xapp-" })
    .optional(),
  /** Where new tickets are posted when their department has no channel of its own. */
  SLACK_AGENT_CHANNEL_ID: channelId.optional(),
  SLACK_DEPARTMENT_CHANNELS: departmentChannels,
  /** When set, agents are this user group's members rather than the agents' channels' members. */
  SLACK_AGENT_USERGROUP_ID: z
    .string()
    .trim()
    .regex(/^S[A-Z0-9]{2,30}$/, { error: "expected a user group id such as S0123456789" })
    .optional(),
  /** A thread reply starting with this stays an internal note. */
  SLACK_NOTE_PREFIX: z.string().trim().min(1).max(20).default("note:"),
  /** Assigns each new ticket to the next agent in turn. */
  SLACK_ROUND_ROBIN: bool(false),
  /** Who an escalating SLA alert mentions in the ticket's thread: a user group (S…) or an on-call user (U…). */
  SLACK_ESCALATION_MENTION: z
    .string()
    .trim()
    .regex(/^[SUW][A-Z0-9]{2,30}$/, { error: "expected a user group id (S0123…) or a user id (U0123…)" })
    .optional(),
  /** An escalation reassigns the ticket to this user (U…). */
  SLACK_ESCALATION_ASSIGN_TO: z
    .string()
    .trim()
    .regex(/^[UW][A-Z0-9]{2,30}$/, { error: "expected a user id such as U0123456789" })
    .optional(),
  /** An escalation is posted here too, with a link to the ticket's thread. */
  SLACK_MANAGERS_CHANNEL_ID: channelId.optional(),
  /** Slack's Web API; tests point it at a fake server. */
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: "expected an http(s) URL such as https://slack.com/api/" })
    .default("https://slack.com/api/"),
};

export interface SlackSettings {
  readonly botToken: string;
  /** Null in Socket Mode, where requests do not come over HTTP. */
  readonly signingSecret: string | null;
  readonly appToken: string | null;
  readonly agentChannel: string;
  /** Department code → channel id; departments not listed use `agentChannel`. */
  readonly departmentChannels: Readonly<Record<string, string>>;
  readonly agentUsergroup: string | null;
  readonly notePrefix: string;
  readonly roundRobin: boolean;
  /** Where escalating SLA alerts go besides the thread (each null when not configured). */
  readonly escalation: {
    readonly mention: string | null;
    readonly assignTo: string | null;
    readonly managersChannel: string | null;
  };
  /** Always ends with "/". */
  readonly apiUrl: string;
}

type SlackFields = z.output<z.ZodObject<typeof slackConfig>>;

/**
 * The channel's settings, or null when no bot token is set. Rules across fields: new tickets need an
 * agents' channel, and requests over HTTP need the signing secret (Socket Mode does not).
 */
export const slackSettings = (config: SlackFields): Result<SlackSettings | null, readonly string[]> => {
  if (!config.SLACK_BOT_TOKEN) return ok(null);
  const problems = [
    ...(config.SLACK_AGENT_CHANNEL_ID
      ? []
      : ["  SLACK_AGENT_CHANNEL_ID: required when SLACK_BOT_TOKEN is set"]),
    ...(config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN
      ? []
      : [
          "  SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set (or SLACK_APP_TOKEN for Socket Mode)",
        ]),
  ];
  if (problems.length > 0) return err(problems);
  return ok({
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET ?? null,
    appToken: config.SLACK_APP_TOKEN ?? null,
    agentChannel: config.SLACK_AGENT_CHANNEL_ID!,
    departmentChannels: config.SLACK_DEPARTMENT_CHANNELS,
    agentUsergroup: config.SLACK_AGENT_USERGROUP_ID ?? null,
    notePrefix: config.SLACK_NOTE_PREFIX,
    roundRobin: config.SLACK_ROUND_ROBIN,
    escalation: {
      mention: config.SLACK_ESCALATION_MENTION ?? null,
      assignTo: config.SLACK_ESCALATION_ASSIGN_TO ?? null,
      managersChannel: config.SLACK_MANAGERS_CHANNEL_ID ?? null,
    },
    apiUrl: config.SLACK_API_URL.endsWith("/") ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`,
  });
};
