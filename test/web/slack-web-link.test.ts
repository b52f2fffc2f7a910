import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localLink, signIn } from "../../testkit/console-client.js";
import {
  AGENT,
  AGENT_2,
  AGENTS,
  eventually,
  REQUESTER,
  SALES,
  type SlackTestService,
  startSlackService,
} from "../slack/support/slack-service.js";

describe("Slack: /ticket web gives agents a one-time console link", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService({ WEB_ADMIN_SLACK_USERS: AGENT });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const answer = async (user: string, id: string) => {
    expect((await t.command(user, "web", id)).status).toBe(200);
    await eventually(() => t.slack.responses(id).length > 0, "the answer to /ticket web");
    const response = t.slack.responses(id)[0]!;
    expect(response.body.response_type).toBe("ephemeral");
    return String(response.body.text);
  };

  it("an agent gets an ephemeral link that signs them in as that Slack user", async () => {
    const text = await answer(AGENT, "web-agent");
    const link = /<(http[^|>]+)\|/.exec(text)?.[1];
    expect(link).toBeDefined();
    expect(text).toMatch(/10 (minutos|minutes)/);
    const console = await signIn(t.service.url, localLink(t.service.url, link!));
    const me = await console.get("/me");
    // WEB_ADMIN_SLACK_USERS names this agent.
    expect(me.json).toMatchObject({ role: "admin", name: "Carla" });
  });

  it("an agent's session ends once Slack no longer lists them as an agent", async () => {
    const text = await answer(AGENT_2, "web-agent-2");
    const link = /<(http[^|>]+)\|/.exec(text)![1]!;
    const console = await signIn(t.service.url, localLink(t.service.url, link));
    expect((await console.get("/me")).json).toMatchObject({ role: "agent", name: "Bruno" });
    t.slack.setMembers(AGENTS, [AGENT, "U0BOT"]);
    t.slack.setMembers(SALES, ["U0BOT"]);
    // Slack's member lists are remembered for a minute, as for the buttons.
    t.advance(61_000);
    expect((await console.get("/me")).status).toBe(401);
  });

  it("someone Slack does not list as an agent gets no link", async () => {
    const text = await answer(REQUESTER, "web-requester");
    expect(text).not.toContain("/app/login");
    expect(text).toMatch(/agentes|agents/);
  });
});
