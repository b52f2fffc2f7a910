import { signatureOf } from "../../src/adapters/whatsapp/cloud/signature.js";
import { type FakeGraphApi, readable, type SentMessage } from "../fake-graph-api.js";
import { metaWebhooks, type Sender } from "../meta-webhooks.js";
import { createGraphInbox } from "./graph-inbox.js";
import type { Step } from "./telegram-walk.js";
import type { Walker } from "./walker.js";

/** The WhatsApp Cloud API credentials the bench's services and fake Graph API share. */
export const WHATSAPP_CLOUD = {
  accessToken: "EAAG-bench-access-token",
  phoneNumberId: "106540352242999",
  appSecret: "bench-app-secret-7a2e",
  verifyToken: "bench-verify-token",
} as const;

/** The service's variables for the Cloud API channel against `graph`. */
export const whatsappEnv = (graph: FakeGraphApi): Record<string, string> => ({
  WHATSAPP_TRANSPORT: "cloud",
  WHATSAPP_CLOUD_ACCESS_TOKEN: WHATSAPP_CLOUD.accessToken,
  WHATSAPP_PHONE_NUMBER_ID: WHATSAPP_CLOUD.phoneNumberId,
  WHATSAPP_APP_SECRET: WHATSAPP_CLOUD.appSecret,
  WHATSAPP_VERIFY_TOKEN: WHATSAPP_CLOUD.verifyToken,
  WHATSAPP_GRAPH_API_URL: graph.url,
});

/**
 * The open-ticket flow of telegram-walk.ts OPEN_TICKET_WALK as a Brazilian supplier walks it on
 * WhatsApp (the platform gives no locale, so the bot speaks DEFAULT_LANGUAGE, pt-BR): the menu is a
 * list, departments and priorities are reply buttons, types a list.
 */
export const WHATSAPP_OPEN_TICKET_WALK: readonly Step[] = [
  { kind: "text", text: "olá" },
  { kind: "tap", label: "Abrir chamado" },
  { kind: "text", text: "Impressora offline" },
  { kind: "tap", label: "Técnico" },
  { kind: "tap", label: "Alta" },
  { kind: "tap", label: "Incidente" },
  { kind: "text", text: "A impressora do escritório mostra o erro E-52 desde cedo." },
  { kind: "tap", label: "Pular" },
  { kind: "tap", label: "Confirmar" },
];

export const whatsappSupplier = (index: number): Sender => ({
  waId: `5511${String(900_000_000 + index)}`,
  name: `Fornecedor${index}`,
});

interface Interactive {
  type: "button" | "list";
  action: {
    buttons?: { reply: { id: string; title: string } }[];
    sections?: { rows: { id: string; title: string }[] }[];
  };
}

/** The option titled `label` in the newest interactive message that offers it. */
const optionOf = (shown: readonly SentMessage[], label: string) => {
  for (const message of shown.toReversed()) {
    const interactive = (message.body as { interactive?: Interactive }).interactive;
    if (!interactive) continue;
    const options =
      interactive.type === "button"
        ? (interactive.action.buttons ?? []).map((b) => b.reply)
        : (interactive.action.sections ?? []).flatMap((s) => s.rows);
    const found = options.find((o) => o.title === label);
    if (found) return { kind: interactive.type, reply: { id: found.id, title: found.title } };
  }
  return null;
};

/**
 * Suppliers on WhatsApp's Cloud API: each step is a webhook shaped like Meta's documented payloads
 * (a text, or the button_reply / list_reply a tap on the bot's last buttons or list sends), signed
 * with the app secret in X-Hub-Signature-256.
 */
export const createWhatsAppWalker = (
  graph: FakeGraphApi,
  walk: readonly Step[] = WHATSAPP_OPEN_TICKET_WALK,
): Walker => {
  const hooks = metaWebhooks(WHATSAPP_CLOUD.phoneNumberId);
  const inbox = createGraphInbox(graph);
  const waIdOf = (supplier: number) => whatsappSupplier(supplier).waId;

  const hookFor = (supplier: number, step: Step) => {
    const from = whatsappSupplier(supplier);
    const now = new Date();
    if (step.kind === "text") return hooks.text(from, now, step.text);
    const chosen = optionOf(inbox.items(from.waId), step.label);
    if (!chosen) throw new Error(`supplier ${from.waId}: no "${step.label}" option was shown`);
    return chosen.kind === "button"
      ? hooks.buttonReply(from, now, chosen.reply)
      : hooks.listReply(from, now, chosen.reply);
  };

  return {
    channel: "whatsapp",
    steps: walk.length,
    inbox: {
      count: (supplier) => inbox.count(waIdOf(supplier)),
      arrivedAt: (supplier, index) => inbox.arrivedAt(waIdOf(supplier), index),
      waitFor: (supplier, count, timeoutMs) => inbox.waitFor(waIdOf(supplier), count, timeoutMs),
    },
    request(supplier, step) {
      const { id, body } = hookFor(supplier, walk[step]!);
      const raw = JSON.stringify(body);
      return {
        id,
        path: "/whatsapp/webhook",
        headers: { "x-hub-signature-256": signatureOf(Buffer.from(raw), WHATSAPP_CLOUD.appSecret) },
        body: raw,
      };
    },
    received: (supplier) => inbox.items(waIdOf(supplier)).map(readable),
    contactKey: waIdOf,
    close: () => inbox.close(),
  };
};
