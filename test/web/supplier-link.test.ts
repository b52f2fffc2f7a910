import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localLink, postLogin, signIn } from "../../testkit/console-client.js";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { ticketFor } from "../telegram/support/requester.js";
import {
  AGENT,
  startTelegramService,
  type TelegramTestService,
} from "../telegram/support/telegram-service.js";

const ana: Person = { userId: 3101, firstName: "Ana", languageCode: "pt-br", inGroup: false };
const bob: Person = { userId: 3102, firstName: "Bob", languageCode: "en", inGroup: false };

describe("a supplier asks for their tickets in the browser from the chat", () => {
  let t: TelegramTestService;
  const updates = createUpdates();
  beforeAll(async () => {
    t = await startTelegramService();
  });
  afterAll(async () => {
    await t?.stop();
  });

  const linkFrom = async (person: Person, words: string) => {
    expect((await t.post(updates.text(person, words))).status).toBe(200);
    const last = t.api.messages(person.userId).at(-1)!.text ?? "";
    return { text: last, link: /(http\S+\/app\/login\?t=\S+)/.exec(last)?.[1] };
  };

  it("'abrir no navegador' answers a one-time link to their own tickets, in their language", async () => {
    const own = await ticketFor(t, ana, "Nota fiscal rejeitada");
    const other = await ticketFor(t, bob, "Invoice rejected");
    const { text, link } = await linkFrom(ana, "abrir no navegador");
    expect(text).toMatch(/^Seus chamados no navegador: http/);
    expect(text).toContain("funciona uma vez e expira em 10 minutos");
    const supplier = await signIn(t.service.url, localLink(t.service.url, link!));
    const tickets = await supplier.get("/tickets");
    expect(tickets.json.items.map((i: { publicId: string }) => i.publicId)).toEqual([own.ref]);
    expect((await supplier.get(`/tickets/${other.ref}`)).status).toBe(404);
    expect((await supplier.get("/dashboard")).status).toBe(404);
    // The link was spent by signing in.
    expect((await postLogin(t.service.url, new URL(link!).searchParams.get("t")!)).status).toBe(401);
  });

  it("'open in browser' (or /web) works in English too", async () => {
    const { text, link } = await linkFrom(bob, "open in browser");
    expect(text).toMatch(/^Your tickets in the browser: http/);
    expect(link).toBeDefined();
    const command = await linkFrom(bob, "/web");
    expect(command.text).toMatch(/^Your tickets in the browser: http/);
    expect(command.link).not.toBe(link);
  });

  it("a supplier deactivated while signed in is signed out: their session reads and writes nothing", async () => {
    const { ref } = await ticketFor(t, ana, "Boleto em dobro");
    const { link } = await linkFrom(ana, "abrir no navegador");
    const supplier = await signIn(t.service.url, localLink(t.service.url, link!));
    expect((await supplier.get(`/tickets/${ref}`)).status).toBe(200);
    const contact = (await t.service.core.directory.findContact("TELEGRAM", String(ana.userId)))!;
    await t.service.core.contacts.setActive(AGENT, contact.id, false);
    const events = (
      await t.service.core.tickets.events(
        (await t.service.core.tickets.findByNumber(Number(ref.slice(4))))!.id,
      )
    ).length;
    expect((await supplier.get(`/tickets/${ref}`)).status).toBe(401);
    expect((await supplier.post(`/tickets/${ref}/reply`, { message: "Ainda aqui?" })).status).toBe(401);
    const ticket = (await t.service.core.tickets.findByNumber(Number(ref.slice(4))))!;
    expect((await t.service.core.tickets.events(ticket.id)).length).toBe(events);
  });
});
