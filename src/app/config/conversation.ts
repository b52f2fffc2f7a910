import { z } from "zod";
import { int } from "../../adapters/config-fields.js";
import { ACCESS_POLICIES } from "../../core/conversation/deps.js";

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The chat dialogue: who may open tickets, when an idle flow ends, how dates are shown. */
export const conversationConfig = {
  ACCESS_POLICY: z.enum(ACCESS_POLICIES, { error: "expected open or registered" }).default("open"),
  CONVERSATION_IDLE_MINUTES: int(1, 24 * 60, 30),
  /** How long a platform message id is remembered in Redis (or memory) to drop redeliveries. */
  CONVERSATION_DEDUPE_MINUTES: int(1, 7 * 24 * 60, 60),
  /** How long a stuck holder of a contact's lock keeps it, and how long a message waits for its turn. */
  CONVERSATION_LOCK_TTL_SECONDS: int(1, 600, 30),
  CONVERSATION_LOCK_WAIT_SECONDS: int(1, 600, 60),
  /**
   * How long a contact is kept in memory between its messages (0: never). Changes made through
   * chamado reach every instance at once over Redis; this bounds anything else, such as SQL by hand.
   */
  CONTACT_CACHE_SECONDS: int(0, 3600, 60),
  REDIS_KEY_PREFIX: z.string().trim().max(100).default("chamado:"),
  TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, { error: "expected an IANA time zone such as America/Sao_Paulo" })
    .default("America/Sao_Paulo"),
};
