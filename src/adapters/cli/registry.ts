import { apiKeyCommands } from "./api-key-commands.js";
import { attachmentCommands } from "./attachment-commands.js";
import { auditCommands } from "./audit-commands.js";
import type { Command } from "./command.js";
import { contactCommands } from "./contact-commands.js";
import { conversationCommands } from "./conversation-commands.js";
import { directoryCommands } from "./directory-commands.js";
import { hours } from "./hours-command.js";
import { kbCommands } from "./kb-commands.js";
import { migrate } from "./migrate-command.js";
import { privacyCommands } from "./privacy-commands.js";
import { savedReplyCommands } from "./saved-reply-commands.js";
import { telegramCommands } from "./telegram-commands.js";
import { ticketCommands } from "./ticket-commands.js";
import { webLink } from "./web-link-command.js";

/** Every CLI command, in the order `help` lists them. */
export const commands: readonly Command[] = [
  ...ticketCommands,
  ...attachmentCommands,
  ...savedReplyCommands,
  hours,
  ...conversationCommands,
  ...contactCommands,
  ...directoryCommands,
  migrate,
  ...apiKeyCommands,
  ...privacyCommands,
  ...auditCommands,
  ...telegramCommands,
  ...kbCommands,
  webLink,
];
