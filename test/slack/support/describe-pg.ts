import { describe } from "vitest";
import { PG_SKIP_REASON, pgServerUrl } from "../../support/pg-test-database.js";

/** A suite that needs PostgreSQL: skipped with its reason on a developer's machine, a failure in CI. */
export const describePg = (name: string, body: () => void) => {
  if (pgServerUrl()) return describe(name, body);
  console.warn(`SKIPPED "${name}": ${PG_SKIP_REASON}`);
  return describe.skip(name, body);
};
