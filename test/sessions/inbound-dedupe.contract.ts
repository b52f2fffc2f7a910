import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { InboundDedupe } from "../../src/core/ports/inbound-dedupe.js";

export interface InboundDedupeFixture {
  readonly dedupe: InboundDedupe;
  /** Lets the redelivery window pass. */
  readonly letWindowPass: () => Promise<void>;
  readonly close: () => Promise<void>;
}

export const inboundDedupeContract = (name: string, make: () => Promise<InboundDedupeFixture>) => {
  describe(`inbound dedupe contract: ${name}`, () => {
    let f: InboundDedupeFixture;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.close();
    });

    it("claims a message id once", async () => {
      expect(await f.dedupe.claim("TELEGRAM:1")).toBe(true);
      expect(await f.dedupe.claim("TELEGRAM:1")).toBe(false);
      expect(await f.dedupe.claim("TELEGRAM:2")).toBe(true);
    });

    it("gives one of several simultaneous claims the message", async () => {
      const claims = await Promise.all(Array.from({ length: 5 }, () => f.dedupe.claim("WHATSAPP:wamid.1")));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it("lets a released claim be processed again", async () => {
      expect(await f.dedupe.claim("SLACK:1")).toBe(true);
      await f.dedupe.release("SLACK:1");
      expect(await f.dedupe.claim("SLACK:1")).toBe(true);
    });

    it("forgets a message id after the window", async () => {
      expect(await f.dedupe.claim("TELEGRAM:9")).toBe(true);
      await f.letWindowPass();
      expect(await f.dedupe.claim("TELEGRAM:9")).toBe(true);
    });
  });
};
