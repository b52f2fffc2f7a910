import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/app/cli/main.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../../testkit/fake-telegram-api.js";
import { SECRET, TOKEN } from "./support/telegram-service.js";

describe("npm run cli -- telegram", () => {
  let api: FakeTelegramApi;
  beforeAll(async () => {
    api = await startFakeTelegramApi({ token: TOKEN });
  });
  afterAll(async () => {
    await api?.close();
  });

  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      args,
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        TELEGRAM_API_ROOT: api.url,
        DEFAULT_LANGUAGE: "en",
        ...env,
      },
    );
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("set-webhook sets the URL with our secret and update types, and registers the commands", async () => {
    const result = await cli([
      "telegram",
      "set-webhook",
      "--url",
      "https://support.example.com/telegram/webhook",
    ]);
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(result.out).toContain("webhook set to https://support.example.com/telegram/webhook");
    const [call] = api.callsOf("setWebhook");
    expect(call!.params).toEqual({
      url: "https://support.example.com/telegram/webhook",
      secret_token: SECRET,
      allowed_updates: ["message", "callback_query", "my_chat_member"],
      drop_pending_updates: false,
    });
    expect(api.callsOf("setMyCommands")).toHaveLength(3);
  });

  it("info shows the bot and its webhook", async () => {
    const result = await cli(["telegram", "info", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      bot: "@chamado_test_bot",
      mode: "webhook",
      webhook: "https://support.example.com/telegram/webhook",
    });
  });

  it("refuses to set a webhook without a secret, a URL, or in polling mode", async () => {
    // Counted from here: the test above set one, and none is added by a refusal (nor when run alone).
    const before = api.callsOf("setWebhook").length;
    const noSecret = await cli(
      ["telegram", "set-webhook", "--url", "https://x.example.com/telegram/webhook"],
      {
        TELEGRAM_WEBHOOK_SECRET: "",
      },
    );
    expect(noSecret.code).toBe(2);
    expect(noSecret.err).toContain("TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_MODE=webhook");
    expect((await cli(["telegram", "set-webhook"])).code).toBe(2);
    const polling = await cli(
      ["telegram", "set-webhook", "--url", "https://x.example.com/telegram/webhook"],
      { TELEGRAM_MODE: "polling" },
    );
    expect(polling.code).toBe(2);
    expect(api.callsOf("setWebhook")).toHaveLength(before);
  });

  it("reports Telegram's refusal with exit code 1", async () => {
    api.fault("setWebhook", {
      ok: false,
      error_code: 400,
      description: "Bad Request: bad webhook: HTTPS url must be provided for webhook",
    });
    const result = await cli([
      "telegram",
      "set-webhook",
      "--url",
      "http://plain.example.com/telegram/webhook",
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      "Telegram refused: 400: Bad Request: bad webhook: HTTPS url must be provided for webhook",
    );
  });
});
