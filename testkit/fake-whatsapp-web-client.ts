import type {
  OutgoingWebMedia,
  WebClientEvent,
  WebMessage,
  WhatsAppWebClient,
  WhatsAppWebClientFactory,
} from "../src/adapters/whatsapp/web/client.js";

/** What the supplier's phone shows from us, across every client the channel started. */
export interface PhoneMessage {
  readonly id: string;
  readonly chatId: string;
  readonly text: string | null;
  readonly media: {
    readonly fileName: string;
    readonly mimeType: string;
    readonly bytes: Uint8Array;
    readonly caption?: string;
  } | null;
  /** Which client sent it (1 for the first, 2 after a reconnect...). */
  readonly client: number;
}

export interface FakeWebClient extends WhatsAppWebClient {
  readonly number: number;
  readonly initialized: boolean;
  readonly destroyed: boolean;
  /** Emits an event as whatsapp-web.js would. */
  emit(event: WebClientEvent): void;
}

/**
 * Fakes of the narrow WhatsApp Web client, one per `factory()` call as the channel starts them.
 * A client that starts while the phone is not linked shows a QR; `link()` plays the phone scanning
 * it, and the link survives restarts as LocalAuth's session directory does.
 */
export const createFakeWebClients = () => {
  const clients: FakeWebClient[] = [];
  const phone: PhoneMessage[] = [];
  let linked = false;
  let seq = 0;
  let failSends = 0;

  const newClient = (number: number): FakeWebClient => {
    let listener: ((event: WebClientEvent) => void) | null = null;
    let initialized = false;
    let destroyed = false;
    const emit = (event: WebClientEvent) => {
      if (!destroyed) listener?.(event);
    };
    const send = async (chatId: string, text: string | null, media: OutgoingWebMedia | null) => {
      if (destroyed || !initialized) throw new Error("client is not running");
      if (failSends > 0) {
        failSends -= 1;
        throw new Error("Evaluation failed: connection lost");
      }
      seq += 1;
      const id = `true_${chatId}_3EB0${String(seq).padStart(6, "0")}`;
      const stored = media
        ? {
            fileName: media.fileName,
            mimeType: media.mimeType,
            bytes: media.bytes,
            ...(media.caption ? { caption: media.caption } : {}),
          }
        : null;
      phone.push({ id, chatId, text, media: stored, client: number });
      return id;
    };
    return {
      number,
      get initialized() {
        return initialized;
      },
      get destroyed() {
        return destroyed;
      },
      emit,
      onEvent(l) {
        listener = l;
      },
      async initialize() {
        initialized = true;
        setImmediate(() => {
          if (linked) {
            emit({ type: "authenticated" });
            emit({ type: "ready" });
          } else {
            emit({ type: "qr", qr: `2@fake-qr-${number},key,secret` });
          }
        });
      },
      async destroy() {
        destroyed = true;
      },
      sendText: (chatId, text) => send(chatId, text, null),
      sendMedia: (chatId, media) => send(chatId, null, media),
    };
  };

  const factory: WhatsAppWebClientFactory = async () => {
    const client = newClient(clients.length + 1);
    clients.push(client);
    return client;
  };

  const current = (): FakeWebClient => {
    const client = clients.at(-1);
    if (!client) throw new Error("no WhatsApp Web client was started");
    return client;
  };

  return {
    factory,
    clients: (): readonly FakeWebClient[] => clients,
    current,
    phone: (): readonly PhoneMessage[] => phone,
    /** The phone scans the code shown by the running client. */
    link(): void {
      linked = true;
      current().emit({ type: "authenticated" });
      current().emit({ type: "ready" });
    },
    /** The next `n` sends throw, as a dropped browser connection does. */
    failNextSends(n: number): void {
      failSends = n;
    },
    /** A message from a supplier arrives on the running client. */
    receive(message: Partial<WebMessage> & Pick<WebMessage, "chatId">): WebMessage {
      seq += 1;
      const full: WebMessage = {
        id: `false_${message.chatId}_3A${String(seq).padStart(8, "0")}`,
        fromMe: false,
        broadcast: false,
        type: "chat",
        body: "",
        timestamp: Math.floor(Date.now() / 1000),
        senderName: "",
        media: null,
        ...message,
      };
      current().emit({ type: "message", message: full });
      return full;
    },
  };
};

export type FakeWebClients = ReturnType<typeof createFakeWebClients>;
