import { apiKeyCommands } from "./api-key-commands.js";
import type { Command } from "./command.js";
import { conversationCommands } from "./conversation-commands.js";
import { hours } from "./hours-command.js";
import { migrate } from "./migrate-command.js";
import { savedReplyCommands } from "./saved-reply-commands.js";
import { telegramCommands } from "./telegram-commands.js";
import { ticketCommands } from "./ticket-commands.js";

/** Every CLI command, in the order `help` lists them. */
export const commands: readonly Command[] = [
  ...ticketCommands,
  ...savedReplyCommands,
  hours,
  ...conversationCommands,
  migrate,
  ...apiKeyCommands,
  ...telegramCommands,
];
