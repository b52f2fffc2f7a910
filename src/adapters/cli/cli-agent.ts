import { userInfo } from "node:os";
import type { Lang } from "../../core/i18n/lang.js";
import type { AuditActor } from "../../core/ports/audit-log.js";
import { namedAgentId } from "../../core/ticket/named-agent.js";
import { normalizeText, textProblem } from "../../core/ticket/text-rule.js";
import type { Actor } from "../../core/ticket/ticket.js";
import { UsageError } from "./command.js";
import { usageLabels } from "./usage-labels.js";

type AgentActor = Extract<Actor, { kind: "agent" }>;

/** What suppliers see as the author when nobody named the agent: the team, never a login name. */
const TEAM: Record<Lang, string> = { "pt-BR": "Suporte", en: "Support" };

/**
 * The agent at the terminal: the name given with `--as` on this command, else AGENT_NAME, else the
 * support team. The OS login is never used: it is no one's name for a supplier ("root").
 */
export const cliAgent = (
  given: string | undefined,
  configured: string | undefined,
  lang: Lang,
): AgentActor => {
  const raw = (given ?? configured ?? "").trim();
  if (raw === "") return { kind: "agent", id: "cli:team", name: TEAM[lang] };
  const problem = textProblem(raw);
  if (problem || raw.length > 100 || raw.includes("\n")) {
    throw new UsageError(`--as: ${usageLabels[lang].agentName}`);
  }
  const name = normalizeText(raw);
  return { kind: "agent", id: namedAgentId("cli", name), name };
};

/**
 * The person at the terminal as the audit log names them: the machine's login, which is who did it
 * (suppliers never see it; they see the agent name above).
 */
export const cliOperator = (): AuditActor => {
  const name = userInfo().username || "cli";
  return { kind: "operator", id: `cli:${name}`, name };
};
