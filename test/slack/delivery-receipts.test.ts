import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import { type FakeGraphApi, startFakeGraphApi } from "../../testkit/fake-graph-api.js";
import { metaWebhooks, postWebhook } from "../../testkit/meta-webhooks.js";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  type SlackTestService,
  startSlackService,
  WHATSAPP,
} from "./support/slack-service.js";

const BRUNO = { waId: "5511912345678", name: "Bruno" };

describe("Slack reactions on agents' replies follow the platform's receipts", () => {
  let graph: FakeGraphApi;
  let t: SlackTestService;
  const hooks = metaWebhooks(WHATSAPP.phoneNumberId);
  beforeAll(async () => {
    graph = await startFakeGraphApi({
      accessToken: WHATSAPP.accessToken,
      phoneNumberId: WHATSAPP.phoneNumberId,
    });
    t = await startSlackService({}, { whatsappGraphUrl: graph.url });
  });
  afterAll(async () => {
    await t?.stop();
    await graph?.close();
  });

  const webhook = async (body: Record<string, unknown>) =>
    expect((await postWebhook(t.service.url, body, { appSecret: WHATSAPP.appSecret })).status).toBe(200);

  it("WhatsApp: queued, sent when Meta takes it, delivered and read as Meta reports them", async () => {
    // The supplier wrote first, so the 24-hour window is open for a plain reply.
    await webhook(hooks.text(BRUNO, t.clock.now(), "oi").body);
    const contact = (await t.service.core.directory.findContact("WHATSAPP", BRUNO.waId))!;
    const created = await t.service.core.service.create(actorOf(contact), identityOf(contact), {
      subject: "Nota fiscal rejeitada",
      department: "technical",
      priority: "MEDIUM",
      type: "support",
      message: "A Sefaz rejeita a nota 1234.",
    });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const ticket = created.value.ticket;
    await eventually(async () => (await t.link(ticket.number, "agents")) !== null, "the root");
    const root = (await t.link(ticket.number, "agents"))!;
    const reply = t.slack.userPosts(AGENTS, AGENT, "Estamos analisando.", root.ts);
    await t.event(
      payloads.threadMessage({
        channel: AGENTS,
        user: AGENT,
        text: reply.text,
        ts: reply.ts,
        threadTs: root.ts,
      }),
    );
    const marks = () => t.slack.reactions(AGENTS, reply.ts).join();
    await eventually(() => marks() === "hourglass_flowing_sand", "queued");
    t.advance(16_000);
    await eventually(
      () => graph.messagesTo(BRUNO.waId).some((m) => JSON.stringify(m.body).includes("Estamos")),
      "sent",
    );
    // Accepted by the Cloud API is not delivered: the reply shows sent until Meta says more.
    await eventually(() => marks() === "outbox_tray", "the sent mark");
    const wamid = graph.messagesTo(BRUNO.waId).find((m) => JSON.stringify(m.body).includes("Estamos"))!.wamid;
    await webhook(hooks.status(wamid, "sent", t.clock.now(), BRUNO.waId));
    await webhook(hooks.status(wamid, "delivered", t.clock.now(), BRUNO.waId));
    await eventually(() => marks() === "white_check_mark", "the delivered mark");
    await webhook(hooks.status(wamid, "read", t.clock.now(), BRUNO.waId));
    await eventually(() => marks() === "eyes", "the read mark");
    // A late "delivered" never moves it back.
    await webhook(hooks.status(wamid, "delivered", t.clock.now(), BRUNO.waId));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(marks()).toBe("eyes");
  });
});
