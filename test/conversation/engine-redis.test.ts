import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { createRedisTurnStore } from "../../src/adapters/sessions/redis-turn-store.js";
import { createConversationEngine, renderAsText } from "../../src/core/conversation/index.js";
import { eventually } from "../sessions/support/eventually.js";
import { openTestRedis, type TestRedis } from "../sessions/support/test-redis.js";
import { opened } from "../sessions/turn-store.contract.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { confirmMessage, say, ticketCount, toSummary } from "./support/drive.js";
import { buildEngine, type Harness, IDLE_MINUTES, type SessionParts } from "./support/engine-harness.js";
import { parseTranscript, playTranscript } from "./support/transcript.js";

const redisTurns = (r: TestRedis, client = r.redis) =>
  createRedisTurnStore({
    redis: client,
    prefix: r.prefix,
    sessionTtlMs: IDLE_MINUTES * 60_000,
    lockTtlMs: 5000,
    waitMs: 10_000,
    pollMs: 5,
  });

const redisSessions =
  (r: TestRedis, client = r.redis) =>
  (): SessionParts => ({ turns: redisTurns(r, client) });

const ana = { id: "ana", name: "Ana" };
const text = (reply: { prompts: readonly Parameters<typeof renderAsText>[0][] }) =>
  reply.prompts.map(renderAsText).join("\n");

describeWith({ redis: true }, "conversation engine on Redis sessions", () => {
  let r: TestRedis | undefined;
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    await r?.close();
    h = undefined;
    r = undefined;
  });

  const dir = join(import.meta.dirname, "../fixtures/conversation");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()) {
    const script = parseTranscript(join(dir, file));
    it(`transcript ${file}`, async () => {
      r = await openTestRedis();
      h = await buildEngine({ accessPolicy: script.policy, sessions: redisSessions(r) });
      await playTranscript(h, script, join(dir, file));
    });
  }

  /** Two service instances: separate Redis clients and engines, one database. */
  const twoInstances = async () => {
    r = await openTestRedis();
    h = await buildEngine({ sessions: redisSessions(r) });
    const other = createConversationEngine({ ...h.deps, ...redisSessions(r, await r.connect())() });
    return { h, other, r };
  };

  it("processes one contact's messages in arrival order across two instances", async () => {
    const { h, other, r } = await twoInstances();
    await say(h, ana, "novo");
    const contactKey = `${r.prefix}lock:{TELEGRAM:ana}:queue`;
    // Hold the contact's lock so both messages queue behind it, the first on instance A, the second on B.
    const holder = opened(
      await redisTurns(r).begin({
        lockKey: "TELEGRAM:ana",
        contactId: "holder",
        messageKey: null,
        rememberMs: 0,
      }),
    );
    await eventually(async () => (await r.redis.llen(contactKey)) === 1, "the holder queued");
    const first = h.engine.handle(h.message(ana, { kind: "text", text: "Impressora parada" }));
    await eventually(async () => (await r.redis.llen(contactKey)) === 2, "the first message queued");
    const second = other.handle(h.message(ana, { kind: "text", text: "técnico" }));
    await eventually(async () => (await r.redis.llen(contactKey)) === 3, "the second message queued");
    await holder.abort();
    expect(text(await first)).toContain("Para qual departamento?");
    expect(text(await second)).toContain("Qual é a prioridade?");
  });

  it("creates one ticket when the confirmation reaches two instances three times", async () => {
    const { h, other } = await twoInstances();
    await toSummary(h, ana);
    const confirm = confirmMessage(h, ana);
    const replies = await Promise.all([
      h.engine.handle(confirm),
      other.handle(confirm),
      h.engine.handle(confirm),
    ]);
    expect(replies.map((reply) => reply.outcome).sort()).toEqual(["answered", "duplicate", "duplicate"]);
    expect(await ticketCount(h)).toBe(1);
  });

  it("lets one of two instances' sweepers end an idle flow", async () => {
    const { h, other } = await twoInstances();
    await say(h, ana, "novo", "Assunto qualquer");
    h.clock.advance((IDLE_MINUTES + 1) * 60_000);
    const ended = await Promise.all([h.engine.expireIdle(), other.expireIdle()]);
    expect(ended[0] + ended[1]).toBe(1);
    expect(h.outbox.map((o) => o.kind)).toEqual(["conversation.expired"]);
    expect(await h.storage.abandonedList()).toEqual(["open_ticket/department/timeout"]);
  });
});
