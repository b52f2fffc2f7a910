import { join } from "node:path";
import { PassThrough } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runRemoteConsoleChat } from "../../src/adapters/console/console-client.js";
import { CONSOLE_SOCKET } from "../../src/adapters/console/console-wire.js";
import { loadConfig } from "../../src/app/config/index.js";
import { type RunningService, startService } from "../../src/app/service.js";
import { testEnv } from "../../testkit/spawn-service.js";
import { cli } from "../api/support.js";
import {
  createThrowawayDatabase,
  describeWith,
  type ThrowawayDatabase,
} from "../support/pg-database-for-service.js";

/** Resolves once `seen` holds a line matching `pattern`; the test's own timeout bounds the wait. */
const waitFor = async (seen: string[], pattern: RegExp): Promise<string> => {
  for (;;) {
    const found = seen.find((line) => pattern.test(line));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
};

describeWith({ pg: true }, "the terminal chat as a channel of the service", () => {
  let db: ThrowawayDatabase;
  let env: Record<string, string>;
  let service: RunningService | undefined;
  const start = async () => {
    service = await startService(loadConfig(env), {
      port: 0,
      logger: pino({ level: "silent" }),
      startTimers: false,
    });
  };

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    env = await testEnv({ DATABASE_URL: db.url, DEFAULT_LANGUAGE: "en" });
    await start();
    const created = await cli(
      [
        "create",
        "--contact",
        "console:ana",
        "--name",
        "Ana",
        "--subject",
        "Impressora parada",
        "--department",
        "technical",
        "--priority",
        "low",
        "--type",
        "incident",
        "--message",
        "Não imprime",
      ],
      env,
    );
    expect(created.code).toBe(0);
  });
  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  it("delivers agents' replies to the open chat, keeps them for a closed one, and survives a restart", async () => {
    const socketPath = join(env.DATA_DIR!, "run", CONSOLE_SOCKET);
    const open = () => {
      const input = new PassThrough();
      const seen: string[] = [];
      const done = runRemoteConsoleChat({
        socketPath,
        identity: { channel: "CONSOLE", platformUserId: "ana", displayName: "Ana" },
        locale: "en",
        lang: "en",
        input,
        write: (text) => seen.push(text),
        maxFileBytes: 1024 * 1024,
        retryMs: 100,
      });
      return { input, seen, done };
    };

    const chat = open();
    await waitFor(chat.seen, /chat started through the service/);
    expect(
      (await cli(["reply", "TKT-000001", "--message", "Pode reiniciar?", "--as", "Ana Souza"], env)).code,
    ).toBe(0);
    expect(await waitFor(chat.seen, /Pode reiniciar\?/)).toMatch(/^bot> /);
    expect(chat.seen.join("\n")).toContain("Ana Souza");

    // The service restarts: the chat says so, comes back, and its lines are answered again.
    await service!.stop();
    await waitFor(chat.seen, /not answering; reconnecting/);
    await start();
    await waitFor(chat.seen, /connected to the service again/);
    chat.input.write("/tickets\n");
    await waitFor(chat.seen, /TKT-000001/);
    chat.input.end();
    await chat.done;

    // Nobody in the chat: the next reply waits, and is there when the chat opens again.
    expect((await cli(["reply", "TKT-000001", "--message", "Já resolvemos."], env)).code).toBe(0);
    const later = open();
    await waitFor(later.seen, /Já resolvemos\./);
    later.input.end();
    await later.done;
  });
});
