import type { InboundInput } from "../conversation/inbound.js";
import { isInvitationCode, normalizeCode } from "./invitations.js";

/**
 * The invitation code a message carries, if it is nothing else: Telegram's deep link arrives as
 * `/start CODE`; on WhatsApp the person sends the code as the whole message.
 */
export const invitationCodeOf = (input: InboundInput | null): string | null => {
  if (input?.kind === "command" && input.name === "start" && input.args.length === 1)
    return isInvitationCode(input.args[0]!) ? normalizeCode(input.args[0]!) : null;
  if (input?.kind === "text" && isInvitationCode(input.text)) return normalizeCode(input.text);
  return null;
};
