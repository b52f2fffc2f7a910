import { signatureOf } from "../../src/adapters/slack/verify.js";
import type { FakeSlackApi } from "../fake-slack-api.js";
import { payloads } from "../slack-payloads.js";

const BOT_TOKEN = "xoxb-1111-2222-chamadobench";
const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const AGENTS = "C0AGENTS";
const AGENT = "U0AGENT";

/** The service's Slack settings against `slack`, with one agent in the agents' channel. */
export const slackEnv = (slack: FakeSlackApi): Record<string, string> => {
  slack.setMembers(AGENTS, [AGENT, "U0BOT"]);
  slack.setUser(AGENT, { name: "Carla", locale: "en-US" });
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_AGENT_CHANNEL_ID: AGENTS,
    SLACK_API_URL: slack.apiUrl,
  };
};

export const SLACK_BOT_TOKEN = BOT_TOKEN;

/**
 * Sends a signed /ticket from the agent every `intervalMs`, one at a time, and records how long
 * each took to be acknowledged (Slack gives up after 3 s). Runs until stopped.
 */
export const startSlackAckSampler = (serviceUrl: string, slack: FakeSlackApi, intervalMs: number) => {
  const latencies: number[] = [];
  let failures = 0;
  let stopped = false;
  let n = 0;
  const once = async () => {
    const body = new URLSearchParams(
      payloads.command({ user: AGENT, channel: AGENTS, responseUrl: slack.responseUrl(`ack-${n++}`) }),
    ).toString();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const start = performance.now();
    const response = await fetch(`${serviceUrl}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": timestamp,
        "x-slack-signature": signatureOf(SIGNING_SECRET, timestamp, body),
      },
      body,
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - start);
    if (!response.ok) failures++;
  };
  const loop = (async () => {
    while (!stopped) {
      await once().catch(() => void failures++);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop(): Promise<{ latencies: number[]; failures: number }> {
      stopped = true;
      await loop;
      return { latencies, failures };
    },
  };
};
