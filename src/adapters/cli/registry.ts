import { apiKeyCommands } from "./api-key-commands.js";
import type { Command } from "./command.js";
import { conversationCommands } from "./conversation-commands.js";
import { migrate } from "./migrate-command.js";
import { telegramCommands } from "./telegram-commands.js";
import { ticketCommands } from "./ticket-commands.js";
import { webLink } from "./web-link-command.js";

/** Every CLI command, in the order `help` lists them. */
export const commands: readonly Command[] = [
  ...ticketCommands,
  ...conversationCommands,
  migrate,
  ...apiKeyCommands,
  ...telegramCommands,
  webLink,
];
