/**
 * The little of WhatsApp Web this channel uses. real-client.ts implements it with whatsapp-web.js
 * and a system Chromium; tests drive the channel with a fake that emits the same events.
 */
export type WebClientEvent =
  /** A new code to scan with the phone (WhatsApp > Linked devices); refreshed every few seconds until linked. */
  | { readonly type: "qr"; readonly qr: string }
  | { readonly type: "authenticated" }
  | { readonly type: "auth_failure"; readonly message: string }
  | { readonly type: "ready" }
  | { readonly type: "disconnected"; readonly reason: string }
  | { readonly type: "message"; readonly message: WebMessage }
  /** Progress of a message we sent: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
  | { readonly type: "ack"; readonly messageId: string; readonly ack: number };

export interface WebMedia {
  readonly mimeType: string | null;
  readonly fileName: string | null;
  /** From the message's metadata, before downloading; null when WhatsApp did not say. */
  readonly declaredSize: number | null;
  download(): Promise<Uint8Array<ArrayBuffer>>;
}

export interface WebMessage {
  /** The serialized message id, unique per chat and message. */
  readonly id: string;
  /** The chat it came from: "<digits>@c.us", "<id>@lid", "<id>@g.us" for groups, "status@broadcast". */
  readonly chatId: string;
  readonly fromMe: boolean;
  /** Status updates and broadcast lists, never addressed to the desk. */
  readonly broadcast: boolean;
  /** whatsapp-web.js's type: chat, image, document, audio, ptt, video, sticker, location, vcard... */
  readonly type: string;
  readonly body: string;
  /** Seconds since the epoch, by WhatsApp's clock. */
  readonly timestamp: number;
  /** The name the person set in WhatsApp. */
  readonly senderName: string;
  readonly media: WebMedia | null;
}

export interface OutgoingWebMedia {
  readonly fileName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  readonly caption?: string;
  /** As a document even when it is an image (a copy the person asked for). */
  readonly document?: boolean;
}

export interface WhatsAppWebClient {
  /** The one listener for every event; set before `initialize`. */
  onEvent(listener: (event: WebClientEvent) => void): void;
  /** Starts the browser and the session; resolves once WhatsApp Web is loaded (then "qr" or "ready" follows). */
  initialize(): Promise<void>;
  /** Closes the browser; the linked session stays on disk for the next start. */
  destroy(): Promise<void>;
  /** Returns the sent message's serialized id. */
  sendText(chatId: string, text: string): Promise<string>;
  sendMedia(chatId: string, media: OutgoingWebMedia): Promise<string>;
}

export type WhatsAppWebClientFactory = () => Promise<WhatsAppWebClient>;
