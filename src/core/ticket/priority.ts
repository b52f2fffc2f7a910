/** The Prisma enum Priority mirrors this list; order is ascending urgency. */
export const PRIORITIES = ["LOW", "MEDIUM", "HIGH"] as const;
export type Priority = (typeof PRIORITIES)[number];
