import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorOf } from "../../src/core/ticket/requester-of.js";
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

describe("Slack: merging a duplicate", () => {
  let t: SlackTestService;
  let ids = 0;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const chatOf = (chatId: number) => t.telegram.messages(chatId).map((m) => m.text);
  const command = async (text: string, user = AGENT) => {
    const id = `merge-${++ids}`;
    expect((await t.command(user, text, id)).status).toBe(200);
    await eventually(() => t.slack.responses(id).length > 0, `the answer to /ticket ${text}`);
    return t.slack.responses(id)[0]!.body;
  };
  const threadOf = (root: { ts: string }) => t.slack.thread(AGENTS, root.ts).map((m) => m.text);

  it("closes the duplicate with a link, lists it on the target, tells its requester and routes their replies", async () => {
    const target = await supplierTicket(t, 640_001, "Invoice rejected by SEFAZ");
    const duplicate = await supplierTicket(t, 640_002, "SEFAZ refuses our invoice");
    expect(await command(`merge ${duplicate.ref} ${target.ref}`, OUTSIDER)).toMatchObject({
      text: "Only agents (members of the agents' channel) can change tickets.",
    });
    expect(await command(`merge ${duplicate.ref} ${duplicate.ref}`)).toMatchObject({
      text: "Not done: That ticket cannot be merged: a ticket cannot be merged into itself.",
    });
    expect(await command(`merge ${duplicate.ref} ${target.ref}`)).toMatchObject({
      text: `${duplicate.ref} was merged into ${target.ref}.`,
    });

    const closed = await t.ticket(duplicate.ticket.number);
    expect(closed.status).toBe("SOLVED");
    expect(closed.mergedInto).toEqual({ id: target.ticket.id, number: target.ticket.number });
    const targetHistory = await t.service.core.tickets.events(target.ticket.id);
    const listed = targetHistory.find((e) => e.kind === "MERGED_FROM")!;
    expect(listed.from).toBe(duplicate.ref);
    expect(listed.body).toContain("Supplier 640002: About: SEFAZ refuses our invoice");

    // The duplicate's requester is told which ticket to follow, and asked for no rating.
    await eventually(() => chatOf(duplicate.chatId).length === 1, "the merge notice");
    expect(chatOf(duplicate.chatId)[0]).toBe(
      `🔗 ${duplicate.ref} "SEFAZ refuses our invoice" was merged into ${target.ref}, which carries on with it. Follow ${target.ref} from now on; your replies here go there too.`,
    );
    // The target's requester hears nothing of another person's ticket.
    expect(chatOf(target.chatId)).toEqual([]);

    // Both roots show the merge.
    await eventually(
      () =>
        JSON.stringify(t.slack.messages(AGENTS).find((m) => m.ts === duplicate.root.ts)!.blocks).includes(
          `Merged into *${target.ref}*`,
        ),
      "the duplicate's root",
    );
    await eventually(
      () => threadOf(target.root).some((l) => l.startsWith(`🔗 ${duplicate.ref} was merged here`)),
      "the target's thread",
    );
    // The duplicate's line is posted after its root is updated, in another ticket's lane than the
    // target's line: either may come first.
    const mergedLine = `🔗 Merged into ${target.ref} (Carla); the requester was told to follow it.`;
    await eventually(
      () => threadOf(duplicate.root).some((l) => l.includes(mergedLine)),
      "the duplicate's thread",
    );
    expect(threadOf(duplicate.root).join("\n")).toContain(mergedLine);

    // The duplicate's requester writes on the duplicate: it lands on the target, in its thread.
    const contact = (await t.service.core.directory.findContactById(closed.requester.contactId))!;
    const replied = await t.service.core.service.reply(actorOf(contact), duplicate.ref, {
      message: "Here is the XML of the invoice.",
      sourceKey: "telegram:640002:99",
    });
    expect(replied.ok).toBe(true);
    await eventually(
      async () =>
        (await t.service.core.tickets.events(target.ticket.id)).some(
          (e) => e.body === "Here is the XML of the invoice.",
        ),
      "the routed reply",
    );
    expect(
      (await t.service.core.tickets.events(duplicate.ticket.id)).some(
        (e) => e.body === "Here is the XML of the invoice.",
      ),
    ).toBe(false);
    await eventually(
      () => threadOf(target.root).some((l) => l.includes("Here is the XML of the invoice.")),
      "the reply in the target's thread",
    );
    expect((await t.ticket(duplicate.ticket.number)).status).toBe("SOLVED");

    // An agent's answer on the target reaches its own requester.
    const message = t.slack.userPosts(AGENTS, AGENT, "We are on it.", target.root.ts);
    await t.event(
      payloads.threadMessage({
        channel: AGENTS,
        user: AGENT,
        text: message.text,
        ts: message.ts,
        threadTs: target.root.ts,
      }),
    );
    await eventually(
      async () => (await t.outbox()).some((i) => i.ticketId === target.ticket.id && i.kind === "agent_reply"),
      "the reply queued",
    );
    t.advance(16_000);
    await eventually(() => chatOf(target.chatId).length === 1, "the target requester's reply");
    expect(chatOf(target.chatId)[0]).toContain("We are on it.");
    expect(chatOf(duplicate.chatId)).toHaveLength(1);

    expect(await command(`merge ${duplicate.ref} ${target.ref}`)).toMatchObject({
      text: "Not done: That ticket cannot be merged: it was already merged.",
    });
  });
});
