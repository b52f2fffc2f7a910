import { describe, expect, it } from "vitest";
import {
  DEFAULT_GRAPH_API_URL,
  whatsappSettings as settingsResult,
} from "../../src/adapters/whatsapp/config.js";
import { ConfigError, loadConfig } from "../../src/app/config/index.js";

type Fields = Parameters<typeof settingsResult>[0];
/** The settings, or a throw with the problems, like loadConfig reports them. */
const whatsappSettings = (fields: Fields) => {
  const settings = settingsResult(fields);
  if (!settings.ok) throw new Error(settings.error.join("\n"));
  return settings.value;
};

const cloud = {
  WHATSAPP_TRANSPORT: "cloud",
  WHATSAPP_CLOUD_ACCESS_TOKEN: "EAAG-token",
  WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
  WHATSAPP_APP_SECRET: "app-secret-0123456789",
  WHATSAPP_VERIFY_TOKEN: "verify-token",
};

describe("WhatsApp configuration", () => {
  it("is off unless a transport is chosen", () => {
    expect(whatsappSettings(loadConfig({}))).toBeNull();
  });

  it("needs nothing for WhatsApp Web but offers the Debian Chromium path", () => {
    expect(whatsappSettings(loadConfig({ WHATSAPP_TRANSPORT: "web" }))).toEqual({
      transport: "web",
      chromiumPath: "/usr/bin/chromium",
      adminToken: null,
      lockTtlMs: 30_000,
      mediaTimeoutMs: 30_000,
    });
    const custom = whatsappSettings(
      loadConfig({ WHATSAPP_TRANSPORT: "web", CHROMIUM_PATH: "/opt/chrome/chrome" }),
    );
    expect(custom).toMatchObject({ chromiumPath: "/opt/chrome/chrome" });
  });

  it("names every credential the Cloud API still lacks", () => {
    const run = () =>
      loadConfig({ WHATSAPP_TRANSPORT: "cloud", WHATSAPP_APP_SECRET: "app-secret-0123456789" });
    expect(run).toThrow(ConfigError);
    const incomplete = {
      ...loadConfig({}),
      WHATSAPP_TRANSPORT: "cloud" as const,
      WHATSAPP_APP_SECRET: "app-secret-0123456789",
    };
    expect(settingsResult(incomplete).ok).toBe(false);
    expect(run).toThrow(
      [
        "Invalid configuration:",
        "  WHATSAPP_CLOUD_ACCESS_TOKEN: required when WHATSAPP_TRANSPORT=cloud",
        "  WHATSAPP_PHONE_NUMBER_ID: required when WHATSAPP_TRANSPORT=cloud",
        "  WHATSAPP_VERIFY_TOKEN: required when WHATSAPP_TRANSPORT=cloud",
      ].join("\n"),
    );
  });

  it("pins the Graph API version and takes the template from config", () => {
    expect(whatsappSettings(loadConfig(cloud))).toMatchObject({
      transport: "cloud",
      graphApiUrl: DEFAULT_GRAPH_API_URL,
      template: null,
    });
    expect(DEFAULT_GRAPH_API_URL).toMatch(/^https:\/\/graph\.facebook\.com\/v\d+\.\d+$/);
    const settings = whatsappSettings(
      loadConfig({
        ...cloud,
        WHATSAPP_GRAPH_API_URL: "http://127.0.0.1:9/v24.0/",
        WHATSAPP_TEMPLATE_NAME: "retomar_atendimento",
        WHATSAPP_TEMPLATE_LANGUAGE: "en_US",
      }),
    );
    expect(settings).toMatchObject({
      graphApiUrl: "http://127.0.0.1:9/v24.0",
      template: { name: "retomar_atendimento", language: "en_US" },
    });
  });

  it("refuses malformed values with the variable's name", () => {
    expect(() => loadConfig({ WHATSAPP_TRANSPORT: "telegram" })).toThrow(
      "WHATSAPP_TRANSPORT: expected web, cloud or off",
    );
    expect(() => loadConfig({ ...cloud, WHATSAPP_PHONE_NUMBER_ID: "+55 11" })).toThrow(
      "WHATSAPP_PHONE_NUMBER_ID",
    );
    expect(() => loadConfig({ WHATSAPP_TEMPLATE_NAME: "Retomar Atendimento" })).toThrow(
      "WHATSAPP_TEMPLATE_NAME",
    );
    expect(() => loadConfig({ WHATSAPP_ADMIN_TOKEN: "short" })).toThrow(
      "WHATSAPP_ADMIN_TOKEN: expected at least 16 characters",
    );
  });
});
