import { Telegram } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFileFetcher } from "../../src/adapters/telegram/files.js";
import { type FakeTelegramApi, startFakeTelegramApi } from "../../testkit/fake-telegram-api.js";
import { tinyPdf } from "../files/support/samples.js";
import { TOKEN } from "./support/telegram-service.js";

const LIMIT = 1024;

describe("files from Telegram", () => {
  let api: FakeTelegramApi;
  let fetcher: ReturnType<typeof createFileFetcher>;
  beforeAll(async () => {
    api = await startFakeTelegramApi({ token: TOKEN });
    fetcher = createFileFetcher({ client: new Telegram(TOKEN, { apiRoot: api.url }), maxBytes: LIMIT });
  });
  afterAll(async () => {
    await api?.close();
  });

  const ref = (file: { file_id: string; file_size: number }, size: number | undefined = file.file_size) => ({
    fileId: file.file_id,
    fileName: "nota.pdf",
    mimeType: "application/pdf",
    ...(size === undefined ? {} : { size }),
  });

  it("downloads a file within the limits, with its declared type", async () => {
    const file = api.storeFile(tinyPdf());
    const fetched = await fetcher.fetch([ref(file)]);
    expect(fetched).toEqual({
      ok: true,
      value: [{ fileName: "nota.pdf", bytes: tinyPdf(), declaredType: "application/pdf" }],
    });
  });

  it("refuses by the size in the update, before asking Telegram for anything", async () => {
    const before = api.calls().length;
    const fetched = await fetcher.fetch([ref({ file_id: "never-asked", file_size: LIMIT + 1 })]);
    expect(fetched).toEqual({ ok: false, error: { kind: "TOO_LARGE", fileName: "nota.pdf", limit: LIMIT } });
    expect(api.calls().length).toBe(before);
  });

  it("refuses by the size getFile reports, before downloading", async () => {
    const file = api.storeFile(new Uint8Array(10), LIMIT + 1);
    const downloads = api.downloads().length;
    const fetched = await fetcher.fetch([ref(file, undefined)]);
    expect(fetched.ok ? null : fetched.error.kind).toBe("TOO_LARGE");
    expect(api.downloads().length).toBe(downloads);
  });

  it("stops reading a download that turns out larger than the limit", async () => {
    const file = api.storeFile(new Uint8Array(LIMIT * 4).fill(65), 10);
    const fetched = await fetcher.fetch([ref(file)]);
    expect(fetched.ok ? null : fetched.error.kind).toBe("TOO_LARGE");
  });

  it("takes Telegram's 'file is too big' as too large, and other failures as worth sending again", async () => {
    api.fault("getFile", { ok: false, error_code: 400, description: "Bad Request: file is too big" });
    const big = await fetcher.fetch([ref(api.storeFile(new Uint8Array(5)))]);
    expect(big.ok ? null : big.error.kind).toBe("TOO_LARGE");
    const unknown = await fetcher.fetch([ref({ file_id: "no-such-file", file_size: 5 })]);
    expect(unknown).toMatchObject({
      ok: false,
      error: { kind: "DOWNLOAD_FAILED", reason: "400: Bad Request: invalid file_id" },
    });
  });

  it("never allows more than Telegram's 20 MB download limit, whatever our own limit", () => {
    const generous = createFileFetcher({
      client: new Telegram(TOKEN, { apiRoot: api.url }),
      maxBytes: 50 * 1024 * 1024,
    });
    expect(generous.limit).toBe(20 * 1024 * 1024);
  });
});
