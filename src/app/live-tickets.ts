import type { Redis } from "ioredis";
import { z } from "zod";
import { createRedisBroadcast } from "../adapters/sessions/redis-broadcast.js";
import { createLiveTickets, type LiveTickets } from "../adapters/web/index.js";

const notice = z.object({
  from: z.string(),
  number: z.number().int().positive(),
  organizationId: z.string(),
  requesterPersonId: z.string(),
});

export interface SharedLiveTickets extends LiveTickets {
  close(): Promise<void>;
}

/**
 * Ticket changes for the console's live pages and its dashboard figures. With Redis, a change made
 * through any instance reaches every instance's listeners (on `<prefix>tickets:changed`), so a table
 * open on one instance follows a reply sent through another; without Redis there is one instance.
 * A notice lost while Redis is away costs a page its live refresh, never data.
 */
export const sharedLiveTickets = (
  redis: Redis | null,
  prefix: string,
  instanceId: string,
): SharedLiveTickets => {
  const local = createLiveTickets();
  if (!redis) return { ...local, close: async () => {} };
  const broadcast = createRedisBroadcast(redis, `${prefix}tickets:changed`);
  broadcast.subscribe((message) => {
    let parsed: z.infer<typeof notice> | undefined;
    try {
      parsed = notice.parse(JSON.parse(message));
    } catch {
      return;
    }
    // This instance told its own listeners already, without waiting for Redis.
    if (parsed.from === instanceId) return;
    local.publish({
      number: parsed.number,
      organizationId: parsed.organizationId,
      requesterPersonId: parsed.requesterPersonId,
    });
  });
  return {
    subscribe: local.subscribe,
    publish(change) {
      local.publish(change);
      void broadcast.publish(JSON.stringify({ from: instanceId, ...change }));
    },
    close: () => broadcast.close(),
  };
};
