import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpdateReceipts, UPDATE_LEASE_MS } from "../../src/adapters/telegram/update-receipts.js";
import { createEmbeddedTestDatabase } from "../support/pg-test-database.js";

describe("telegram update receipts", () => {
  let embedded: Awaited<ReturnType<typeof createEmbeddedTestDatabase>>;
  let receipts: ReturnType<typeof createUpdateReceipts>;
  const t0 = new Date("2026-11-22T10:00:00Z");
  const later = (ms: number) => new Date(t0.getTime() + ms);

  beforeAll(async () => {
    embedded = await createEmbeddedTestDatabase();
    receipts = createUpdateReceipts(embedded.database.prisma, "telegram:1:update:");
  });
  afterAll(async () => {
    await embedded?.cleanup();
  });

  it("gives an update to one holder, and says done to every delivery once it is finished", async () => {
    expect(await receipts.claim("1", t0)).toBe("new");
    expect(await receipts.claim("1", later(10))).toBe("busy");
    await receipts.finish("1", later(20));
    expect(await receipts.claim("1", later(30))).toBe("done");
    expect(await receipts.claim("1", later(UPDATE_LEASE_MS * 2))).toBe("done");
  });

  it("lets a redelivery take over an update whose holder died, once its lease ran out", async () => {
    expect(await receipts.claim("2", t0)).toBe("new");
    expect(await receipts.claim("2", later(UPDATE_LEASE_MS - 1))).toBe("busy");
    expect(await receipts.claim("2", later(UPDATE_LEASE_MS + 1))).toBe("new");
    // The new holder's lease counts from its own claim.
    expect(await receipts.claim("2", later(UPDATE_LEASE_MS + 2))).toBe("busy");
  });

  it("frees a released update for the next delivery", async () => {
    expect(await receipts.claim("3", t0)).toBe("new");
    await receipts.release("3");
    expect(await receipts.claim("3", later(1))).toBe("new");
  });

  it("treats a receipt written before leases existed as done", async () => {
    await embedded.database.prisma.inboundReceipt.create({ data: { key: "telegram:1:update:4" } });
    expect(await receipts.claim("4", t0)).toBe("done");
  });
});
