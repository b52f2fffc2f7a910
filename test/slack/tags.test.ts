import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  OUTSIDER,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { supplierTicket } from "./support/tickets.js";

type Block = { type: string; block_id?: string; elements?: Record<string, unknown>[] };

describe("Slack: tags from the root message", () => {
  let t: SlackTestService;
  let ids = 0;
  beforeAll(async () => {
    t = await startSlackService({ TAG_SUGGESTIONS: "vpn, billing,Urgent" });
  });
  afterAll(async () => {
    await t?.stop();
  });

  const rootOf = (root: { ts: string }) => t.slack.messages(AGENTS).find((m) => m.ts === root.ts)!;
  const tagRow = (root: { ts: string }) =>
    (rootOf(root).blocks as Block[]).find((b) => b.block_id?.startsWith("ticket_tags_"))!;
  const pick = async (user: string, blockId: string, tags: string[]) => {
    const id = `tags-${++ids}`;
    const payload = payloads.action({
      user,
      actionId: "ticket_tags",
      value: "",
      selectedOptions: tags,
      blockId,
      responseUrl: t.slack.responseUrl(id),
    });
    expect((await t.interact(payload)).status).toBe(200);
    return id;
  };

  it("offers the configured suggestions, sets the picked tags, and shows them on the root and in the thread", async () => {
    const { ticket, root } = await supplierTicket(t, 630_001, "VPN drops every hour");
    const menu = tagRow(root).elements![0]!;
    expect(menu.type).toBe("multi_static_select");
    expect((menu.options as { value: string }[]).map((o) => o.value)).toEqual(["billing", "urgent", "vpn"]);
    expect(menu.initial_options).toBeUndefined();

    await pick(AGENT, tagRow(root).block_id!, ["vpn", "urgent"]);
    await eventually(async () => (await t.ticket(ticket.number)).tags.length === 2, "the tags");
    expect((await t.ticket(ticket.number)).tags).toEqual(["urgent", "vpn"]);
    await eventually(
      () => ((tagRow(root).elements![0]!.initial_options as unknown[] | undefined)?.length ?? 0) === 2,
      "the root updated",
    );
    expect(JSON.stringify(rootOf(root).blocks)).toContain("*Tags:* `urgent` `vpn`");
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text === "🏷 Tags: urgent, vpn (Carla)"),
      "the thread line",
    );

    // Someone outside the agents' channel changes nothing.
    const refused = await pick(OUTSIDER, tagRow(root).block_id!, []);
    await eventually(() => t.slack.responses(refused).length === 1, "the refusal");
    expect((await t.ticket(ticket.number)).tags).toEqual(["urgent", "vpn"]);

    await pick(AGENT, tagRow(root).block_id!, ["billing"]);
    await eventually(async () => (await t.ticket(ticket.number)).tags.join() === "billing", "the new tags");
  });
});
