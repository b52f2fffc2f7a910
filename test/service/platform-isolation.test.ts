import { afterAll, beforeAll, expect, it } from "vitest";
import { waitFor } from "../../testkit/spawn-service.js";
import { startSlackAckSampler } from "../../testkit/walk/slack-ack.js";
import { describeWith } from "../support/pg-database-for-service.js";
import {
  type ChatUnderFaults,
  deliverUntilAccepted,
  startChatUnderFaults,
} from "./support/chat-under-faults.js";

/**
 * One platform hanging must hold only its own slots. Meta's Graph API stops answering; 40 WhatsApp
 * suppliers write at once, more than the chat-turn budget (8 here). Were the budget shared, every
 * Telegram turn would queue behind sends that hang for the 5 s inline deadline, and Slack's 3 s ack
 * window would pass; on budgets and outbox lanes of their own they keep their usual pace.
 */
describeWith({ pg: true, redis: true }, "a hung platform is isolated", () => {
  let env: ChatUnderFaults;
  const HUNG = 40;
  /** Well under the 5 s a hung send holds a turn: crossing it means a turn waited for WhatsApp. */
  const BOUND_MS = 2_500;

  beforeAll(async () => {
    env = await startChatUnderFaults({ env: { CHAT_TURN_CONCURRENCY: "8" } });
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  const telegramStepMs = async (supplier: number, step: number): Promise<number> => {
    const before = env.telegram.inbox.count(supplier);
    const started = Date.now();
    await deliverUntilAccepted(env.send, env.telegram.request(supplier, step), 200);
    await env.telegram.inbox.waitFor(supplier, before + env.counts.telegram[step]!, 60_000);
    return env.telegram.inbox.arrivedAt(supplier, before) - started;
  };
  const healthMs = async () => {
    const started = Date.now();
    const response = await fetch(`${env.service.url}/healthz`);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    return Date.now() - started;
  };

  it("40 hung WhatsApp sends delay neither a Telegram turn, nor a Slack ack, nor /healthz", async () => {
    env.fakes.graph.fail({ kind: "hang" }, { times: 10_000 });
    const suppliers = Array.from({ length: HUNG }, (_, i) => 300 + i);
    const hungWebhooks = suppliers.map((s) =>
      deliverUntilAccepted(env.send, env.whatsapp.request(s, 0), 500),
    );
    await waitFor(() => env.fakes.graph.hanging() >= 8, "the WhatsApp sends to hang");

    const slack = startSlackAckSampler(env.service.url, env.fakes.slack, 100);
    const telegram: number[] = [];
    for (let step = 0; step < 5; step++) telegram.push(await telegramStepMs(400, step));
    const health = [await healthMs(), await healthMs(), await healthMs()];
    const acks = await slack.stop();
    // Still hanging while all of the above was measured.
    expect(env.fakes.graph.hanging()).toBeGreaterThanOrEqual(1);

    expect(
      telegram.filter((ms) => ms > BOUND_MS),
      `Telegram step latencies ${telegram.join(", ")} ms`,
    ).toEqual([]);
    expect(acks.failures).toBe(0);
    expect(acks.latencies.length).toBeGreaterThan(0);
    expect(
      acks.latencies.filter((ms) => ms > BOUND_MS),
      "Slack acks",
    ).toEqual([]);
    expect(
      health.filter((ms) => ms > BOUND_MS),
      "/healthz",
    ).toEqual([]);

    // Every hung send had a deadline: the webhooks were answered (their answers queued), and once Meta
    // answers again each supplier gets the greeting exactly once.
    const refused = await Promise.all(hungWebhooks);
    expect(refused.flat()).toEqual([]);
    env.fakes.graph.clearFaults();
    await waitFor(
      () => suppliers.every((s) => env.whatsapp.inbox.count(s) >= 1),
      "the queued greetings to go out",
      90_000,
    );
    for (const s of suppliers) expect(env.whatsapp.received(s), `supplier ${s}`).toHaveLength(1);
  }, 240_000);
});
