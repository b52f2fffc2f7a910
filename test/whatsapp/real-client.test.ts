import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import WAWebJS from "whatsapp-web.js";
import type { WebClientEvent } from "../../src/adapters/whatsapp/web/client.js";
import { clientOptions, sessionDirOf, wrapClient } from "../../src/adapters/whatsapp/web/real-client.js";

/** The real whatsapp-web.js client, built but never initialized: no browser starts in these tests. */
describe("the real WhatsApp Web client", () => {
  const settings = { dataDir: "./data-test", chromiumPath: "/usr/bin/chromium" };

  it("keeps its session under DATA_DIR and drives the system Chromium headless, without a sandbox", () => {
    const options = clientOptions(WAWebJS, settings);
    expect(options.authStrategy).toBeInstanceOf(WAWebJS.LocalAuth);
    expect((options.authStrategy as WAWebJS.LocalAuth).dataPath).toBe(
      join(resolve("./data-test"), "whatsapp-web"),
    );
    expect(sessionDirOf("./data-test")).toBe(join(resolve("./data-test"), "whatsapp-web"));
    expect(options.puppeteer).toMatchObject({ executablePath: "/usr/bin/chromium", headless: true });
    expect(options.puppeteer?.args).toEqual(
      expect.arrayContaining(["--no-sandbox", "--disable-setuid-sandbox"]),
    );
    expect(options.webVersionCache).toEqual({
      type: "local",
      path: join(resolve("./data-test"), "whatsapp-web", "web-cache"),
    });

    const client = new WAWebJS.Client(options);
    const merged = (client as unknown as { options: WAWebJS.ClientOptions }).options;
    expect(merged.puppeteer).toMatchObject({ executablePath: "/usr/bin/chromium", headless: true });
    expect(client.pupBrowser).toBeNull();
  });

  it("maps the library's events to the channel's narrow ones", async () => {
    const client = new WAWebJS.Client(clientOptions(WAWebJS, settings));
    const events: WebClientEvent[] = [];
    const wrapped = wrapClient(WAWebJS, client);
    wrapped.onEvent((event) => events.push(event));

    const message = {
      id: { _serialized: "false_5511987654321@c.us_3A0001" },
      from: "5511987654321@c.us",
      fromMe: false,
      broadcast: false,
      isStatus: false,
      type: "document",
      body: "nota.pdf",
      timestamp: 1_750_000_000,
      hasMedia: true,
      rawData: { mimetype: "application/pdf", size: 1234, filename: "nota.pdf", notifyName: "Ana" },
      downloadMedia: async () =>
        new WAWebJS.MessageMedia("application/pdf", Buffer.from("%PDF-1.4").toString("base64"), "nota.pdf"),
    };
    client.emit("qr", "2@code");
    client.emit("ready");
    client.emit("message", message);
    client.emit("message_ack", message, 3);
    client.emit("disconnected", "LOGOUT");

    expect(events.map((e) => e.type)).toEqual(["qr", "ready", "message", "ack", "disconnected"]);
    const received = events[2] as Extract<WebClientEvent, { type: "message" }>;
    expect(received.message).toMatchObject({
      id: "false_5511987654321@c.us_3A0001",
      chatId: "5511987654321@c.us",
      senderName: "Ana",
      media: { mimeType: "application/pdf", fileName: "nota.pdf", declaredSize: 1234 },
    });
    expect(Buffer.from(await received.message.media!.download()).toString()).toBe("%PDF-1.4");
    expect(events[3]).toEqual({ type: "ack", messageId: "false_5511987654321@c.us_3A0001", ack: 3 });
  });

  it("sends text as text: no vCard parsing, no link previews, no mentions", async () => {
    const client = new WAWebJS.Client(clientOptions(WAWebJS, settings));
    const sent: unknown[][] = [];
    client.sendMessage = (async (...args: unknown[]) => {
      sent.push(args);
      return { id: { _serialized: "true_5511987654321@c.us_3A0002" } };
    }) as unknown as typeof client.sendMessage;
    const card =
      "BEGIN:VCARD\nVERSION:3.0\nFN:Banco\nTEL:+5511900000000\nEND:VCARD @5511987654321 https://x.example";
    await wrapClient(WAWebJS, client).sendText("5511987654321@c.us", card);
    expect(sent).toEqual([["5511987654321@c.us", card, { linkPreview: false, parseVCards: false }]]);
  });
});
