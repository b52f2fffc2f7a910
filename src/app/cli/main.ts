import { parseArgs } from "node:util";
import { cliAgent } from "../../adapters/cli/cli-agent.js";
import { type Command, type Io, UsageError } from "../../adapters/cli/command.js";
import { commands } from "../../adapters/cli/registry.js";
import { terminalSafe } from "../../adapters/cli/terminal-text.js";
import { InvalidCursorError } from "../../adapters/storage/cursor.js";
import { NoEmbeddedDatabaseError } from "../../adapters/storage/prisma/database.js";
import { catalogues } from "../../core/i18n/index.js";
import { LANGS, type Lang, langFromLocale } from "../../core/i18n/lang.js";
import { ConfigError, loadConfig } from "../config/index.js";
import { cliSettingsOf, openCliSession } from "./session.js";

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

const GLOBAL_OPTIONS =
  '  --json          machine-readable output\n  --as "NAME"     the agent acting (default AGENT_NAME, else the support team)\n  --lang pt-BR|en language of this run (default DEFAULT_LANGUAGE)\n  --help          this command\'s help';

const overview = (): string =>
  [
    "usage: npm run --silent cli -- <command> [options]",
    "       npm run --silent cli -- help <command>    (or <command> --help)",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary}`),
    "",
    "options of every command:",
    GLOBAL_OPTIONS,
    "",
    "exit codes: 0 done, 1 refused by the ticket rules (or not found), 2 bad arguments or configuration",
  ].join("\n");

export const commandHelp = (command: Command): string =>
  [
    `${command.name}: ${command.summary}`,
    "",
    `usage: ${command.usage}`,
    ...(command.examples?.length
      ? ["", "examples:", ...command.examples.map((e) => `  npm run --silent cli -- ${e}`)]
      : []),
    "",
    "options of every command:",
    GLOBAL_OPTIONS,
  ].join("\n");

const findCommand = (name: string | undefined): Command | undefined => commands.find((c) => c.name === name);

const langOf = (raw: unknown, fallback: Lang): Lang => {
  if (raw === undefined) return fallback;
  const lang = typeof raw === "string" ? langFromLocale(raw) : null;
  if (!lang) throw new UsageError(`--lang: expected one of ${LANGS.join(", ")}`);
  return lang;
};

/** Output the terminal shows as text: supplier text cannot colour, move or clear it. */
const safeIo = (io: Io): Io => ({
  out: (text) => io.out(terminalSafe(text)),
  err: (text) => io.err(terminalSafe(text)),
  note: (text) => io.note?.(terminalSafe(text)),
});

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 refused by the core, 2 bad usage or config. */
export const runCli = async (argv: string[], rawIo: Io, env = process.env): Promise<number> => {
  const io = safeIo(rawIo);
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    const topic = name === "help" ? rest[0] : undefined;
    if (topic !== undefined) {
      const command = findCommand(topic);
      if (!command) {
        io.err(`unknown command "${topic}"\n\n${overview()}`);
        return EXIT.usage;
      }
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    io.out(overview());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = findCommand(name);
  if (!command) {
    io.err(`unknown command "${name}"\n\n${overview()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  try {
    const config = loadConfig(env);
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        // A command's own --as (chat: the contact) and --lang (chat: the contact's language) win.
        as: { type: "string" },
        lang: { type: "string" },
        ...command.options,
        json: { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    });
    const ownsLang = "lang" in command.options;
    const lang = ownsLang ? config.DEFAULT_LANGUAGE : langOf(values.lang, config.DEFAULT_LANGUAGE);
    const settings = cliSettingsOf(config);
    const given = "as" in command.options ? undefined : (values.as as string | undefined);
    const ctx = {
      settings,
      session: openCliSession(config, (text) => io.note?.(text)),
      io,
      json: values.json === true,
      lang,
      catalogue: catalogues[lang],
      agent: cliAgent(given, settings.agentName, lang),
    };
    return await command.run(ctx, values, positionals);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NoEmbeddedDatabaseError) {
      io.err(error.message);
      return EXIT.usage;
    }
    if (
      error instanceof UsageError ||
      error instanceof InvalidCursorError ||
      (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      io.err(
        `${(error as Error).message}\nusage: ${command.usage}\n(more: npm run --silent cli -- help ${command.name})`,
      );
      return EXIT.usage;
    }
    throw error;
  }
};
