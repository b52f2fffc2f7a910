/** The Prisma enum Priority mirrors this list; order is ascending urgency. */
export const PRIORITIES = ["LOW", "MEDIUM", "HIGH"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const CHANNELS = ["WHATSAPP", "TELEGRAM", "SLACK", "API", "CLI", "CONSOLE"] as const;
/** Where a contact talks to us; the Prisma enum Channel mirrors this list. */
export type Channel = (typeof CHANNELS)[number];
