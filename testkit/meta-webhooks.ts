import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { signatureOf } from "../src/adapters/whatsapp/cloud/signature.js";

/**
 * Webhook bodies as Meta sends them, built from the documented payloads in test/fixtures/whatsapp
 * with this test's phone number, sender, ids and times filled in, and signed like Meta signs them.
 */
type Json = Record<string, unknown>;

const fixture = (name: string): Json =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../test/fixtures/whatsapp", name), "utf8")) as Json;

interface Value {
  metadata: { phone_number_id: string };
  contacts?: { wa_id?: string; user_id?: string; profile: { name: string } }[];
  messages?: Json[];
  statuses?: Json[];
}

const changeValue = (body: Json): Value =>
  (body as { entry: { changes: { value: Value }[] }[] }).entry[0]!.changes[0]!.value;

const seconds = (at: Date) => String(Math.floor(at.getTime() / 1000));

export interface Sender {
  /** The phone number's digits; "" for a person who hides it behind a username (BSUID only). */
  readonly waId: string;
  readonly name: string;
  /** Their business-scoped user id, sent beside the number (or alone) as Meta does since 2026. */
  readonly userId?: string;
}

/** Where a sender's answers go: their number, or their BSUID without one. */
export const addressOf = (sender: Sender): string => sender.waId || sender.userId || "";

export const metaWebhooks = (phoneNumberId: string) => {
  let seq = 0;
  // Each builder's ids are its own, as two phones' messages never share an id.
  const source = randomBytes(4).toString("hex");
  const nextId = () => {
    seq += 1;
    return `wamid.inbound${source}${String(seq).padStart(6, "0")}`;
  };

  /** A message of the fixture's type from `from`, its content replaced by `content`. */
  const message = (name: string, from: Sender, at: Date, content: Json, id = nextId()) => {
    const body = fixture(name);
    const value = changeValue(body);
    value.metadata.phone_number_id = phoneNumberId;
    value.contacts = [
      {
        ...(from.waId ? { wa_id: from.waId } : {}),
        ...(from.userId ? { user_id: from.userId } : {}),
        profile: { name: from.name },
      },
    ];
    const { from: _phone, ...original } = value.messages![0]!;
    value.messages = [
      {
        ...original,
        ...content,
        ...(from.waId ? { from: from.waId } : {}),
        ...(from.userId ? { from_user_id: from.userId } : {}),
        id,
        timestamp: seconds(at),
      },
    ];
    return { id, body };
  };

  return {
    text: (from: Sender, at: Date, text: string) =>
      message("text-message.json", from, at, { text: { body: text } }),
    buttonReply: (from: Sender, at: Date, reply: { id: string; title: string }) =>
      message("interactive-button-reply.json", from, at, {
        interactive: { type: "button_reply", button_reply: reply },
      }),
    listReply: (from: Sender, at: Date, reply: { id: string; title: string }) =>
      message("interactive-list-reply.json", from, at, {
        interactive: { type: "list_reply", list_reply: reply },
      }),
    image: (from: Sender, at: Date, image: { id: string; mime_type: string; caption?: string }) =>
      message("image-message.json", from, at, { image: { sha256: "0".repeat(64), ...image } }),
    document: (
      from: Sender,
      at: Date,
      document: { id: string; mime_type: string; filename: string; caption?: string },
    ) => message("document-message.json", from, at, { document: { sha256: "0".repeat(64), ...document } }),
    templateButton: (from: Sender, at: Date, text: string) =>
      message("template-button-reply.json", from, at, { button: { payload: text, text } }),
    location: (from: Sender, at: Date) => message("location-message.json", from, at, {}),
    status: (
      wamid: string,
      status: "sent" | "delivered" | "read" | "failed",
      at: Date,
      recipient: string,
      error?: { code: number; title: string },
    ) => {
      const body = fixture(`status-${status}.json`);
      const value = changeValue(body);
      value.metadata.phone_number_id = phoneNumberId;
      const original = value.statuses![0]!;
      value.statuses = [
        {
          ...original,
          id: wamid,
          timestamp: seconds(at),
          recipient_id: recipient,
          ...(error
            ? {
                errors: [
                  {
                    ...(original.errors as Json[] | undefined)?.[0],
                    code: error.code,
                    title: error.title,
                    message: error.title,
                  },
                ],
              }
            : {}),
        },
      ];
      return body;
    },
  };
};

/** POSTs a webhook body signed with `appSecret` (or with the given signature header, or none). */
export const postWebhook = async (
  serviceUrl: string,
  body: Json,
  sign: { appSecret: string } | { signature: string | null },
): Promise<Response> => {
  const raw = Buffer.from(JSON.stringify(body));
  const signature = "appSecret" in sign ? signatureOf(raw, sign.appSecret) : sign.signature;
  return fetch(`${serviceUrl}/whatsapp/webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature ? { "x-hub-signature-256": signature } : {}),
    },
    body: raw,
  });
};
