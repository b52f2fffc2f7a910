import { userInfo } from "node:os";
import type { Actor } from "../../core/ticket/ticket.js";

/** The person at the terminal acts as an agent; their login name is recorded in the history. */
export const cliAgent = (): Actor => {
  const name = userInfo().username || "cli";
  return { kind: "agent", id: `cli:${name}`, name };
};
