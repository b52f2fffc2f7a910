export { Prisma, PrismaClient } from "../../../generated/prisma/client.js";

import type { PrismaClient } from "../../../generated/prisma/client.js";

/** The transaction client handed to interactive transactions. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Under a burst, transactions queue for a pooled connection; Prisma's 2 s default wait would turn a
 * busy moment into errors. Locks are held briefly, so a long wait is safe and a long run is a bug.
 */
export const TX_OPTIONS = { maxWait: 60_000, timeout: 30_000 } as const;
