import { join, resolve } from "node:path";
import type WAWebJS from "whatsapp-web.js";
import type { WebClientEvent, WebMessage, WhatsAppWebClient } from "./client.js";

type Library = typeof WAWebJS;

export interface RealClientSettings {
  readonly dataDir: string;
  readonly chromiumPath: string;
}

/** Where LocalAuth keeps the linked session, so a restart does not ask for a new QR. */
export const sessionDirOf = (dataDir: string): string => join(resolve(dataDir), "whatsapp-web");

/**
 * Headless system Chromium. --no-sandbox because containers rarely grant the namespaces Chromium's
 * sandbox needs, and /dev/shm there is often too small for it.
 */
export const puppeteerOptions = (chromiumPath: string) => ({
  executablePath: chromiumPath,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-setuid-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--no-first-run",
  ],
});

/** whatsapp-web.js's options, built from the library's own classes; constructing them starts nothing. */
export const clientOptions = (
  lib: Pick<Library, "LocalAuth">,
  settings: RealClientSettings,
): WAWebJS.ClientOptions => {
  const dir = sessionDirOf(settings.dataDir);
  return {
    authStrategy: new lib.LocalAuth({ dataPath: dir }),
    puppeteer: puppeteerOptions(settings.chromiumPath),
    // The library's default cache lands in the working directory; keep everything under DATA_DIR.
    webVersionCache: { type: "local", path: join(dir, "web-cache") },
  };
};

interface RawData {
  readonly mimetype?: unknown;
  readonly size?: unknown;
  readonly filename?: unknown;
  readonly notifyName?: unknown;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

const toMessage = (msg: WAWebJS.Message): WebMessage => {
  const raw = (msg.rawData ?? {}) as RawData;
  return {
    id: msg.id._serialized,
    chatId: msg.from,
    fromMe: msg.fromMe,
    broadcast: msg.broadcast || msg.isStatus || msg.from === "status@broadcast",
    type: msg.type,
    body: msg.body ?? "",
    timestamp: msg.timestamp,
    senderName: text(raw.notifyName) ?? "",
    media: msg.hasMedia
      ? {
          mimeType: text(raw.mimetype),
          fileName: text(raw.filename),
          declaredSize: typeof raw.size === "number" ? raw.size : null,
          async download() {
            const media = await msg.downloadMedia();
            if (!media) throw new Error("the file is no longer available on WhatsApp");
            return new Uint8Array(Buffer.from(media.data, "base64"));
          },
        }
      : null,
  };
};

const asEvent = {
  qr: (qr: string): WebClientEvent => ({ type: "qr", qr }),
  authenticated: (): WebClientEvent => ({ type: "authenticated" }),
  auth_failure: (message: string): WebClientEvent => ({ type: "auth_failure", message: String(message) }),
  ready: (): WebClientEvent => ({ type: "ready" }),
  disconnected: (reason: string): WebClientEvent => ({ type: "disconnected", reason: String(reason) }),
  message: (msg: WAWebJS.Message): WebClientEvent => ({ type: "message", message: toMessage(msg) }),
  message_ack: (msg: WAWebJS.Message, ack: number): WebClientEvent => ({
    type: "ack",
    messageId: msg.id._serialized,
    ack,
  }),
} as const;

export const TEXT_ONLY = { linkPreview: false, parseVCards: false } as const;

/** Wraps an already constructed whatsapp-web.js client in the channel's narrow interface. */
export const wrapClient = (
  lib: Pick<Library, "MessageMedia">,
  client: WAWebJS.Client,
): WhatsAppWebClient => ({
  onEvent(listener) {
    for (const [name, map] of Object.entries(asEvent)) {
      client.on(name, (...args: unknown[]) =>
        listener((map as (...a: unknown[]) => WebClientEvent)(...args)),
      );
    }
  },
  initialize: () => client.initialize(),
  destroy: () => client.destroy(),
  async sendText(chatId, body) {
    // The library would turn a supplier's text that looks like a vCard into a contact card, and fetch
    // previews of links in it; chamado sends text as text (mentions only ever come from `mentions`).
    return (await client.sendMessage(chatId, body, TEXT_ONLY)).id._serialized;
  },
  async sendMedia(chatId, media) {
    const data = Buffer.from(media.bytes).toString("base64");
    const file = new lib.MessageMedia(media.mimeType, data, media.fileName, media.bytes.byteLength);
    const asImage = !media.document && (media.mimeType === "image/png" || media.mimeType === "image/jpeg");
    const sent = await client.sendMessage(chatId, file, {
      ...(media.caption ? { caption: media.caption } : {}),
      ...(asImage ? {} : { sendMediaAsDocument: true }),
    });
    return sent.id._serialized;
  },
});

/** The real client. whatsapp-web.js (and puppeteer with it) loads only when the web transport runs. */
export const createRealWebClient = async (settings: RealClientSettings): Promise<WhatsAppWebClient> => {
  const lib = (await import("whatsapp-web.js")).default;
  return wrapClient(lib, new lib.Client(clientOptions(lib, settings)));
};
