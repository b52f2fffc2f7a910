import { afterAll, beforeAll, expect, it } from "vitest";
import type { GraphFault } from "../../testkit/fake-graph-api.js";
import type { BotApiError } from "../../testkit/fake-telegram-api.js";
import type { TransportFault } from "../../testkit/transport-fault.js";
import { supplier as telegramSupplier } from "../../testkit/walk/telegram-walk.js";
import { createTelegramWalker } from "../../testkit/walk/telegram-walker.js";
import type { Walker } from "../../testkit/walk/walker.js";
import {
  createWhatsAppWalker,
  WHATSAPP_OPEN_TICKET_WALK,
  whatsappSupplier,
} from "../../testkit/walk/whatsapp-walk.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { type ChatUnderFaults, masked, startChatUnderFaults } from "./support/chat-under-faults.js";

/**
 * The bot's next question is delivered at least once and in order whatever the platform does to
 * the send: an error, a rate limit with a short or a long wait, a hang, a reset. The fakes never
 * apply a faulted call, so the supplier must read every question exactly once.
 */
describeWith({ pg: true, redis: true }, "dialogue answers under platform faults", () => {
  let env: ChatUnderFaults;
  beforeAll(async () => {
    env = await startChatUnderFaults();
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  const telegramFaults: Record<string, BotApiError | TransportFault> = {
    "500 once": { ok: false, error_code: 500, description: "Internal Server Error" },
    "429 retry_after 2": {
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 2",
      parameters: { retry_after: 2 },
    },
    "429 retry_after 30": {
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      parameters: { retry_after: 30 },
    },
    hang: { kind: "hang" },
    reset: { kind: "reset" },
  };
  const graphFaults: Record<string, GraphFault | TransportFault> = {
    "500 once": { status: 500, code: 1, title: "An unknown error occurred" },
    "429 for 2 s": { status: 429, code: 130429, title: "Rate limit hit", retryAfterSeconds: 2 },
    "429 for 30 s": { status: 429, code: 130429, title: "Rate limit hit", retryAfterSeconds: 30 },
    hang: { kind: "hang" },
    reset: { kind: "reset" },
  };

  /** The step whose answer is faulted: each fault on another one, the first message excluded. */
  const stepOf = (i: number) => 1 + (i % 7);

  const readsEveryQuestionOnce = (walker: Walker, supplier: number, what: string) =>
    expect(walker.received(supplier).map(masked), what).toEqual(env.expected[walker.channel]);

  it("Telegram: every question arrives, in order, once", async () => {
    const cases = Object.entries(telegramFaults);
    await Promise.all(
      cases.map(([, fault], i) => {
        const supplier = 100 + i;
        const chat = String(telegramSupplier(supplier).userId);
        return env.walk(env.telegram, supplier, {
          beforeStep: (step) => {
            if (step === stepOf(i))
              env.fakes.telegram.fault("sendMessage", fault, {
                match: (params) => String(params.chat_id) === chat,
              });
          },
        });
      }),
    );
    for (const [i, [name]] of cases.entries()) readsEveryQuestionOnce(env.telegram, 100 + i, name);
  }, 180_000);

  it("WhatsApp Cloud: every question arrives, in order, once", async () => {
    const cases = Object.entries(graphFaults);
    await Promise.all(
      cases.map(([, fault], i) => {
        const supplier = 100 + i;
        const to = whatsappSupplier(supplier).waId;
        return env.walk(env.whatsapp, supplier, {
          beforeStep: (step) => {
            if (step === stepOf(i)) env.fakes.graph.fail(fault, { match: (message) => message.to === to });
          },
        });
      }),
    );
    for (const [i, [name]] of cases.entries()) readsEveryQuestionOnce(env.whatsapp, 100 + i, name);
  }, 180_000);

  it("a message written while the previous answer waits out a 30 s rate limit is answered after it", async () => {
    // The department is typed at once, before its question arrived (held back for 30 s): on
    // WhatsApp typed rather than tapped, since its buttons are not there yet.
    // Update ids of its own: the crowd's walker counts from the same default.
    const telegram = createTelegramWalker(env.fakes.telegram, { firstUpdateId: 900_000_001 });
    const whatsapp = createWhatsAppWalker(
      env.fakes.graph,
      WHATSAPP_OPEN_TICKET_WALK.map((step, i) => (i === 3 ? { kind: "text", text: "Técnico" } : step)),
    );
    const supplier = 200;
    const chat = String(telegramSupplier(supplier).userId);
    const to = whatsappSupplier(supplier).waId;
    try {
      await Promise.all([
        env.walk(telegram, supplier, {
          noWaitAfter: 2,
          beforeStep: (step) => {
            if (step === 2)
              env.fakes.telegram.fault("sendMessage", telegramFaults["429 retry_after 30"]!, {
                match: (params) => String(params.chat_id) === chat,
              });
          },
        }),
        env.walk(whatsapp, supplier, {
          noWaitAfter: 2,
          beforeStep: (step) => {
            if (step === 2)
              env.fakes.graph.fail(graphFaults["429 for 30 s"]!, { match: (message) => message.to === to });
          },
        }),
      ]);
      readsEveryQuestionOnce(telegram, supplier, "telegram");
      readsEveryQuestionOnce(whatsapp, supplier, "whatsapp");
    } finally {
      telegram.close();
      whatsapp.close();
    }
  }, 180_000);
});
