import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFsBlobStore,
  type FsBlobStore,
  sanitizeExtension,
} from "../../src/adapters/files/fs-blob-store.js";
import { tinyPng } from "./support/samples.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

let root: string;
let store: FsBlobStore;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "chamado-blobs-"));
  store = createFsBlobStore({ root: join(root, "nested", "blobs") });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("fs blob store", () => {
  it("round-trips bytes under a content-addressed key, creating directories", async () => {
    const png = tinyPng();
    const hash = sha256(png);
    const key = await store.put(png, { sha256: hash, extension: "png" });

    expect(key).toBe(`${hash.slice(0, 2)}/${hash}.png`);
    expect(await store.get(key)).toEqual(png);
  });

  it("gives the same key for the same bytes and leaves no temp files behind", async () => {
    const bytes = new TextEncoder().encode("mesmo conteúdo");
    const meta = { sha256: sha256(bytes), extension: "txt" };
    const first = await store.put(bytes, meta);
    const second = await store.put(bytes, meta);

    expect(second).toBe(first);
    const dir = join(root, "nested", "blobs", first.slice(0, 2));
    expect(await readdir(dir)).toEqual([first.slice(3)]);
  });

  it("refuses bytes whose hash does not match the claimed one", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(store.put(bytes, { sha256: "0".repeat(64), extension: "bin" })).rejects.toThrow(/sha256/);
  });

  it("sanitises the extension into the key", async () => {
    const bytes = new Uint8Array([4, 5, 6]);
    const key = await store.put(bytes, { sha256: sha256(bytes), extension: "../P.N/G\u0000" });
    expect(key.endsWith(".png")).toBe(true);
    expect(await store.get(key)).toEqual(bytes);
  });

  it.each([
    ["../../etc/passwd"],
    ["/etc/passwd"],
    [""],
    [`ab/${"ab".padEnd(64, "0")}.png/../../x`],
    [`ab/${"cd".padEnd(64, "0")}.png`], // directory does not match the hash prefix
    [`AB/${"AB".padEnd(64, "0")}.png`], // uppercase hex
    [`ab/${"ab".padEnd(64, "0")}`], // missing extension
    [`ab/${"ab".padEnd(64, "0")}.toolongextension`],
    [`ab\\${"ab".padEnd(64, "0")}.png`],
  ])("rejects malformed key %j on get and delete", async (key) => {
    await expect(store.get(key)).rejects.toThrow(/invalid blob key/);
    await expect(store.delete(key)).rejects.toThrow(/invalid blob key/);
  });

  it("deletes, and tolerates deleting what is already gone", async () => {
    const bytes = new Uint8Array([9, 9, 9]);
    const key = await store.put(bytes, { sha256: sha256(bytes), extension: "bin" });
    await store.delete(key);
    await store.delete(key);
    await expect(stat(join(root, "nested", "blobs", key))).rejects.toThrow(/ENOENT/);
    await expect(store.delete(`00/00${"0".repeat(62)}.txt`)).resolves.toBeUndefined();
  });

  it("rejects get for a well-formed key that was never stored", async () => {
    await expect(store.get(`00/00${"0".repeat(62)}.txt`)).rejects.toThrow(/ENOENT/);
  });

  it("knows a key before the bytes are written", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const meta = { sha256: sha256(bytes).toUpperCase(), extension: "TXT" };
    expect(store.keyFor(meta)).toBe(await store.put(bytes, meta));
  });
});

describe("fs blob store: removing with a last look", () => {
  const write = async (bytes: Uint8Array) => store.put(bytes, { sha256: sha256(bytes), extension: "txt" });
  const exists = (key: string) =>
    store.get(key).then(
      () => true,
      () => false,
    );

  it("deletes when the decision says so, and puts the bytes back when it does not", async () => {
    const key = await write(new TextEncoder().encode("one"));
    const seen: Date[] = [];
    const keep = async (writtenAt: Date) => {
      seen.push(writtenAt);
      return false;
    };
    expect(await store.removeIf(key, keep)).toBe(false);
    expect(await exists(key)).toBe(true);
    expect(seen[0]!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await store.removeIf(key, async () => true)).toBe(true);
    expect(await exists(key)).toBe(false);
  });

  it("hides the bytes while deciding, and never deletes a copy written meanwhile", async () => {
    const bytes = new TextEncoder().encode("written twice");
    const key = await write(bytes);
    const removed = await store.removeIf(key, async () => {
      expect(await exists(key)).toBe(false);
      await write(bytes);
      return true;
    });
    expect(removed).toBe(true);
    expect(Buffer.from(await store.get(key)).toString()).toBe("written twice");
  });

  it("puts the bytes back when deciding fails, and answers false for bytes already gone", async () => {
    const key = await write(new TextEncoder().encode("kept"));
    await expect(store.removeIf(key, async () => Promise.reject(new Error("database away")))).rejects.toThrow(
      "database away",
    );
    expect(await exists(key)).toBe(true);
    let asked = false;
    expect(
      await store.removeIf(`00/00${"0".repeat(62)}.txt`, async () => {
        asked = true;
        return true;
      }),
    ).toBe(false);
    expect(asked).toBe(false);
  });
});

describe("sanitizeExtension", () => {
  it.each([
    ["PNG", "png"],
    [".tar.gz", "targz"],
    ["ça", "a"],
    ["", "bin"],
    ["...", "bin"],
    ["abcdefghijklmnop", "abcdefghij"],
  ])("%j -> %j", (input, output) => {
    expect(sanitizeExtension(input)).toBe(output);
  });
});
