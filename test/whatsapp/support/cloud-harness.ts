import { expect } from "vitest";
import { type FakeGraphApi, readable, startFakeGraphApi } from "../../../testkit/fake-graph-api.js";
import { addressOf, metaWebhooks, postWebhook, type Sender } from "../../../testkit/meta-webhooks.js";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/pg-database-for-service.js";
import { offsetClock } from "./offset-clock.js";
import { startWhatsAppService, type WhatsAppService } from "./service.js";

export const CLOUD = {
  accessToken: "EAAG-test-access-token",
  phoneNumberId: "106540352242922",
  appSecret: "test-app-secret-5f1c",
  verifyToken: "verify-me-please",
  template: "retomar_atendimento",
} as const;

interface Interactive {
  type: "button" | "list";
  action: {
    buttons?: { reply: { id: string; title: string } }[];
    sections?: { rows: { id: string; title: string }[] }[];
  };
}

/**
 * The service with the Cloud API channel against a fake Graph API, and a supplier's side of the
 * conversation: each step posts a signed webhook and returns what the supplier read in answer.
 * Every exchange is kept as a transcript, shown when an expectation fails.
 */
export const startCloudHarness = async (env: Record<string, string> = {}) => {
  const db: ThrowawayDatabase = await createThrowawayDatabase();
  const graph: FakeGraphApi = await startFakeGraphApi({
    accessToken: CLOUD.accessToken,
    phoneNumberId: CLOUD.phoneNumberId,
  });
  const clock = offsetClock();
  const wa: WhatsAppService = await startWhatsAppService(
    {
      DATABASE_URL: db.url,
      WHATSAPP_TRANSPORT: "cloud",
      WHATSAPP_CLOUD_ACCESS_TOKEN: CLOUD.accessToken,
      WHATSAPP_PHONE_NUMBER_ID: CLOUD.phoneNumberId,
      WHATSAPP_APP_SECRET: CLOUD.appSecret,
      WHATSAPP_VERIFY_TOKEN: CLOUD.verifyToken,
      WHATSAPP_GRAPH_API_URL: graph.url,
      WHATSAPP_TEMPLATE_NAME: CLOUD.template,
      WHATSAPP_TEMPLATE_LANGUAGE: "pt_BR",
      ...env,
    },
    { clock },
  );
  const hooks = metaWebhooks(CLOUD.phoneNumberId);
  const transcript: string[] = [];

  const post = async (body: Record<string, unknown>) => {
    const response = await postWebhook(wa.service.url, body, { appSecret: CLOUD.appSecret });
    expect(response.status, transcript.join("\n")).toBe(200);
    return response;
  };

  /** Posts a message from `who` and returns the text of everything sent to them in answer. */
  const exchange = async (who: Sender, said: string, hook: { body: Record<string, unknown> }) => {
    const before = graph.messagesTo(addressOf(who)).length;
    transcript.push(`${who.name}> ${said}`);
    await post(hook.body);
    const answer = graph.messagesTo(addressOf(who)).slice(before).map(readable);
    transcript.push(...answer.map((a) => `bot: ${a}`));
    return answer.join("\n---\n");
  };

  /** The option titled `title` in the last interactive message sent to `who`. */
  const option = (who: Sender, title: string) => {
    const interactive = graph
      .messagesTo(addressOf(who))
      .map((m) => (m.body as { interactive?: Interactive }).interactive)
      .filter((i): i is Interactive => i !== undefined)
      .at(-1);
    const options =
      interactive?.type === "button"
        ? (interactive.action.buttons ?? []).map((b) => b.reply)
        : (interactive?.action.sections ?? []).flatMap((s) => s.rows);
    const found = options.find((o) => o.title === title);
    if (!interactive || !found) throw new Error(`no option "${title}" was offered\n${transcript.join("\n")}`);
    return { kind: interactive.type, id: found.id, title };
  };

  return {
    db,
    graph,
    clock,
    wa,
    hooks,
    transcript,
    post,
    say: (who: Sender, text: string) => exchange(who, text, hooks.text(who, clock.now(), text)),
    /** Taps a reply button or a list row, as the supplier's phone sends it. */
    tap(who: Sender, title: string) {
      const chosen = option(who, title);
      const reply = { id: chosen.id, title: chosen.title };
      const hook =
        chosen.kind === "button"
          ? hooks.buttonReply(who, clock.now(), reply)
          : hooks.listReply(who, clock.now(), reply);
      return exchange(who, `[${title}]`, hook);
    },
    exchange,
    /**
     * Walks the whole new-ticket flow as `who` (medium priority, support type, no files) and returns
     * what the bot answered the confirmation with.
     */
    async openTicket(who: Sender, ticket: { subject: string; department: string; message: string }) {
      await this.say(who, "oi");
      await this.tap(who, "Abrir chamado");
      await this.say(who, ticket.subject);
      await this.tap(who, ticket.department);
      await this.tap(who, "Média");
      await this.tap(who, "Suporte");
      await this.say(who, ticket.message);
      await this.tap(who, "Pular");
      return this.tap(who, "Confirmar");
    },
    /** The last message sent to `who`, as they read it. */
    lastTo: (who: Sender) => readable(graph.messagesTo(addressOf(who)).at(-1)!),
    async close() {
      await wa.stop();
      await graph.close();
      await db.drop();
    },
  };
};

export type CloudHarness = Awaited<ReturnType<typeof startCloudHarness>>;
