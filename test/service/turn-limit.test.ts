import { describe, expect, it } from "vitest";
import { createTurnLimit } from "../../src/adapters/http/turn-limit.js";

/** A piece of work that finishes when the test says so. */
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

const tick = () => new Promise((r) => setImmediate(r));

describe("chat turn limit", () => {
  it("runs at most `concurrency` turns at once and starts the waiting ones in arrival order", async () => {
    const limit = createTurnLimit({ concurrency: 2, maxWaiting: 10 });
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([limit.active(), limit.waiting()]).toEqual([2, 3]);
    gates[1]!.open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4].map((value) => ({ value })));
    expect([limit.active(), limit.waiting()]).toEqual([0, 0]);
  });

  it("turns work away once `maxWaiting` turns already wait, and takes it again when there is room", async () => {
    const limit = createTurnLimit({ concurrency: 1, maxWaiting: 1 });
    const g = gate();
    const first = limit.run(() => g.opened);
    const second = limit.run(async () => "second");
    expect(await limit.run(async () => "third")).toBeNull();
    g.open();
    await first;
    expect(await second).toEqual({ value: "second" });
    expect(await limit.run(async () => "fourth")).toEqual({ value: "fourth" });
  });

  it("frees the slot of a turn that failed", async () => {
    const limit = createTurnLimit({ concurrency: 1, maxWaiting: 5 });
    await expect(limit.run(() => Promise.reject(new Error("storage down")))).rejects.toThrow("storage down");
    expect(limit.active()).toBe(0);
    expect(await limit.run(async () => 1)).toEqual({ value: 1 });
  });
});
