import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signatureOf } from "../../src/adapters/slack/verify.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../testkit/fake-slack-api.js";
import { payloads } from "../../testkit/slack-payloads.js";
import { type SpawnedService, spawnService, testEnv, waitFor } from "../../testkit/spawn-service.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

const ENTRY = join(import.meta.dirname, "../../testkit/service-entry.ts");
const BOT_TOKEN = "xoxb-1111-2222-chamadolease";
const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const AGENTS = "C0AGENTS";
const REQUESTER = "U0LEASE";

/**
 * Slack retries an event that got no answer (the process died on it). Its first delivery's claim
 * must not swallow the retry: a claim whose holder died is taken over once its lease runs out.
 */
describeWith({ pg: true }, "Slack: an event whose handler was killed mid-way", () => {
  let db: ThrowawayDatabase;
  let slack: FakeSlackApi;
  const services: SpawnedService[] = [];

  const start = async () => {
    const env = await testEnv({
      DATABASE_URL: db.url,
      LOG_LEVEL: "warn",
      DEFAULT_LANGUAGE: "en",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_AGENT_CHANNEL_ID: AGENTS,
      SLACK_API_URL: slack.apiUrl,
    });
    const service = await spawnService(ENTRY, env);
    services.push(service);
    return service;
  };

  const deliver = (service: SpawnedService, event: Record<string, unknown>, retryNum?: number) => {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    return fetch(`${service.url}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signatureOf(SIGNING_SECRET, timestamp, body),
        ...(retryNum !== undefined
          ? { "x-slack-retry-num": String(retryNum), "x-slack-retry-reason": "http_error" }
          : {}),
      },
      body,
    });
  };

  const publishes = () => slack.calls("views.publish").filter((c) => c.args.user_id === REQUESTER);

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    slack = await startFakeSlackApi({ token: BOT_TOKEN });
    slack.setMembers(AGENTS, ["U0AGENT", "U0BOT"]);
    slack.setUser(REQUESTER, { name: "Lia", locale: "en-US" });
  });
  afterAll(async () => {
    for (const service of services) service.child.kill("SIGKILL");
    await slack?.close();
    await db?.drop();
  });

  it("is handled once by the retry after a SIGKILL, not dropped and not twice", async () => {
    const event = payloads.event(payloads.appHomeOpened(REQUESTER), "EvLEASE1");
    // The first handling hangs on its last Slack call; the process dies there, before answering.
    slack.fault("views.publish", { hang: true }, { match: (args) => args.user_id === REQUESTER });
    // Both instances up before the event: the dead holder's lease runs 30 s from its claim, and a
    // second process started only after the kill can take that long to start on a busy machine.
    const [first, second] = await Promise.all([start(), start()]);
    const answer = deliver(first, event).catch((error: unknown) => error);
    await waitFor(() => publishes().length === 1, "the handler hanging in views.publish");
    first.child.kill("SIGKILL");
    await first.exited;
    expect(await answer).toBeInstanceOf(Error);

    // Slack's immediate retry: the dead holder's lease still runs, so Slack is asked to come back.
    const early = await deliver(second, event, 1);
    expect(early.status).toBe(503);
    expect(early.headers.get("retry-after")).toBeTruthy();
    expect(publishes()).toHaveLength(1);

    // Slack's next retry comes a minute later, past the lease: moved forward here instead of waited for.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const moved = await client.query(
      "UPDATE inbound_receipt SET lease_until = now() - interval '1 second' WHERE key = 'slack:event:EvLEASE1' AND done_at IS NULL",
    );
    await client.end();
    expect(moved.rowCount).toBe(1);

    const retried = await deliver(second, event, 2);
    expect(retried.status).toBe(200);
    await waitFor(() => publishes().length === 2, "the retry publishing the home tab");
    expect(publishes().map((c) => c.status)).toEqual([0, 200]);

    // Any later copy finds the event handled.
    const late = await deliver(second, event, 3);
    expect(late.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(publishes()).toHaveLength(2);
  });
});
