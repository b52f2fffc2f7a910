import type { Redis } from "ioredis";
import { z } from "zod";
import type { DeliveryMark } from "./ids.js";

/** An agent's thread reply on its way to the requester, and the reaction it shows now. */
export interface Relay {
  readonly key: string;
  readonly channel: string;
  readonly ts: string;
  readonly shown: DeliveryMark;
  /** When it was relayed (ms), to stop watching delivered replies whose channel never reports reading. */
  readonly at: number;
}

const relaySchema = z.object({
  key: z.string(),
  channel: z.string(),
  ts: z.string(),
  shown: z.enum(["queued", "delivered", "read", "failed"]),
  at: z.number(),
});

/**
 * Replies whose delivery reactions are still being kept up to date. Shared through Redis when the
 * service has it (any instance may update the reactions); this process's memory otherwise.
 */
export interface RelayLog {
  put(relay: Relay): Promise<void>;
  all(): Promise<Relay[]>;
  remove(key: string): Promise<void>;
}

export const createMemoryRelayLog = (): RelayLog => {
  const relays = new Map<string, Relay>();
  return {
    put: async (relay) => void relays.set(relay.key, relay),
    all: async () => [...relays.values()],
    remove: async (key) => void relays.delete(key),
  };
};

const parseJson = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
};

export const createRedisRelayLog = (redis: Redis, prefix: string): RelayLog => {
  const hash = `${prefix}slack:relays`;
  return {
    put: async (relay) => void (await redis.hset(hash, relay.key, JSON.stringify(relay))),
    async all() {
      const entries = await redis.hgetall(hash);
      return Object.values(entries).flatMap((raw) => {
        const parsed = relaySchema.safeParse(parseJson(raw));
        return parsed.success ? [parsed.data] : [];
      });
    },
    remove: async (key) => void (await redis.hdel(hash, key)),
  };
};
