import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryRelayLog,
  createRedisRelayLog,
  type RelayLog,
} from "../../src/adapters/slack/relay-log.js";
import { openTestRedis, type TestRedis } from "../sessions/support/test-redis.js";
import { describeWith } from "../support/pg-database-for-service.js";

/** The replies being watched for delivery reactions: one behaviour in memory and on Redis. */
const relayLogContract = (name: string, open: () => Promise<{ log: RelayLog; other?: RelayLog }>) => {
  it(`${name}: keeps one entry per outbox key, replaces it on put, forgets it on remove`, async () => {
    const { log, other } = await open();
    const relay = {
      key: "t1:v1:agent_reply:requester",
      channel: "C1",
      ts: "1.000001",
      shown: "queued" as const,
      at: 1,
    };
    await log.put(relay);
    await log.put({ ...relay, key: "t2:v1:agent_reply:requester", ts: "2.000001" });
    await log.put({ ...relay, shown: "delivered" });
    const all = (await log.all()).sort((a, b) => a.key.localeCompare(b.key));
    expect(all).toEqual([
      { ...relay, shown: "delivered" },
      { ...relay, key: "t2:v1:agent_reply:requester", ts: "2.000001" },
    ]);
    // Another instance sees the same entries when they are shared.
    if (other) expect((await other.all()).length).toBe(2);
    await log.remove(relay.key);
    expect((await log.all()).map((r) => r.key)).toEqual(["t2:v1:agent_reply:requester"]);
  });
};

describe("relay log in memory", () => {
  relayLogContract("memory", async () => ({ log: createMemoryRelayLog() }));
});

describeWith({ redis: true }, "relay log on Redis", () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await openTestRedis();
  });
  afterAll(async () => {
    await redis?.close();
  });
  relayLogContract("redis", async () => ({
    log: createRedisRelayLog(redis.redis, redis.prefix),
    other: createRedisRelayLog(await redis.connect(), redis.prefix),
  }));

  it("skips entries it cannot read instead of failing the whole pass", async () => {
    const log = createRedisRelayLog(redis.redis, `${redis.prefix}broken:`);
    await redis.redis.hset(
      `${redis.prefix}broken:slack:relays`,
      "bad",
      "{not json",
      "worse",
      JSON.stringify({ key: 1 }),
    );
    await log.put({ key: "ok", channel: "C1", ts: "1.000001", shown: "queued", at: 1 });
    expect((await log.all()).map((r) => r.key)).toEqual(["ok"]);
  });
});
