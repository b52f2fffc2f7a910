import { describe, expect, it } from "vitest";
import { createFiguresCache, type FiguresCacheOptions } from "../../src/adapters/web/figures-cache.js";

/** A computation the test finishes by hand, so "in the background" is observable. */
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
};

const setup = (overrides: Partial<FiguresCacheOptions> = {}) => {
  let now = 1_000_000;
  const failures: unknown[] = [];
  const cache = createFiguresCache<string>({
    freshMs: 60_000,
    minRefreshMs: 5_000,
    maxStaleMs: 600_000,
    maxEntries: 3,
    now: () => now,
    onRefreshFailed: (error) => failures.push(error),
    ...overrides,
  });
  let calls = 0;
  const pending: ReturnType<typeof deferred<string>>[] = [];
  /** Each call is one computation; it finishes when the test resolves it. */
  const compute = () => {
    calls++;
    const next = deferred<string>();
    pending.push(next);
    return next.promise;
  };
  const settle = async (value: string) => {
    pending.shift()!.resolve(value);
    await new Promise((r) => setImmediate(r));
  };
  /** A scope computed once, as by its first view. */
  const prime = async (key: string, value: string) => {
    const view = cache.get(key, compute);
    await settle(value);
    await view;
  };
  return {
    cache,
    compute,
    settle,
    prime,
    failures,
    pending,
    calls: () => calls,
    advance: (ms: number) => {
      now += ms;
    },
  };
};

describe("dashboard figures cache", () => {
  it("computes a scope on its first view and serves the kept figures while they are fresh", async () => {
    const c = setup();
    const first = c.cache.get("30d", c.compute);
    await c.settle("v1");
    expect(await first).toEqual({ value: "v1", asOf: 1_000_000, refreshing: false });
    c.advance(30_000);
    expect(await c.cache.get("30d", c.compute)).toEqual({ value: "v1", asOf: 1_000_000, refreshing: false });
    expect(c.calls()).toBe(1);
  });

  it("shares one computation between concurrent first views of a scope", async () => {
    const c = setup();
    const views = [c.cache.get("30d", c.compute), c.cache.get("30d", c.compute)];
    await c.settle("v1");
    expect((await Promise.all(views)).map((v) => v.value)).toEqual(["v1", "v1"]);
    expect(c.calls()).toBe(1);
  });

  it("serves old figures at once and recomputes them in the background, once", async () => {
    const c = setup();
    await c.prime("30d", "v1");
    c.advance(61_000);
    expect(await c.cache.get("30d", c.compute)).toMatchObject({ value: "v1", refreshing: true });
    expect(await c.cache.get("30d", c.compute)).toMatchObject({ value: "v1", refreshing: true });
    expect(c.calls()).toBe(2);
    await c.settle("v2");
    expect(await c.cache.get("30d", c.compute)).toEqual({ value: "v2", asOf: 1_061_000, refreshing: false });
  });

  it("a ticket change recomputes on the next view, but not sooner than minRefreshMs after the last pass", async () => {
    const c = setup();
    await c.prime("30d", "v1");
    c.advance(1_000);
    c.cache.invalidate();
    expect(await c.cache.get("30d", c.compute)).toMatchObject({ value: "v1", refreshing: true });
    expect(c.calls()).toBe(1);
    c.advance(4_000);
    expect(await c.cache.get("30d", c.compute)).toMatchObject({ value: "v1", refreshing: true });
    expect(c.calls()).toBe(2);
    await c.settle("v2");
    expect(await c.cache.get("30d", c.compute)).toMatchObject({ value: "v2", refreshing: false });
  });

  it("a change made while recomputing leaves the new figures due for another pass", async () => {
    const c = setup();
    await c.prime("30d", "v1");
    c.advance(61_000);
    await c.cache.get("30d", c.compute);
    c.cache.invalidate();
    await c.settle("v2");
    c.advance(5_000);
    expect(await c.cache.get("30d", c.compute)).toMatchObject({ value: "v2", refreshing: true });
    expect(c.calls()).toBe(3);
  });

  it("keeps the old figures when a background pass fails, and tries again on the next view", async () => {
    const c = setup();
    await c.prime("30d", "v1");
    c.advance(61_000);
    await c.cache.get("30d", c.compute);
    c.pending.shift()!.reject(new Error("database gone"));
    await new Promise((r) => setImmediate(r));
    expect(c.failures).toHaveLength(1);
    expect(await c.cache.get("30d", c.compute)).toMatchObject({ value: "v1", refreshing: true });
    expect(c.calls()).toBe(3);
  });

  it("never serves figures older than maxStaleMs: the view waits for new ones", async () => {
    const c = setup();
    await c.prime("30d", "v1");
    c.advance(600_001);
    const late = c.cache.get("30d", c.compute);
    await c.settle("v2");
    expect(await late).toEqual({ value: "v2", asOf: 1_600_001, refreshing: false });
  });

  it("keeps at most maxEntries scopes, dropping the one viewed least recently", async () => {
    const c = setup();
    for (const key of ["a", "b", "c"]) await c.prime(key, key);
    await c.cache.get("a", c.compute);
    await c.prime("d", "d");
    expect(c.calls()).toBe(4);
    await c.cache.get("a", c.compute);
    expect(c.calls()).toBe(4);
    const b = c.cache.get("b", c.compute);
    expect(c.calls()).toBe(5);
    await c.settle("b again");
    expect((await b).value).toBe("b again");
  });

  it("with DASHBOARD_CACHE_SECONDS=0 every view computes", async () => {
    const c = setup({ freshMs: 0, minRefreshMs: 0, maxStaleMs: 0 });
    for (const value of ["v1", "v2"]) {
      c.advance(1);
      const view = c.cache.get("30d", c.compute);
      await c.settle(value);
      expect(await view).toMatchObject({ value, refreshing: false });
    }
    expect(c.calls()).toBe(2);
  });
});
