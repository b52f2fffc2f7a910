import fc from "fast-check";
import { signatureOf as slackSignatureOf } from "../../../src/adapters/slack/verify.js";
import { signatureOf as whatsappSignatureOf } from "../../../src/adapters/whatsapp/cloud/signature.js";
import { hostileString, utf8 } from "./hostile-inputs.js";
import { SECRETS } from "./sweep-service.js";

/** How a platform request is signed: correctly over the bytes sent, or some way a forger would try. */
export type Signing = "valid" | "wrong" | "missing" | "malformed" | "stale";

export const signings = fc.constantFrom<Signing>(
  "valid",
  "valid",
  "valid",
  "wrong",
  "missing",
  "malformed",
  "stale",
);

export const telegramHeaders = (signing: Signing): Record<string, string> => {
  const header = "x-telegram-bot-api-secret-token";
  switch (signing) {
    case "valid":
    case "stale":
      return { [header]: SECRETS.telegramWebhook };
    case "wrong":
      return { [header]: `${SECRETS.telegramWebhook}x` };
    case "malformed":
      return { [header]: "'; DROP TABLE ticket; --" };
    case "missing":
      return {};
  }
};

export const whatsappHeaders = (signing: Signing, body: Uint8Array): Record<string, string> => {
  const header = "x-hub-signature-256";
  switch (signing) {
    case "valid":
    case "stale":
      return { [header]: whatsappSignatureOf(body, SECRETS.waApp) };
    case "wrong":
      return { [header]: whatsappSignatureOf(body, "not-the-app-secret") };
    case "malformed":
      return { [header]: "sha256=zz" };
    case "missing":
      return {};
  }
};

export const slackHeaders = (signing: Signing, body: Uint8Array): Record<string, string> => {
  const now = Math.floor(Date.now() / 1000);
  const timestamp = String(signing === "stale" ? now - 3600 : now);
  const sign = (secret: string) => slackSignatureOf(secret, timestamp, Buffer.from(body));
  switch (signing) {
    case "valid":
    case "stale":
      return { "x-slack-request-timestamp": timestamp, "x-slack-signature": sign(SECRETS.slackSigning) };
    case "wrong":
      return { "x-slack-request-timestamp": timestamp, "x-slack-signature": sign("not-the-signing-secret") };
    case "malformed":
      return { "x-slack-request-timestamp": "1e99", "x-slack-signature": "v1=zz" };
    case "missing":
      return {};
  }
};

/** A form body: arbitrary fields, or Slack's own field names with hostile values, or a JSON `payload`. */
export const formBody = (jsonish: fc.Arbitrary<unknown>): fc.Arbitrary<Uint8Array> =>
  fc
    .oneof(
      fc.dictionary(hostileString(), hostileString(), { maxKeys: 5 }),
      fc.record({
        command: fc.constantFrom("/ticket", "/chamado", "/x"),
        text: hostileString(),
        user_id: fc.oneof(fc.constant("U0AGENT"), hostileString()),
        channel_id: fc.oneof(fc.constant("C0AGENTS"), hostileString()),
        response_url: fc.oneof(fc.constant("http://127.0.0.1:9/x"), hostileString()),
        trigger_id: hostileString(),
      }),
      jsonish.map((payload) => ({ payload: JSON.stringify(payload) ?? "null" })),
      hostileString().map((payload) => ({ payload })),
    )
    .map((fields) => utf8(new URLSearchParams(fields as Record<string, string>).toString()));

/** A query value as it may arrive: well encoded, raw, or with broken percent escapes. */
export const queryValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    hostileString().map(encodeSafely),
    fc.constantFrom("%", "%E0%A4%A", "%ED%A0%80", "%FF%FE", "%00", "a%2", "x&&&==", "[]", "a[b][c]=d"),
    fc.string({ maxLength: 10 }).map(encodeSafely),
  );

/** encodeURIComponent refuses lone surrogates; those go as the bytes a careless client would send. */
function encodeSafely(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
}

export const queryString = (keys: readonly string[]): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...keys), queryValue()), queryValue()), { maxLength: 5 })
    .map((pairs) => (pairs.length === 0 ? "" : `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`));

export const pathSegment = (): fc.Arbitrary<string> =>
  fc.oneof(
    hostileString().map(encodeSafely),
    fc.constantFrom(
      "..",
      "%2e%2e",
      "%2F",
      "%",
      "%ZZ",
      "%ED%A0%80",
      "TKT-999999",
      "000000",
      "-1",
      "1e9",
      "null",
    ),
    fc.uuid(),
    fc.integer().map(String),
  );

/** Valid REST bodies, one per write route, for the mutations to start from. */
export const API_BODIES: readonly unknown[] = [
  {
    subject: "Boleto",
    department: "technical",
    priority: "LOW",
    type: "support",
    message: "Não registra.",
    attachments: [{ fileName: "nota.txt", contentBase64: Buffer.from("nota 123").toString("base64") }],
    requester: { externalId: "a-2", name: "Bia", organizationKey: "acme" },
  },
  { message: "Olá", internal: false, attachments: [] },
  { message: "nota", internal: true },
  { status: "RESOLVED" },
  { priority: "URGENT" },
  { assignee: { id: "slack:U0AGENT", name: "Carla" } },
  { assignee: null },
];

export const LIST_KEYS = [
  "status",
  "priority",
  "department",
  "type",
  "organizationId",
  "requesterId",
  "assigneeId",
  "createdFrom",
  "createdTo",
  "q",
  "sort",
  "order",
  "limit",
  "cursor",
];
