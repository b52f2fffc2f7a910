import { z } from "zod";
import { err, ok, type Result } from "../../core/shared/result.js";
import { int, optionalUrl } from "../config-fields.js";

export const WHATSAPP_TRANSPORTS = ["web", "cloud", "off"] as const;
export type WhatsAppTransport = (typeof WHATSAPP_TRANSPORTS)[number];

/** Meta's Graph API with the version this adapter was written against; moving it is a deliberate change. */
export const DEFAULT_GRAPH_API_URL = "https://graph.facebook.com/v24.0";

const secret = (min: number) =>
  z
    .string()
    .trim()
    .min(min, { error: `expected at least ${min} characters` })
    .optional();

/**
 * The WhatsApp channel. `web` drives WhatsApp Web in a system Chromium (a quick start with a linked
 * phone); `cloud` is Meta's WhatsApp Business Cloud API for production; `off` leaves the channel out.
 */
export const whatsappConfig = {
  WHATSAPP_TRANSPORT: z.enum(WHATSAPP_TRANSPORTS, { error: "expected web, cloud or off" }).default("off"),

  /** The browser whatsapp-web.js drives; the project never downloads one (see .puppeteerrc.cjs). */
  CHROMIUM_PATH: z.string().trim().min(1).default("/usr/bin/chromium"),
  /** Opens GET /whatsapp/qr (the QR to link a phone, and the session state); the route is off while unset. */
  WHATSAPP_ADMIN_TOKEN: secret(16),
  /** How long a dead instance keeps the WhatsApp Web session before another one takes it over. */
  WHATSAPP_WEB_LOCK_TTL_SECONDS: int(5, 600, 30),
  /** Time allowed to download one incoming file from WhatsApp before the person is asked to send it again. */
  WHATSAPP_MEDIA_TIMEOUT_SECONDS: int(1, 300, 30),

  WHATSAPP_CLOUD_ACCESS_TOKEN: secret(1),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, {
      error: "expected the numeric phone number id from the app's WhatsApp API setup page",
    })
    .optional(),
  /** Meta's App Secret (32 hex characters); anything under 16 is not one and could be guessed. */
  WHATSAPP_APP_SECRET: secret(16),
  WHATSAPP_VERIFY_TOKEN: secret(8),
  WHATSAPP_GRAPH_API_URL: optionalUrl(["https://", "http://"]).transform((v) =>
    (v ?? DEFAULT_GRAPH_API_URL).replace(/\/+$/, ""),
  ),
  /** An approved template inviting the supplier to reply, sent when the 24-hour window is closed. */
  WHATSAPP_TEMPLATE_NAME: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,512}$/, { error: "expected a template name of lowercase letters, digits and _" })
    .optional(),
  WHATSAPP_TEMPLATE_LANGUAGE: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, { error: "expected a template language code such as pt_BR or en_US" })
    .default("pt_BR"),
};

type WhatsAppFields = z.output<z.ZodObject<typeof whatsappConfig>>;

export interface WhatsAppWebSettings {
  readonly transport: "web";
  readonly chromiumPath: string;
  readonly adminToken: string | null;
  readonly lockTtlMs: number;
  readonly mediaTimeoutMs: number;
}

export interface WhatsAppCloudSettings {
  readonly transport: "cloud";
  readonly accessToken: string;
  readonly phoneNumberId: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly graphApiUrl: string;
  /** Null when no template is configured: a message outside the 24-hour window then fails for good. */
  readonly template: { readonly name: string; readonly language: string } | null;
  readonly adminToken: string | null;
  readonly mediaTimeoutMs: number;
}

export type WhatsAppSettings = WhatsAppWebSettings | WhatsAppCloudSettings;

const CLOUD_REQUIRED = [
  "WHATSAPP_CLOUD_ACCESS_TOKEN",
  "WHATSAPP_PHONE_NUMBER_ID",
  "WHATSAPP_APP_SECRET",
  "WHATSAPP_VERIFY_TOKEN",
] as const satisfies readonly (keyof WhatsAppFields)[];

/**
 * The channel's settings, or null when WHATSAPP_TRANSPORT=off. The fields above are parsed one by
 * one, so the rule across them is checked here: the cloud transport needs its four credentials.
 */
export const whatsappSettings = (
  config: WhatsAppFields,
): Result<WhatsAppSettings | null, readonly string[]> => {
  const common = {
    adminToken: config.WHATSAPP_ADMIN_TOKEN ?? null,
    mediaTimeoutMs: config.WHATSAPP_MEDIA_TIMEOUT_SECONDS * 1000,
  };
  switch (config.WHATSAPP_TRANSPORT) {
    case "off":
      return ok(null);
    case "web":
      return ok({
        transport: "web",
        chromiumPath: config.CHROMIUM_PATH,
        lockTtlMs: config.WHATSAPP_WEB_LOCK_TTL_SECONDS * 1000,
        ...common,
      });
    case "cloud": {
      const missing = CLOUD_REQUIRED.filter((name) => !config[name]);
      if (missing.length > 0)
        return err(missing.map((name) => `  ${name}: required when WHATSAPP_TRANSPORT=cloud`));
      return ok({
        transport: "cloud",
        accessToken: config.WHATSAPP_CLOUD_ACCESS_TOKEN!,
        phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!,
        appSecret: config.WHATSAPP_APP_SECRET!,
        verifyToken: config.WHATSAPP_VERIFY_TOKEN!,
        graphApiUrl: config.WHATSAPP_GRAPH_API_URL,
        template: config.WHATSAPP_TEMPLATE_NAME
          ? { name: config.WHATSAPP_TEMPLATE_NAME, language: config.WHATSAPP_TEMPLATE_LANGUAGE }
          : null,
        ...common,
      });
    }
  }
};
