import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Two cores: storage suites open real databases, so keep workers few and tests isolated per file.
    pool: "forks",
    maxWorkers: 2,
    // Wide headroom: the suite must pass on a busy 2-core machine, beside another run of itself.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // expect.poll gives up after 1 s by default: too little for a browser or a service on a busy machine.
    expect: { poll: { timeout: 60_000 } },
  },
});
