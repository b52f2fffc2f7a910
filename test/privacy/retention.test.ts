import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteUnreferenced } from "../../src/adapters/files/delete-unreferenced.js";
import { retentionJob } from "../../src/adapters/timers/retention-job.js";
import type { Config } from "../../src/app/config/index.js";
import type { Core } from "../../src/app/container.js";
import { EXPIRED_TEXT, type RetentionPolicy } from "../../src/core/privacy/retention.js";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import { testConfig } from "../../testkit/spawn-service.js";
import { createThrowawayDatabase, describeWith } from "../support/pg-database-for-service.js";
import { AGENT, openCore } from "./support/seed.js";

const DAY = 86_400_000;
const NOW = new Date("2027-06-01T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

const POLICY: RetentionPolicy = {
  closedTicketFilesDays: 30,
  closedTicketTextDays: 30,
  abandonedFlowsDays: 180,
  settledOutboxDays: 30,
  auditDays: 730,
  // One row per statement: the batches are what is exercised.
  batchSize: 1,
  maxBatches: 50,
};

const retentionSuite = (name: string, config: () => Promise<{ config: Config; close(): Promise<void> }>) => {
  describe(`retention: ${name}`, () => {
    let env: Awaited<ReturnType<typeof config>>;
    let core: Core;
    const numbers: Record<"old" | "recent" | "open", number> = { old: 0, recent: 0, open: 0 };
    const keys: Record<"old" | "recent" | "open", string> = { old: "", recent: "", open: "" };

    beforeAll(async () => {
      env = await config();
      core = await openCore(env.config);
      const prisma = core.db!.prisma;
      const contact = await core.directory.ensureContact({
        channel: "TELEGRAM",
        platformUserId: "retention-1",
        displayName: "Rita",
        organization: { key: "acme", name: "Acme" },
        registered: true,
      });
      for (const which of ["old", "recent", "open"] as const) {
        const created = await core.service.create(actorOf(contact), identityOf(contact), {
          subject: `Pedido ${which}`,
          department: "technical",
          priority: "LOW",
          type: "support",
          message: `mensagem ${which} palavraunica${which}`,
          attachments: [
            { fileName: `${which}.txt`, bytes: new TextEncoder().encode(`${which} ${randomUUID()}\n`) },
          ],
        });
        if (!created.ok) throw new Error("not created");
        const ref = String(created.value.ticket.number);
        numbers[which] = created.value.ticket.number;
        await core.service.reply(AGENT, ref, { message: `resposta ${which}` });
        if (which !== "open") await core.service.changeStatus(AGENT, ref, { status: "SOLVED" });
        const detail = await core.service.detail(AGENT, ref);
        if (!detail.ok) throw new Error("no detail");
        keys[which] = detail.value.events.flatMap((e) => e.attachments.map((a) => a.storageKey))[0]!;
      }
      await prisma.ticket.update({
        where: { number: numbers.old },
        data: { closedAt: ago(40), createdAt: ago(45) },
      });
      await prisma.ticket.update({ where: { number: numbers.recent }, data: { closedAt: ago(5) } });
      await prisma.ticket.update({ where: { number: numbers.open }, data: { createdAt: ago(100) } });
      for (const days of [200, 10])
        await core.storage.abandoned.record({
          contactId: contact.id,
          flow: "open",
          step: "subject",
          reason: "timeout",
          at: ago(days),
        });
      const item = (state: "DELIVERED" | "PENDING", days: number) => ({
        key: randomUUID(),
        channel: "TELEGRAM" as const,
        kind: "agent_reply",
        scope: `contact:${contact.id}`,
        payload: {},
        state,
        availableAt: ago(days),
        createdAt: ago(days),
      });
      await prisma.outboxItem.deleteMany();
      await prisma.outboxItem.createMany({
        data: [item("DELIVERED", 40), item("DELIVERED", 5), item("PENDING", 40)],
      });
      for (const days of [800, 10])
        await core.storage.audit.record({
          at: ago(days),
          actor: { kind: "operator", id: "cli:x", name: "x" },
          door: "cli",
          action: "api_key.created",
          target: { kind: "api_key", id: `k${days}` },
        });
    });
    afterAll(async () => {
      await core?.close();
      await env?.close();
    });

    const job = (instanceId: string, reported: Record<string, number>[]) =>
      retentionJob({
        deps: {
          store: core.storage.retention!,
          audit: core.storage.audit,
          deleteFiles: (k) => deleteUnreferenced(core.blobs, k, (x) => core.storage.referencedKeys(x)),
        },
        policy: POLICY,
        everyMs: 3_600_000,
        instanceId,
        onCounts: (counts) => reported.push(counts),
      });

    it("runs once across instances and removes exactly what is due, in batches", async () => {
      const reported: Record<string, number>[] = [];
      await Promise.all([job("instance-a", reported).run(NOW), job("instance-b", reported).run(NOW)]);
      expect(reported).toEqual([
        {
          closed_ticket_files: 1,
          closed_ticket_text: 2,
          abandoned_flows: 1,
          settled_outbox: 1,
          audit_entries: 1,
          erasures_finished: 0,
        },
      ]);

      const exists = (key: string) =>
        core.blobs.get(key).then(
          () => true,
          () => false,
        );
      expect(await exists(keys.old)).toBe(false);
      expect(await exists(keys.recent)).toBe(true);
      expect(await exists(keys.open)).toBe(true);

      const bodies = async (n: number) => {
        const d = await core.service.detail(AGENT, String(n));
        if (!d.ok) throw new Error("gone");
        return {
          ticket: d.value.ticket,
          bodies: d.value.events.filter((e) => e.kind === "MESSAGE").map((e) => e.body),
        };
      };
      const old = await bodies(numbers.old);
      expect(old.bodies).toEqual([EXPIRED_TEXT, EXPIRED_TEXT]);
      expect(old.ticket).toMatchObject({ status: "SOLVED", subject: "Pedido old" });
      expect((await bodies(numbers.recent)).bodies).toEqual([
        "mensagem recent palavraunicarecent",
        "resposta recent",
      ]);
      expect((await bodies(numbers.open)).bodies).toEqual([
        "mensagem open palavraunicaopen",
        "resposta open",
      ]);
      const found = await core.service.search(AGENT, "palavraunicaold", {
        limit: 5,
        sort: { field: "createdAt", direction: "desc" },
      });
      expect(found.items).toHaveLength(0);

      const prisma = core.db!.prisma;
      expect(await prisma.abandonedFlow.count()).toBe(1);
      expect((await prisma.outboxItem.findMany({ orderBy: { id: "asc" } })).map((i) => i.state)).toEqual([
        "DELIVERED",
        "PENDING",
      ]);
      expect((await core.storage.audit.list({ limit: 10 })).map((e) => e.target.id)).toEqual(["k10"]);
    });

    it("waits for the period before the next run, which then finds nothing", async () => {
      // The run at NOW, made here when the test above did not run (-t); after it, it finds its period not over.
      await job("instance-a", []).run(NOW);
      const reported: Record<string, number>[] = [];
      await job("instance-b", reported).run(new Date(NOW.getTime() + 60_000));
      expect(reported).toEqual([]);
      await job("instance-b", reported).run(new Date(NOW.getTime() + 3_600_000));
      expect(reported).toHaveLength(1);
      expect(Object.values(reported[0]!).every((n) => n === 0)).toBe(true);
    });
  });
};

describeWith({ pg: true }, "PostgreSQL", () => {
  retentionSuite("PostgreSQL", async () => {
    const db = await createThrowawayDatabase();
    return { config: await testConfig({ DATABASE_URL: db.url }), close: () => db.drop() };
  });
});

retentionSuite("embedded PGlite", async () => ({
  config: await testConfig({ DATABASE_URL: undefined, REDIS_URL: undefined }),
  close: async () => {},
}));
