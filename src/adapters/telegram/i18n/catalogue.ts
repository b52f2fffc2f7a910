/** The bot's command names, as registered with setMyCommands (lowercase, at most 32 characters). */
export const TELEGRAM_COMMANDS = [
  "start",
  "new",
  "tickets",
  "ticket",
  "reply",
  "help",
  "cancel",
  "language",
] as const;
export type TelegramCommand = (typeof TELEGRAM_COMMANDS)[number];

/** Telegram-only sentences: the command menu and what only a Telegram chat can run into. */
export interface TelegramCatalogue {
  /** Shown in the client's command menu, 1 to 256 characters each. */
  readonly commands: Readonly<Record<TelegramCommand, string>>;
  /** Toast on a button of a group message meant for someone else. */
  readonly notForYou: (name: string) => string;
  /** Stickers, voice notes, locations and the like. */
  readonly unsupported: string;
  readonly downloadFailed: (fileName: string) => string;
  /** Button on notifications that opens the ticket. */
  readonly viewTicket: string;
}
