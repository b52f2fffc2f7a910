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

    const answer = { lang: "en" as const, prompts: [{ kind: "text" as const, text: "Which department?" }] };

    it("is new until settled, and done after", async () => {
      expect(await f.dedupe.claim("TELEGRAM:1")).toBe("new");
      await f.dedupe.settle("TELEGRAM:1", null);
      expect(await f.dedupe.claim("TELEGRAM:1")).toBe("done");
      expect(await f.dedupe.claim("TELEGRAM:2")).toBe("new");
    });

    it("counts a claim never settled (its process died) as new, so the message is not lost", async () => {
      expect(await f.dedupe.claim("WHATSAPP:wamid.1")).toBe("new");
      expect(await f.dedupe.claim("WHATSAPP:wamid.1")).toBe("new");
    });

    it("lets a released claim be processed again", async () => {
      expect(await f.dedupe.claim("SLACK:1")).toBe("new");
      await f.dedupe.release("SLACK:1");
      expect(await f.dedupe.claim("SLACK:1")).toBe("new");
    });

    it("keeps a settled answer until it is marked as sent", async () => {
      await f.dedupe.claim("TELEGRAM:5");
      await f.dedupe.settle("TELEGRAM:5", answer);
      expect(await f.dedupe.pendingAnswer("TELEGRAM:5")).toEqual(answer);
      await f.dedupe.answered("TELEGRAM:5");
      expect(await f.dedupe.pendingAnswer("TELEGRAM:5")).toBeNull();
      expect(await f.dedupe.claim("TELEGRAM:5")).toBe("done");
    });

    it("forgets a message id after the window", async () => {
      await f.dedupe.claim("TELEGRAM:9");
      await f.dedupe.settle("TELEGRAM:9", null);
      await f.letWindowPass();
      expect(await f.dedupe.claim("TELEGRAM:9")).toBe("new");
    });
  });
};
