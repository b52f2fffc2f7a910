import { afterAll, beforeAll, expect, it } from "vitest";
import { deleteKeys } from "../../testkit/redis-keys.js";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { describeWith, redisUrl, uniquePrefix } from "../support/pg-database-for-service.js";
import { AGENT, SECRET, startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const bruno: Person = { userId: 2222, firstName: "Bruno", languageCode: "pt-br", inGroup: false };
const carol: Person = { userId: 3333, firstName: "Carol", languageCode: "en", inGroup: false };
const dave: Person = { userId: 4444, firstName: "Dave", languageCode: "en", inGroup: false };

describeWith({ pg: true, redis: true }, "POST /telegram/webhook", () => {
  let t: TelegramTestService;
  const updates = createUpdates();
  // Instances scale out on PostgreSQL and Redis together: Redis holds the turns and remembers messages.
  const shared = { REDIS_URL: redisUrl()!, REDIS_KEY_PREFIX: uniquePrefix("tg-webhook") };
  beforeAll(async () => {
    t = await startTelegramService({ database: "postgres", env: shared });
  });
  afterAll(async () => {
    await t?.stop();
    await deleteKeys(shared.REDIS_URL, shared.REDIS_KEY_PREFIX);
  });

  const sentTo = (person: Person) => t.api.messages(person.userId);
  const contactOf = (person: Person) =>
    t.service.core.directory.findContact("TELEGRAM", String(person.userId));

  it("registers the command menu in both languages at start", () => {
    const menus = t.api.callsOf("setMyCommands").map((c) => ({
      language: c.params.language_code ?? "(default)",
      commands: (c.params.commands as { command: string }[]).map((x) => x.command).join(" "),
    }));
    const all = "start new tickets ticket reply help cancel language";
    expect(menus).toEqual([
      { language: "(default)", commands: all },
      { language: "pt", commands: all },
      { language: "en", commands: all },
    ]);
    const english = t.api.callsOf("setMyCommands")[2]!.params.commands as {
      command: string;
      description: string;
    }[];
    expect(english.find((c) => c.command === "new")?.description).toBe("Open a ticket");
  });

  it("refuses a missing or forged secret with 401 and processes nothing", async () => {
    const before = t.api.calls().length;
    const missing = await t.post(updates.text(bruno, "/start"), { secret: null });
    const forged = await t.post(updates.text(bruno, "/start"), { secret: `${SECRET}x` });
    const short = await t.post(updates.text(bruno, "/start"), { secret: "" });
    expect([missing.status, forged.status, short.status]).toEqual([401, 401, 401]);
    expect(t.api.calls().length).toBe(before);
    expect(await contactOf(bruno)).toBeNull();

    const genuine = await t.post(updates.text(bruno, "/start"));
    expect(genuine.status).toBe(200);
    expect(sentTo(bruno).map((m) => m.text)).toEqual(["Olá, Bruno! Como posso ajudar?"]);
  });

  it("answers 200 to updates it does not handle, and 400 to a body that is not JSON", async () => {
    const before = t.api.calls().length;
    expect((await t.post({ hello: "world" })).status).toBe(200);
    expect((await t.post({ update_id: 1, edited_message: { message_id: 1 } })).status).toBe(200);
    const response = await fetch(`${t.service.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(t.api.calls().length).toBe(before);
  });

  it("processes an update delivered three times at once only once", async () => {
    const steps = ["/new", "Impressora parada", "1", "3", "2", "A impressora não liga.", "skip"];
    for (const text of steps) expect((await t.post(updates.text(carol, text))).status).toBe(200);
    expect(sentTo(carol).at(-1)!.text).toContain("Please check your ticket:");

    const confirm = updates.callback(carol, sentTo(carol).at(-1)!, "sum.confirm");
    const answers = await Promise.all([t.post(confirm), t.post(confirm), t.post(confirm)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);

    const tickets = (await t.service.core.service.list(AGENT, { limit: 10 })).items;
    expect(tickets.map((x) => x.subject)).toEqual(["Impressora parada"]);
    expect(sentTo(carol).filter((m) => m.text.includes("is open!"))).toHaveLength(1);
    expect(
      t.api
        .callsOf("answerCallbackQuery")
        .filter((c) => c.params.callback_query_id === (confirm.callback_query as { id: string }).id),
    ).toHaveLength(1);
  });

  it("takes an update once across instances sharing PostgreSQL and Redis", async () => {
    const other = await startTelegramService({ database: { url: t.databaseUrl! }, env: shared });
    try {
      const hello = updates.text(dave, "/start");
      const answers = await Promise.all([t.post(hello), other.post(hello), t.post(hello), other.post(hello)]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      const greetings = [...t.api.messages(dave.userId), ...other.api.messages(dave.userId)];
      expect(greetings.map((m) => m.text)).toEqual(["Hi Dave! How can I help?"]);
    } finally {
      await other.stop();
    }
  });
});
