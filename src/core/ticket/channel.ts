export const CHANNELS = ["WHATSAPP", "TELEGRAM", "SLACK", "API", "CLI", "CONSOLE"] as const;
/** Where a contact talks to us; the Prisma enum Channel mirrors this list. */
export type Channel = (typeof CHANNELS)[number];
