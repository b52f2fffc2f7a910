import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ConsoleClient, signIn } from "../../testkit/console-client.js";
import { deleteKeys } from "../../testkit/redis-keys.js";
import { waitFor } from "../../testkit/spawn-service.js";
import { describeWith, redisUrl, uniquePrefix } from "../support/pg-database-for-service.js";
import { ticketFor } from "../telegram/support/requester.js";
import { startTelegramService, type TelegramTestService } from "../telegram/support/telegram-service.js";

const ana = { userId: 2301, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const carla = { kind: "agent" as const, id: "slack:U1", name: "Carla" };

describeWith({ pg: true, redis: true }, "the console on several instances", () => {
  let a: TelegramTestService;
  let b: TelegramTestService;
  let agentOnA: ConsoleClient;
  let ref: string;
  const prefix = uniquePrefix("live");

  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl()!, REDIS_KEY_PREFIX: prefix };
    a = await startTelegramService({ database: "postgres", env });
    b = await startTelegramService({ database: { url: a.service.config.DATABASE_URL! }, env });
    ref = (await ticketFor(a, ana, "Nota fiscal rejeitada")).ref;
    agentOnA = await signIn(
      a.service.url,
      a.service.webLinks.forAgent({ slackUser: null, name: "Dora", admin: false }),
    );
    const redis = new Redis(redisUrl()!);
    try {
      // Both instances listen before anything is changed.
      await waitFor(
        async () => (await redis.pubsub("NUMSUB", `${prefix}tickets:changed`))[1] === 2,
        "both instances listening",
      );
    } finally {
      redis.disconnect();
    }
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await deleteKeys(redisUrl()!, prefix);
  });

  it("a page open on one instance hears of a change made through another", async () => {
    const controller = new AbortController();
    const response = await fetch(`${a.service.url}/app/api/events`, {
      headers: { cookie: agentOnA.cookie },
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    let seen = "";
    const read = (async () => {
      while (!seen.includes("event: ticket")) {
        const chunk = await reader.read();
        if (chunk.done) break;
        seen += new TextDecoder().decode(chunk.value);
      }
    })();
    expect((await b.service.core.service.changePriority(carla, ref, { priority: "LOW" })).ok).toBe(true);
    await read;
    controller.abort();
    expect(seen).toContain(`data: {"number":${Number(ref.slice(4))}}`);
  });

  it("one instance's dashboard figures are recomputed after a change made through another", async () => {
    const before = (await agentOnA.get("/dashboard?days=2")).json;
    expect(before.refreshing).toBe(false);
    const low = before.counts.total - before.counts.highPriority;
    // A real change whatever an earlier test left (run alone, the ticket is still HIGH).
    const current = await b.service.core.service.detail(carla, ref);
    const raise = current.ok && current.value.ticket.priority !== "HIGH";
    const priority = raise ? "HIGH" : "LOW";
    expect((await b.service.core.service.changePriority(carla, ref, { priority })).ok).toBe(true);
    await waitFor(
      async () => (await agentOnA.get("/dashboard?days=2")).json.refreshing === true,
      "figures due",
    );
    await waitFor(async () => {
      const now = (await agentOnA.get("/dashboard?days=2")).json;
      return !now.refreshing && now.counts.total - now.counts.highPriority === (raise ? low - 1 : low + 1);
    }, "the recomputed figures");
  });
});
