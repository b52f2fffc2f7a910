import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript run by npm before any dependency exists
import { installNeeded } from "../../scripts/install-state.mjs";

const lock = JSON.stringify({
  packages: {
    "": { name: "chamado" },
    "node_modules/zod": { version: "4.6.7" },
    "node_modules/x": { version: "1.0.0", optional: true },
  },
});
const hidden = (version: string) => JSON.stringify({ packages: { "node_modules/zod": { version } } });

describe("npm start installs only when needed", () => {
  it("installs when node_modules is missing", () => {
    expect(installNeeded({ lockHash: "a", lock })).toBe("node_modules is missing");
  });

  it("skips the install when the lockfile is the one installed last", () => {
    expect(installNeeded({ lockHash: "a", stamp: "a\n", lock, hiddenLock: hidden("0.0.1") })).toBeUndefined();
  });

  it("installs when the lockfile changed since", () => {
    expect(installNeeded({ lockHash: "b", stamp: "a", lock, hiddenLock: hidden("4.6.7") })).toBe(
      "package-lock.json changed",
    );
  });

  it("without a stamp, compares npm's record of what it installed with the lockfile", () => {
    expect(installNeeded({ lockHash: "a", lock, hiddenLock: hidden("4.6.7") })).toBeUndefined();
    expect(installNeeded({ lockHash: "a", lock, hiddenLock: hidden("4.0.0") })).toBe(
      "node_modules/zod is not at 4.6.7",
    );
  });
});
