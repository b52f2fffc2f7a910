import { randomBytes } from "node:crypto";

export { deleteKeys } from "../../testkit/redis-keys.js";

/** A key prefix no other run (nor CI) uses, so a run's keys can be counted and removed. */
export const benchPrefix = (label: string): string =>
  `chamado-bench:${label}:${randomBytes(4).toString("hex")}:`;
