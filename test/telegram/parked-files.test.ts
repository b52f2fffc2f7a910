import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFsBlobStore } from "../../src/adapters/files/fs-blob-store.js";
import { orphanFileSweep } from "../../src/adapters/files/orphan-sweep.js";
import { createPrismaFileReferences } from "../../src/adapters/storage/prisma/parked-files.js";
import { createUpdates, type Person } from "../../testkit/telegram-updates.js";
import { once } from "../support/once.js";
import { describeWith } from "../support/pg-database-for-service.js";
import { count } from "../sweep/support/partial-rows.js";
import { startTelegramService, type TelegramTestService } from "./support/telegram-service.js";

const QUOTA = 2500;
const textFile = (fill: string, size = 1000) => new TextEncoder().encode(fill.repeat(size).slice(0, size));

describeWith({ pg: true }, "Telegram: files parked by a flow that opens no ticket", () => {
  let t: TelegramTestService;
  const updates = createUpdates(920_000_001);
  let root: string;
  beforeAll(async () => {
    t = await startTelegramService({
      database: "postgres",
      env: { ATTACHMENT_PARKED_QUOTA_BYTES: String(QUOTA), CONVERSATION_IDLE_MINUTES: "30" },
    });
    root = join(resolve(t.service.core.config.DATA_DIR), "files");
  });
  afterAll(async () => {
    await t?.stop();
  });

  const onDisk = async (): Promise<string[]> => {
    const prefixes = await readdir(root).catch(() => [] as string[]);
    const names = await Promise.all(
      prefixes.map(async (p) => (await readdir(join(root, p))).map((name) => `${p}/${name}`)),
    );
    return names.flat().filter((key) => !key.includes(".tmp-") && !key.includes(".removing-"));
  };
  const parkedRows = () => count(t.service.core.db!.prisma, "SELECT count(*) AS n FROM parked_file");

  const supplier = (userId: number) => {
    const person: Person = { userId, firstName: `S${userId}`, languageCode: "en", inGroup: false };
    const answers = async (send: () => Promise<Response>) => {
      const before = t.api.messages(userId).length;
      expect((await send()).status).toBe(200);
      return t.api
        .messages(userId)
        .slice(before)
        .map((m) => m.text)
        .join("\n");
    };
    return {
      say: (...texts: string[]) =>
        texts.reduce(
          (done, text) => done.then(() => answers(() => t.post(updates.text(person, text)))),
          Promise.resolve(""),
        ),
      send: (bytes: Uint8Array, name: string) =>
        answers(() => t.post(updates.document(person, t.api.storeFile(bytes), name, "text/plain"))),
    };
  };
  const toFiles = (s: ReturnType<typeof supplier>) =>
    s.say("/new", "Nota fiscal rejeitada", "technical", "high", "incident", "Segue o XML da nota.");

  it("deletes a cancelled flow's files from disk, and forgets them", async () => {
    const held = await onDisk(); // files of tickets opened before, if any ran first
    const ana = supplier(7001);
    await toFiles(ana);
    expect(await ana.send(textFile("a"), "a.txt")).toContain("File received: a.txt");
    expect(await ana.send(textFile("b"), "b.txt")).toContain("File received: b.txt");
    expect(await onDisk()).toHaveLength(held.length + 2);
    expect(await parkedRows()).toBe(2);

    expect(await ana.say("cancel")).toContain("cancelled");
    expect(await onDisk()).toEqual(held);
    expect(await parkedRows()).toBe(0);
  });

  it("deletes the files of a flow switched for another one", async () => {
    const held = await onDisk(); // files of tickets opened before, if any ran first
    const bia = supplier(7002);
    await toFiles(bia);
    await bia.send(textFile("c"), "c.txt");
    expect(await onDisk()).toHaveLength(held.length + 1);
    await bia.say("/tickets");
    expect(await onDisk()).toEqual(held);
    expect(await parkedRows()).toBe(0);
  });

  it("keeps bytes another flow still holds, until that flow lets go of them too", async () => {
    const held = await onDisk(); // files of tickets opened before, if any ran first
    const caio = supplier(7003);
    const duda = supplier(7004);
    const same = textFile("s");
    await toFiles(caio);
    await caio.send(same, "mesmo.txt");
    await toFiles(duda);
    await duda.send(same, "igual.txt");
    expect(await onDisk()).toHaveLength(held.length + 1);
    await duda.say("cancel");
    expect(await onDisk()).toHaveLength(held.length + 1);
    await caio.say("cancel");
    expect(await onDisk()).toEqual(held);
  });

  it("refuses files past the contact's quota with the reason, writing nothing", async () => {
    const held = await onDisk(); // files of tickets opened before, if any ran first
    const edu = supplier(7005);
    await toFiles(edu);
    await edu.send(textFile("1"), "1.txt");
    await edu.send(textFile("2"), "2.txt");
    const refused = await edu.send(textFile("3"), "3.txt");
    expect(refused).toContain(
      "You already have 2 KB of files waiting in this conversation and the limit is 2 KB",
    );
    expect(await onDisk()).toHaveLength(held.length + 2);
    expect(await parkedRows()).toBe(2);
    await edu.say("cancel");
    expect(await onDisk()).toEqual(held);
  });

  /** Fabi opens a ticket with one file: the file stays, held by the ticket. Answers what confirming said. */
  const openWithFile = once(async () => {
    const fabi = supplier(7006);
    await toFiles(fabi);
    await fabi.send(textFile("k"), "kept.txt");
    return fabi.say("done", "confirm");
  });

  it("keeps the files of a ticket that was opened, and deletes an idle flow's when it expires", async () => {
    expect(await openWithFile()).toContain("TKT-");
    const kept = await onDisk();
    expect(kept).toHaveLength(1);
    expect(await parkedRows()).toBe(0);

    const gil = supplier(7007);
    await toFiles(gil);
    await gil.send(textFile("i"), "idle.txt");
    expect(await onDisk()).toHaveLength(2);
    const later = new Date(Date.now() + 31 * 60_000);
    expect(await t.service.conversation.expireIdle(later)).toBeGreaterThanOrEqual(1);
    expect(await onDisk()).toEqual(kept);
    expect(await parkedRows()).toBe(0);
  });

  it("sweeps bytes nothing references once they are older than the grace period", async () => {
    // The ticket's file, as the test above leaves it; opened here when this test runs first.
    expect(await openWithFile()).toContain("TKT-");
    const blobs = createFsBlobStore({ root });
    const attached = await onDisk();
    expect(attached).toHaveLength(1);
    const bytes = textFile("o");
    const orphan = await blobs.put(bytes, {
      sha256: createHash("sha256").update(bytes).digest("hex"),
      extension: "txt",
    });
    const sweep = (graceMs: number) =>
      orphanFileSweep({
        blobs,
        referenced: createPrismaFileReferences(t.service.core.db!.prisma),
        graceMs,
        everyMs: 0,
      });
    await sweep(60 * 60_000).run(new Date());
    expect((await onDisk()).sort()).toEqual([...attached, orphan].sort());
    await sweep(60 * 60_000).run(new Date(Date.now() + 2 * 60 * 60_000));
    expect(await onDisk()).toEqual(attached);
  });
});
