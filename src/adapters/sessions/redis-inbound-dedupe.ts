import type { Redis } from "ioredis";
import type { InboundDedupe, PendingAnswer } from "../../core/ports/inbound-dedupe.js";

const PROCESSING = "p";
const DONE = "d";
/** An unsent answer is only useful to a redelivery, which comes within minutes of a crash. */
const PENDING_ANSWER_MS = 10 * 60_000;

/**
 * `<prefix>inbound:<channel>:<messageId>` holds "p" while its message is processed and "d" once it
 * was, for `ttlMs`; `<prefix>inbound-answer:<…>` holds the answer until it has gone out.
 */
export const createRedisInboundDedupe = (options: {
  redis: Redis;
  prefix: string;
  ttlMs: number;
}): InboundDedupe => {
  const key = (id: string) => `${options.prefix}inbound:${id}`;
  const answerKey = (id: string) => `${options.prefix}inbound-answer:${id}`;
  const ttl = String(options.ttlMs);
  return {
    async claim(id) {
      // One round trip: take the id if free, and see what was there if it was not.
      const before = await options.redis.call("SET", key(id), PROCESSING, "NX", "GET", "PX", ttl);
      return before === DONE ? "done" : "new";
    },
    async release(id) {
      await options.redis.del(key(id), answerKey(id));
    },
    async settle(id, answer) {
      const multi = options.redis.multi().set(key(id), DONE, "PX", options.ttlMs);
      if (answer) multi.set(answerKey(id), JSON.stringify(answer), "PX", PENDING_ANSWER_MS);
      await multi.exec();
    },
    async pendingAnswer(id) {
      const raw = await options.redis.get(answerKey(id));
      return raw === null ? null : (JSON.parse(raw) as PendingAnswer);
    },
    async answered(id) {
      await options.redis.del(answerKey(id));
    },
  };
};
