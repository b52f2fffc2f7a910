import { setTimeout as sleep } from "node:timers/promises";

/** Polls until `check` holds (for effects that happen on Redis's clock, like a TTL), failing after `withinMs`. */
export const eventually = async (
  check: () => Promise<boolean>,
  what: string,
  withinMs = 5000,
): Promise<void> => {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
};
