import { normalizeText } from "./text-rule.js";

/**
 * The id of an agent known only by the name they gave (the CLI's `--as`, a console link made by the
 * CLI's `web-link`): one id per door and name, so what they are assigned follows them from one command
 * or sign-in to the next. The prefix names the door, which the audit log reads back
 * (contacts/audited-access.ts). Slack agents have their Slack user id instead.
 */
export const namedAgentId = (door: "cli" | "web", name: string): string =>
  `${door}:${normalizeText(name).toLowerCase()}`;
