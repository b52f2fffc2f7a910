import { parseArgs } from "node:util";
import { type Io, UsageError } from "../../adapters/cli/command.js";
import { commands } from "../../adapters/cli/registry.js";
import { InvalidCursorError } from "../../adapters/storage/cursor.js";
import { catalogues } from "../../core/i18n/index.js";
import { ConfigError, loadConfig } from "../config/index.js";
import { cliSettingsOf, openCliSession } from "./session.js";

const help = (): string =>
  [
    "usage: npm run --silent cli -- <command> [options] [--json]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}\n  ${" ".repeat(10)} ${c.usage}`),
  ].join("\n");

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 refused by the core, 2 bad usage or config. */
export const runCli = async (argv: string[], io: Io, env = process.env): Promise<number> => {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.out(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    const config = loadConfig(env);
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, json: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
    const lang = config.DEFAULT_LANGUAGE;
    const ctx = {
      settings: cliSettingsOf(config),
      session: openCliSession(config),
      io,
      json: values.json === true,
      lang,
      catalogue: catalogues[lang],
    };
    return await command.run(ctx, values, positionals);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    if (
      error instanceof UsageError ||
      error instanceof InvalidCursorError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      io.err(`${(error as Error).message}\nusage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
};
