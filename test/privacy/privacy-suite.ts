import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBuffer } from "yauzl";
import { exportArchive } from "../../src/adapters/files/export-archive.js";
import type { Config } from "../../src/app/config/index.js";
import { privacyDesk } from "../../src/app/privacy.js";
import type { PrivacyDesk } from "../../src/core/privacy/desk.js";
import type { PrivacyRequester } from "../../src/core/privacy/requester.js";
import { actorOf, identityOf } from "../../src/core/ticket/requester-of.js";
import { once } from "../support/once.js";
import { AGENT, ANA, BRUNO, databaseDump, redisDump, type Seeded, seed } from "./support/seed.js";

export const OFFICER: PrivacyRequester = {
  actor: { kind: "operator", id: "cli:dpo", name: "dpo" },
  door: "cli",
};

/** Reads a zip back with yauzl (the library the attachment checks use): name → bytes. */
export const unzip = (bytes: Uint8Array): Promise<Map<string, Buffer>> =>
  new Promise((resolve, reject) => {
    fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on("entry", (entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });

const blobExists = async (core: Seeded["core"], key: string) =>
  core.blobs.get(key).then(
    () => true,
    () => false,
  );

/** Export and erasure on one store (PostgreSQL or the embedded database), with Redis sessions. */
export const privacySuite = (
  name: string,
  config: () => Promise<{ config: Config; redisUrl: string; close(): Promise<void> }>,
) => {
  describe(`export and erasure: ${name}`, () => {
    let env: Awaited<ReturnType<typeof config>>;
    let s: Seeded;
    let desk: PrivacyDesk;

    beforeAll(async () => {
      env = await config();
      s = await seed(env.config);
      desk = privacyDesk(s.core, s.turns)!;
    });
    afterAll(async () => {
      await s?.close();
      await env?.close();
    });

    /** The officer exports Ana's data: the export, and the audit log for her right after it. */
    const exportAna = once(async () => {
      const exported = await desk.exportContact(s.anaId, OFFICER);
      const audit = await s.core.storage.audit.list({ targetId: s.anaId, limit: 10 });
      return { exported, audit };
    });

    /** Ana exported, then erased: what the store, Redis and her ticket held before and right after. */
    const eraseAna = once(async () => {
      await exportAna();
      const before = await s.core.service.detail(AGENT, String(s.tickets.anaClosed));
      const statsBefore = await s.core.service.stats(AGENT);
      const erased = await desk.eraseContact(s.anaId, OFFICER);
      const after = await s.core.service.detail(AGENT, String(s.tickets.anaClosed));
      return {
        before,
        statsBefore,
        erased,
        after,
        statsAfter: await s.core.service.stats(AGENT),
        dump: await databaseDump(s.core),
        redis: await redisDump(env.redisUrl, s.redisPrefix),
      };
    });

    it("exports everything held about the contact and nothing of another, as JSON and files in a zip", async () => {
      const { exported, audit } = await exportAna();
      if (!exported.ok) throw new Error("not exported");
      const files = await unzip(exportArchive(exported.value, new Date()));
      const doc = JSON.parse(files.get("contact.json")!.toString("utf8"));
      expect(doc.format).toBe("chamado.contact-export/1");
      expect(doc.contact).toMatchObject({
        channel: "TELEGRAM",
        platformUserId: ANA.platformUserId,
        displayName: ANA.name,
      });
      expect(doc.organization.key).toBe("acme");
      expect(doc.person).toMatchObject({ registered: true });
      expect(doc.tickets.map((t: { number: number }) => t.number)).toEqual([
        s.tickets.anaClosed,
        s.tickets.anaOpen,
      ]);
      const closed = doc.tickets[0];
      expect(closed.rating).toEqual({ score: 5, comment: ANA.rating });
      const bodies = closed.events.map((e: { body: string | null }) => e.body);
      expect(bodies).toEqual(
        expect.arrayContaining([
          `Minha senha ${ANA.secret} expirou`,
          ANA.reply,
          "Olá, vamos verificar o acesso.",
        ]),
      );
      expect(bodies).not.toContain("nota interna do suporte");
      expect(doc.abandonedFlows).toMatchObject([{ flow: "open", step: "subject", reason: "timeout" }]);
      expect(doc.parkedFiles).toHaveLength(1);
      // Every file the document names is in the zip, byte for byte.
      const named = [
        ...doc.tickets.flatMap((t: { events: { attachments: { file: string }[] }[] }) =>
          t.events.flatMap((e) => e.attachments.map((a) => a.file)),
        ),
        ...doc.parkedFiles.map((p: { file: string }) => p.file),
      ];
      expect(named).toHaveLength(4);
      for (const path of named) expect(files.has(path)).toBe(true);
      expect([...files.keys()].some((k) => k.endsWith(ANA.fileName))).toBe(true);
      const text = [...files.values()].map((b) => b.toString("latin1")).join("\n");
      expect(text).not.toContain(BRUNO.name);
      expect(text).not.toContain(BRUNO.text);
      expect(text).not.toContain(BRUNO.platformUserId);
      expect(audit.map((e) => e.action)).toEqual(["contact.exported"]);
    });

    it("erases every identifier and text of the contact, keeps figures and notes, and is idempotent", async () => {
      const { before, statsBefore, erased, after, statsAfter, dump, redis } = await eraseAna();
      expect(erased).toMatchObject({ ok: true, value: { alreadyErased: false, tickets: 2 } });
      if (!erased.ok) return;
      expect(erased.value.cancelledOutbox).toBeGreaterThan(0);

      for (const trace of [
        ANA.platformUserId,
        ANA.name,
        "Quaresma",
        ANA.secret,
        "detalhesana",
        "atendimentoana",
        ANA.fileName,
      ])
        expect(dump, trace).not.toContain(trace);
      expect(dump).toContain(BRUNO.text);
      expect(dump).toContain(BRUNO.platformUserId);

      expect(redis).not.toContain(s.anaId);
      expect(redis).not.toContain(ANA.platformUserId);
      expect(redis).toContain(s.brunoId);

      for (const key of s.anaOnlyKeys) expect(await blobExists(s.core, key), key).toBe(false);
      expect(await blobExists(s.core, s.sharedKey)).toBe(true);

      expect(statsAfter).toEqual(statsBefore);
      if (!before.ok || !after.ok) throw new Error("ticket gone");
      expect(after.value.ticket).toMatchObject({
        number: before.value.ticket.number,
        status: "SOLVED",
        priority: before.value.ticket.priority,
        createdAt: before.value.ticket.createdAt,
        closedAt: before.value.ticket.closedAt,
        firstResponseAt: before.value.ticket.firstResponseAt,
        rating: { score: 5, comment: "[erased]" },
        subject: "[erased]",
      });
      expect(after.value.events.map((e) => e.kind)).toEqual(before.value.events.map((e) => e.kind));
      const notes = after.value.events.filter((e) => e.kind === "NOTE").map((e) => e.body);
      expect(notes).toEqual(["nota interna do suporte"]);
      expect(after.value.events.find((e) => e.body === "Olá, vamos verificar o acesso.")).toBeDefined();
      const pending = await s.core.db!.prisma.outboxItem.count({
        where: { state: { in: ["PENDING", "HELD"] }, ticketId: { in: [after.value.ticket.id] } },
      });
      expect(pending).toBe(0);
      const search = await s.core.service.search(AGENT, ANA.secret, {
        limit: 10,
        sort: { field: "createdAt", direction: "desc" },
      });
      expect(search.items).toHaveLength(0);

      expect(await desk.eraseContact(s.anaId, OFFICER)).toMatchObject({
        ok: true,
        value: { alreadyErased: true },
      });
      const audit = await s.core.storage.audit.list({ targetId: s.anaId, limit: 10 });
      expect(audit.map((e) => e.action)).toEqual(["contact.erased", "contact.exported"]);
    });

    it("scrubs, when erased again, what was written under the old identity while the erasure ran", async () => {
      // Ana erased, as the test above does; erased here when this test runs first.
      await eraseAna();
      const old = (await s.core.directory.findContactById(s.anaId))!;
      const late = await s.core.service.create(actorOf(old), identityOf(old), {
        subject: "Mensagem atrasada",
        department: "technical",
        priority: "LOW",
        type: "support",
        message: "textoatrasadoana",
      });
      if (!late.ok) throw new Error("not created");
      expect(await desk.eraseContact(s.anaId, OFFICER)).toMatchObject({
        ok: true,
        value: { alreadyErased: true },
      });
      const dump = await databaseDump(s.core);
      expect(dump).not.toContain("textoatrasadoana");
      expect(dump).not.toContain("Mensagem atrasada");
      const audit = await s.core.storage.audit.list({
        targetId: s.anaId,
        action: "contact.erased",
        limit: 10,
      });
      expect(audit).toHaveLength(1);
    });

    it("starts a contact that writes again afresh", async () => {
      // Ana erased, as the tests above leave her; erased here when this test runs first.
      await eraseAna();
      expect(await s.core.directory.findContact("TELEGRAM", ANA.platformUserId)).toBeNull();
      const again = await s.core.directory.ensureContact({
        channel: "TELEGRAM",
        platformUserId: ANA.platformUserId,
        displayName: "Ana",
        organization: { key: `contact:TELEGRAM:${ANA.platformUserId}`, name: "Ana" },
        registered: false,
      });
      expect(again.id).not.toBe(s.anaId);
      const tickets = await s.core.service.list(
        {
          kind: "requester",
          contactId: again.id,
          personId: again.person.id,
          organizationId: again.person.organizationId,
          name: "Ana",
          orgAdmin: false,
        },
        { limit: 10, sort: { field: "createdAt", direction: "desc" } },
      );
      expect(tickets.items).toHaveLength(0);
    });
  });
};
