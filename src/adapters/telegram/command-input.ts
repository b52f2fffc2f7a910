import { isInvitationCode } from "../../core/contacts/invitations.js";
import type { InboundInput } from "../../core/conversation/index.js";
import { globalOptionId } from "../../core/conversation/index.js";
import { parseTicketRef } from "../../core/ticket/ticket-ref.js";

/** "/name", "/name@bot" and "/name args", as Telegram clients send commands. */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+([\s\S]*))?$/;

export interface ParsedCommand {
  readonly name: string;
  /** The bot the command names ("/new@chamado_bot"), if any. */
  readonly target: string | null;
  readonly args: readonly string[];
}

export const parseCommand = (text: string): ParsedCommand | null => {
  const match = COMMAND.exec(text.trim());
  if (!match) return null;
  const args = (match[3] ?? "").split(/\s+/).filter(Boolean).slice(0, 10);
  return { name: match[1]!.toLowerCase(), target: match[2] ?? null, args };
};

/** Deep-link payloads (t.me/<bot>?start=<payload>) that go straight to a place in the dialogue. */
const START_PAYLOADS: Readonly<Record<string, InboundInput>> = {
  new: { kind: "command", name: "new", args: [] },
  tickets: { kind: "command", name: "tickets", args: [] },
  help: { kind: "command", name: "help", args: [] },
  language: { kind: "command", name: "language", args: [] },
};

const startInput = (payload: string | undefined): InboundInput => {
  if (!payload) return { kind: "command", name: "start", args: [] };
  const known = START_PAYLOADS[payload.toLowerCase()];
  if (known) return known;
  // A ticket id ("TKT-000123") opens that ticket; the engine re-checks that the person may see it.
  if (parseTicketRef(payload) !== null) return { kind: "command", name: "ticket", args: [payload] };
  // An invitation's deep link (t.me/<bot>?start=CHD-…): the engine activates the contact with it.
  if (isInvitationCode(payload)) return { kind: "command", name: "start", args: [payload] };
  return { kind: "command", name: "start", args: [] };
};

/**
 * A Telegram command as the engine's input. Most map one to one; /start reads its deep-link
 * payload and /reply becomes the ticket's Reply button (`reply:<n>`), which the engine re-authorizes.
 * Without a ticket, /reply shows the person's tickets to pick one.
 */
export const commandInput = (command: ParsedCommand): InboundInput => {
  const [first, ...rest] = command.args;
  switch (command.name) {
    case "start":
      return startInput(first);
    case "reply": {
      const ticket = first ? parseTicketRef(first) : null;
      return ticket === null
        ? { kind: "command", name: "tickets", args: [] }
        : { kind: "choice", id: globalOptionId({ kind: "reply", ticket }) };
    }
    default:
      return {
        kind: "command",
        name: command.name,
        args: [...(first ? [first] : []), ...rest].map((a) => a.slice(0, 200)),
      };
  }
};
