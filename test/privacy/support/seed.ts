import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Redis } from "ioredis";
import type { Config } from "../../../src/app/config/index.js";
import { buildCore, type Core } from "../../../src/app/container.js";
import { openSessionBackend } from "../../../src/app/conversation.js";
import { createNotificationPolicy } from "../../../src/core/outbox/notification-policy.js";
import type { TurnStore } from "../../../src/core/ports/turn-store.js";
import { actorOf, identityOf } from "../../../src/core/ticket/requester-of.js";
import type { Actor } from "../../../src/core/ticket/ticket.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/files");
export const PNG = new Uint8Array(readFileSync(join(FIXTURES, "leia-me.png")));

/** Words only Ana wrote or is: none may survive her erasure anywhere. */
export const ANA = {
  platformUserId: "557700112233",
  name: "Ana Souza Quaresma",
  subject: "Senha expirada Quaresma",
  secret: "segredoana",
  reply: "detalhesana adicionais",
  rating: "atendimentoana excelente",
  fileName: "holerite-ana.txt",
};
export const BRUNO = { platformUserId: "557700445566", name: "Bruno Lima", text: "textodobruno" };
export const AGENT: Actor = { kind: "agent", id: "slack:U0AGENT", name: "Carla Agente" };

export interface Seeded {
  readonly core: Core;
  readonly turns: TurnStore;
  readonly anaId: string;
  readonly brunoId: string;
  readonly tickets: { readonly anaClosed: number; readonly anaOpen: number; readonly bruno: number };
  /** Keys of files only Ana's things name, and of the bytes she shares with Bruno. */
  readonly anaOnlyKeys: readonly string[];
  readonly sharedKey: string;
  readonly redisPrefix: string;
  close(): Promise<void>;
}

/** A core with notifications to every channel (so the outbox fills), on the configured storage. */
export const openCore = (config: Config) =>
  buildCore(config, {
    serveEmbedded: false,
    notify: createNotificationPolicy({
      deliverable: () => true,
      agentChannel: () => "SLACK",
      replyGraceMs: 0,
    }),
  });

const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`seed refused: ${JSON.stringify(r.error)}`);
  return r.value;
};

/**
 * Two suppliers of one organization: Ana, with a closed and rated ticket, an open one, files (one
 * whose bytes Bruno sent too), a parked file, an abandoned flow, a receipt, a Redis session and
 * handled marks; Bruno, with one ticket. Agents answered and wrote internal notes.
 */
