import { apiKeyCommands } from "./api-key-commands.js";
import { attachmentCommands } from "./attachment-commands.js";
import type { Command } from "./command.js";
import { conversationCommands } from "./conversation-commands.js";
import { directoryCommands } from "./directory-commands.js";
import { migrate } from "./migrate-command.js";
import { telegramCommands } from "./telegram-commands.js";
import { ticketCommands } from "./ticket-commands.js";

/** Every CLI command, in the order `help` lists them. */
export const commands: readonly Command[] = [
  ...ticketCommands,
  ...attachmentCommands,
  ...conversationCommands,
  ...directoryCommands,
  migrate,
  ...apiKeyCommands,
  ...telegramCommands,
];
