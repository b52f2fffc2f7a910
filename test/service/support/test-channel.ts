import { Redis } from "ioredis";
import { z } from "zod";
import type { RunnableChannel } from "../../../src/adapters/channel.js";
import { CHANNEL_URLS } from "../../../src/adapters/http/channel-routes.js";
import { actorOf, identityOf } from "../../../src/core/ticket/requester-of.js";
import { testChannel } from "../../../testkit/test-channel.js";
import { validTicket } from "../../support/core-harness.js";

const update = z.object({ update_id: z.number().int(), from: z.string().min(1), text: z.string().min(1) });

/**
 * A stand-in for a chat channel's webhook, doing what a real one does on each update: read the
 * contact's session (Redis), write the ticket in one idempotent transaction keyed by the update
 * id (PostgreSQL), save the session. Either store down means 503, and the platform's redelivery
 * finishes the job once it is back.
 */
export const testTelegramChannel = (sessionPrefix: string, redisUrl: string): RunnableChannel =>
  testChannel("test-telegram", (ctx) => {
    // Fails fast while Redis is away, as the service's own client does, so the route answers 503.
    const redis = new Redis(redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    redis.on("error", () => {});
    return {
      start: () => redis.connect(),
      stop: async () => void (await redis.quit().catch(() => redis.disconnect())),
      http: {
        name: "test-telegram",
        routes: [
          {
            method: "POST",
            url: CHANNEL_URLS.telegramWebhook,
            async handler(request, reply) {
              const parsed = update.safeParse(request.body);
              if (!parsed.success) return reply.code(400).send({ ok: false });
              const { update_id, from, text } = parsed.data;
              ctx.metrics.inboundMessage("TELEGRAM");
              const sessionKey = `${sessionPrefix}session:${from}`;
              await redis.get(sessionKey);
              const contact = await ctx.directory.ensureContact({
                channel: "TELEGRAM",
                platformUserId: from,
                displayName: from,
                organization: { key: `tg:${from}`, name: from },
                registered: false,
              });
              const created = await ctx.service.create(
                actorOf(contact),
                identityOf(contact),
                validTicket({ message: text, sourceKey: `tg:${update_id}` }),
              );
              await redis.set(sessionKey, "idle");
              return reply.send({ ok: created.ok });
            },
          },
        ],
      },
    };
  });
