import { userInfo } from "node:os";
import type { AuditActor } from "../../core/ports/audit-log.js";
import type { Actor } from "../../core/ticket/ticket.js";

/** The person at the terminal acts as an agent; their login name is recorded in the history. */
export const cliAgent = (): Actor => {
  const name = userInfo().username || "cli";
  return { kind: "agent", id: `cli:${name}`, name };
};

/** The same person as the audit log names them: an operator at this machine's terminal. */
export const cliOperator = (): AuditActor => {
  const name = userInfo().username || "cli";
  return { kind: "operator", id: `cli:${name}`, name };
};
