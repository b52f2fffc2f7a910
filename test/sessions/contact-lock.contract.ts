import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ContactLock } from "../../src/core/ports/contact-lock.js";

export interface ContactLockFixture {
  readonly lock: ContactLock;
  readonly close: () => Promise<void>;
}

/** A promise the test resolves by hand. */
export const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
};

/** What every contact lock must do; run against memory and the real Redis. */
export const contactLockContract = (name: string, make: () => Promise<ContactLockFixture>) => {
  describe(`contact lock contract: ${name}`, () => {
    let f: ContactLockFixture;
    beforeEach(async () => {
      f = await make();
    });
    afterEach(async () => {
      await f.close();
    });

    it("runs the tasks of one key one at a time, in the order they asked", async () => {
      let running = 0;
      let most = 0;
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          f.lock.run("contact-a", async () => {
            running += 1;
            most = Math.max(most, running);
            await sleep(2);
            order.push(i);
            running -= 1;
          }),
        ),
      );
      expect(most).toBe(1);
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });

    it("lets different keys run side by side", async () => {
      const b = gate();
      const first = f.lock.run("contact-a", async () => {
        await b.opened;
        return "a";
      });
      const second = f.lock.run("contact-b", async () => {
        b.open();
        return "b";
      });
      expect(await Promise.all([first, second])).toEqual(["a", "b"]);
    });

    it("passes the task's result and error through and frees the key after a failure", async () => {
      await expect(f.lock.run("contact-a", async () => Promise.reject(new Error("boom")))).rejects.toThrow(
        "boom",
      );
      expect(await f.lock.run("contact-a", async () => 42)).toBe(42);
    });
  });
};
