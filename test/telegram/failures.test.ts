import { TelegramError } from "telegraf";
import { describe, expect, it } from "vitest";
import { classifyFailure, withRetryAfter } from "../../src/adapters/telegram/api.js";
import { telegramSettings } from "../../src/adapters/telegram/config.js";
import { secretMatches } from "../../src/adapters/telegram/webhook.js";
import { ConfigError, loadConfig } from "../../src/app/config/index.js";
import { botErrors } from "../../testkit/telegram-updates.js";
import { TOKEN } from "./support/telegram-service.js";

const telegramError = (name: string) => {
  const body = botErrors[name]!;
  return new TelegramError({
    error_code: body.error_code,
    description: body.description,
    ...(body.parameters ? { parameters: body.parameters } : {}),
  });
};

describe("what Telegram's answers mean", () => {
  it("maps the Bot API's errors to what to do next", () => {
    expect(classifyFailure(telegramError("tooManyRequests"))).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 1000,
    });
    for (const gone of ["blocked", "deactivated", "cannotInitiate", "chatNotFound"]) {
      expect(classifyFailure(telegramError(gone)).kind, gone).toBe("recipient_gone");
    }
    expect(classifyFailure(telegramError("messageEmpty")).kind).toBe("rejected");
    expect(classifyFailure(telegramError("fileTooBig")).kind).toBe("rejected");
    expect(classifyFailure(telegramError("unauthorized")).kind).toBe("unavailable");
    expect(classifyFailure(telegramError("badGateway")).kind).toBe("unavailable");
    expect(classifyFailure(new Error("socket hang up")).kind).toBe("unavailable");
  });

  it("waits retry_after within bounds, and gives up on longer waits or other errors", async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1)
        throw new TelegramError({
          error_code: 429,
          description: "Too Many Requests: retry after 0",
          parameters: { retry_after: 0 },
        });
      return "sent";
    };
    expect(await withRetryAfter(flaky, { maxWaitMs: 1000, attempts: 3 })).toBe("sent");
    expect(calls).toBe(2);

    const slow = () =>
      Promise.reject(
        new TelegramError({ error_code: 429, description: "x", parameters: { retry_after: 60 } }),
      );
    await expect(withRetryAfter(slow, { maxWaitMs: 1000, attempts: 3 })).rejects.toThrow("429");
    let blockedCalls = 0;
    const blocked = () => {
      blockedCalls += 1;
      return Promise.reject(telegramError("blocked"));
    };
    await expect(withRetryAfter(blocked, { maxWaitMs: 1000, attempts: 3 })).rejects.toThrow("403");
    expect(blockedCalls).toBe(1);
  });

  it("accepts only the exact webhook secret", () => {
    expect(secretMatches("s3cret_-X", "s3cret_-X")).toBe(true);
    for (const wrong of ["s3cret_-x", "s3cret_-X ", "", undefined, ["s3cret_-X"]])
      expect(secretMatches("s3cret_-X", wrong)).toBe(false);
  });
});

describe("Telegram configuration", () => {
  it("is off without a token and requires a secret in webhook mode", () => {
    expect(telegramSettings(loadConfig({}))).toEqual({ ok: true, value: null });
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN })).toThrow(ConfigError);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN })).toThrow(/TELEGRAM_WEBHOOK_SECRET: required/);
    expect(telegramSettings({ ...loadConfig({}), TELEGRAM_BOT_TOKEN: TOKEN }).ok).toBe(false);
    expect(telegramSettings(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: "polling" }))).toEqual({
      ok: true,
      value: { token: TOKEN, mode: "polling", webhookSecret: null, apiRoot: "https://api.telegram.org" },
    });
  });

  it("refuses malformed values with the variable's name", () => {
    const bad = [
      { TELEGRAM_WEBHOOK_SECRET: "has spaces" },
      { TELEGRAM_WEBHOOK_SECRET: "x".repeat(257) },
      { TELEGRAM_BOT_TOKEN: "not-a-token" },
      { TELEGRAM_MODE: "push" },
      { TELEGRAM_API_ROOT: "ftp://example.com" },
    ];
    for (const env of bad) {
      const name = Object.keys(env)[0]!;
      expect(() => loadConfig(env), name).toThrow(ConfigError);
      expect(() => loadConfig(env), name).toThrow(name);
    }
  });
});