export const seed = async (config: Config): Promise<Seeded> => {
  const core = await openCore(config);
  const backend = await openSessionBackend(config);
  const { service, directory } = core;
  const contact = (platformUserId: string, displayName: string) =>
    directory.ensureContact({
      channel: "TELEGRAM",
      platformUserId,
      displayName,
      organization: { key: "acme", name: "Acme" },
      registered: true,
    });
  const ana = await contact(ANA.platformUserId, ANA.name);
  const bruno = await contact(BRUNO.platformUserId, BRUNO.name);
  const shared = new TextEncoder().encode(`planilha compartilhada ${randomUUID()}\n`);
  const anaOnly = new TextEncoder().encode(`dados da ana ${randomUUID()}\n`);
  const file = (fileName: string, bytes: Uint8Array) => ({ fileName, bytes });

  const opened = must(
    await service.create(actorOf(ana), identityOf(ana), {
      subject: ANA.subject,
      department: "technical",
      priority: "HIGH",
      type: "incident",
      message: `Minha senha ${ANA.secret} expirou`,
      attachments: [file("print.png", PNG)],
      sourceKey: `TELEGRAM:999:${ANA.platformUserId}:1`,
    }),
  ).ticket;
  const ref = String(opened.number);
  must(await service.reply(AGENT, ref, { message: "Olá, vamos verificar o acesso." }));
  must(await service.reply(AGENT, ref, { message: "nota interna do suporte", internal: true }));
  must(
    await service.reply(actorOf(ana), ref, {
      message: ANA.reply,
      attachments: [file(ANA.fileName, anaOnly)],
    }),
  );
  must(await service.changeStatus(AGENT, ref, { status: "SOLVED" }));
  must(await service.rate(actorOf(ana), ref, { score: 5, comment: ANA.rating }));

  const second = must(
    await service.create(actorOf(ana), identityOf(ana), {
      subject: "Planilha de custos",
      department: "sales",
      priority: "LOW",
      type: "support",
      message: "Segue a planilha",
      attachments: [file("planilha.txt", shared)],
    }),
  ).ticket;
  const third = must(
    await service.create(actorOf(bruno), identityOf(bruno), {
      subject: "Planilha do Bruno",
      department: "sales",
      priority: "MEDIUM",
      type: "support",
      message: BRUNO.text,
      attachments: [file("planilha.txt", shared)],
    }),
  ).ticket;

  const parkedBytes = new TextEncoder().encode(`arquivo estacionado ${randomUUID()}\n`);
  const parkedKey = core.blobs.keyFor({ sha256: sha(parkedBytes), extension: "txt" });
  await core.parked.park(ana.id, [{ storageKey: parkedKey, size: parkedBytes.length }], new Date());
  await core.blobs.put(parkedBytes, { sha256: sha(parkedBytes), extension: "txt" });
  await core.storage.abandoned.record({
    contactId: ana.id,
    flow: "open",
    step: "subject",
    reason: "timeout",
    at: new Date(),
  });
  await core.storage.receipts.mark(`whatsapp:template:${ana.id}:1`, new Date(), 3_600_000);
  await core.storage.receipts.mark(`telegram:msg:${ANA.platformUserId}:9`, new Date(), 3_600_000);

  for (const [contactId, lockKey, n] of [
    [ana.id, `TELEGRAM:${ANA.platformUserId}`, 1],
    [ana.id, `TELEGRAM:${ANA.platformUserId}`, 2],
    [bruno.id, `TELEGRAM:${BRUNO.platformUserId}`, 3],
  ] as const) {
    const turn = await backend.turns.begin({
      lockKey,
      contactId,
      messageKey: `TELEGRAM:999:${lockKey}:${n}`,
      rememberMs: 3_600_000,
    });
    if (turn.kind !== "open") throw new Error("turn not opened");
    await turn.commit(
      {
        state: JSON.stringify({ step: "subject", draft: lockKey }),
        summary: lockKey,
        lastActivityAt: new Date(),
      },
      { queued: contactId === ana.id },
    );
  }

  const detail = (number: number) => service.detail(AGENT, String(number));
  const keysOf = async (number: number) =>
    must(await detail(number)).events.flatMap((e) => e.attachments.map((a) => a.storageKey));
  const [firstKeys, secondKeys] = [await keysOf(opened.number), await keysOf(second.number)];
  return {
    core,
    turns: backend.turns,
    anaId: ana.id,
    brunoId: bruno.id,
    tickets: { anaClosed: opened.number, anaOpen: second.number, bruno: third.number },
    anaOnlyKeys: [...firstKeys, parkedKey],
    sharedKey: secondKeys[0]!,
    redisPrefix: config.REDIS_KEY_PREFIX,
    async close() {
      await backend.close();
      await core.close();
    },
  };
};

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every Redis key under the prefix with its value (strings, hashes and sorted sets flattened). */
export const redisDump = async (url: string, prefix: string): Promise<string> => {
  const redis = new Redis(url);
  try {
    const out: string[] = [];
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === "string"
            ? await redis.get(key)
            : type === "hash"
              ? JSON.stringify(await redis.hgetall(key))
              : type === "zset"
                ? JSON.stringify(await redis.zrange(key, 0, -1))
                : type === "list"
                  ? JSON.stringify(await redis.lrange(key, 0, -1))
                  : "";
        out.push(`${key}=${value}`);
      }
    } while (cursor !== "0");
    return out.join("\n");
  } finally {
    redis.disconnect();
  }
};

/** Every table's rows as one JSON text: what "no trace anywhere in the database" is checked against. */
export const databaseDump = async (core: Core): Promise<string> => {
  const prisma = core.db!.prisma;
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await prisma.$queryRawUnsafe<{ rows: string | null }[]>(
      `SELECT json_agg(t)::text AS rows FROM "${name}" t`,
    );
    parts.push(`${name}: ${rows[0]?.rows ?? "[]"}`);
  }
  return parts.join("\n");
};
