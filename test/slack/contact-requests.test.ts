import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formValues, payloads } from "../../testkit/slack-payloads.js";
import {
  AGENT,
  AGENTS,
  eventually,
  REQUESTER,
  type SlackTestService,
  startSlackService,
} from "./support/slack-service.js";
import { telegramSupplier } from "./support/supplier.js";

describe("contact requests: asked in chat or with /ticket, marked done from the thread", () => {
  let t: SlackTestService;
  beforeAll(async () => {
    t = await startSlackService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const newest = async () =>
    (await t.service.core.tickets.list({ limit: 1, sort: { field: "number", direction: "desc" } })).items[0]!;
  const doneButton = (channel: string, rootTs: string) =>
    t.slack
      .thread(channel, rootTs)
      .find((m) => JSON.stringify(m.blocks ?? []).includes('"action_id":"ticket_contact_done"'));
  const press = (ticketNumber: number, id: string) =>
    t.interact(
      payloads.action({
        user: AGENT,
        actionId: "ticket_contact_done",
        value: String(ticketNumber),
        responseUrl: t.slack.responseUrl(id),
      }),
    );

  it("an internal requester asks with /ticket contact; agents mark it done; the requester is told", async () => {
    await t.interact(
      payloads.submission({
        user: REQUESTER,
        values: formValues({
          subject: "Cannot log in to the ERP",
          department: "technical",
          priority: "HIGH",
          type: "incident",
          message: "Password expired?",
          files: [],
        }),
      }),
    );
    await eventually(async () => {
      const found = (await t.service.core.tickets.list({ limit: 1 })).items[0];
      return found !== undefined && (await t.link(found.number, "agents")) !== null;
    }, "the root");
    const ticket = await newest();
    const ref = `TKT-${String(ticket.number).padStart(6, "0")}`;
    const root = (await t.link(ticket.number, "agents"))!;
    expect((await t.command(REQUESTER, `contact ${ref}`, "contact")).status).toBe(200);
    await eventually(() => t.slack.responses("contact").length > 0, "the answer");
    expect(String(t.slack.responses("contact")[0]!.body.text)).toBe(
      `Request recorded: support will contact you about ticket ${ref}.`,
    );
    expect((await t.ticket(ticket.number)).contactRequestedAt).not.toBeNull();
    await eventually(
      () => doneButton(AGENTS, root.ts) !== undefined,
      "the request with its button in the thread",
    );
    expect(doneButton(AGENTS, root.ts)!.text).toBe("📞 Ana asked to be contacted.");

    expect((await press(ticket.number, "done")).status).toBe(200);
    await eventually(
      async () => (await t.ticket(ticket.number)).contactRequestedAt === null,
      "the request done",
    );
    const events = await t.service.core.tickets.events(ticket.id);
    expect(events.find((e) => e.kind === "CONTACT_DONE")?.actor).toMatchObject({
      kind: "AGENT",
      name: "Carla",
    });
    await eventually(
      () => t.slack.thread(AGENTS, root.ts).some((m) => m.text === "✅ Contact made (Carla)."),
      "the done line",
    );
    const dm = `D${REQUESTER}`;
    // In the requester's DM thread of the ticket, where everything about it reaches them.
    const dmThread = (await t.link(ticket.number, "dm"))!;
    await eventually(
      () =>
        t.slack
          .thread(dm, dmThread.ts)
          .some((m) => m.text.includes("marked the contact you asked for as done")),
      "the requester told in Slack",
    );
    // A second press changes nothing.
    await press(ticket.number, "again");
    expect(
      (await t.service.core.tickets.events(ticket.id)).filter((e) => e.kind === "CONTACT_DONE"),
    ).toHaveLength(1);
  });

  it("a Telegram supplier's request from the chat gets the button; done is told in Portuguese", async () => {
    const supplier = telegramSupplier(t, {
      userId: 730_001,
      firstName: "Rita",
      languageCode: "pt-BR",
      inGroup: false,
    });
    await supplier.say("1", "Nota rejeitada", "1", "1", "1", "Rejeitada.", "pular", "1");
    const ticket = await newest();
    const ref = `TKT-${String(ticket.number).padStart(6, "0")}`;
    await eventually(async () => (await t.link(ticket.number, "agents")) !== null, "the root");
    const root = (await t.link(ticket.number, "agents"))!;
    await supplier.say(ref, "pedir contato");
    expect(supplier.chat().at(-1)).toContain(
      `Pedido registrado: o suporte vai entrar em contato sobre o chamado ${ref}.`,
    );
    await eventually(() => doneButton(AGENTS, root.ts) !== undefined, "the button in the thread");
    await press(ticket.number, "tg");
    await eventually(
      () => supplier.chat().some((m) => m.includes("registrou como feito o contato que você pediu")),
      "the supplier told",
    );
    await supplier.say(ref);
    expect(supplier.chat().at(-1)).toContain("contato feito");
    expect(supplier.chat().at(-1)).not.toContain("Contato pedido em:");
  });
});
