import { randomUUID } from "node:crypto";
import { deleteKeys } from "../../testkit/redis-keys.js";
import { testConfig } from "../../testkit/spawn-service.js";
import { createThrowawayDatabase, describeWith, redisUrl } from "../support/pg-database-for-service.js";
import { privacySuite } from "./privacy-suite.js";

const redisFor = () => {
  const url = redisUrl()!;
  const prefix = `chamado-test:${randomUUID()}:`;
  return { url, prefix, clear: () => deleteKeys(url, prefix) };
};

describeWith({ pg: true, redis: true }, "PostgreSQL and Redis", () => {
  privacySuite("PostgreSQL", async () => {
    const db = await createThrowawayDatabase();
    const redis = redisFor();
    const config = await testConfig({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.prefix,
    });
    return {
      config,
      redisUrl: redis.url,
      async close() {
        await redis.clear();
        await db.drop();
      },
    };
  });
});

describeWith({ redis: true }, "embedded database and Redis", () => {
  privacySuite("embedded PGlite", async () => {
    const redis = redisFor();
    const config = await testConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.prefix });
    return { config, redisUrl: redis.url, close: redis.clear };
  });
});
