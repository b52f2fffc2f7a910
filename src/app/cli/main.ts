import { type ParseArgsConfig, parseArgs } from "node:util";
import { cliAgent } from "../../adapters/cli/cli-agent.js";
import { type Command, type Io, UsageError } from "../../adapters/cli/command.js";
import { type HelpLabels, helpLabels } from "../../adapters/cli/help-labels.js";
import { commands } from "../../adapters/cli/registry.js";
import { terminalSafe } from "../../adapters/cli/terminal-text.js";
import { usageLabels } from "../../adapters/cli/usage-labels.js";
import { InvalidCursorError } from "../../adapters/storage/cursor.js";
import { NoEmbeddedDatabaseError } from "../../adapters/storage/prisma/database.js";
import { catalogues } from "../../core/i18n/index.js";
import { DEFAULT_LANG, LANGS, type Lang, langFromLocale } from "../../core/i18n/lang.js";
import { ConfigError, loadConfig } from "../config/index.js";
import { cliSettingsOf, openCliSession } from "./session.js";

/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

const globalOptions = (h: HelpLabels): string[] => [
  ...h.globalOptions.map(([option, meaning]) => `  ${option.padEnd(15)} ${meaning}`),
  `  ${h.globalOptionsWhere}`,
];

const overview = (lang: Lang): string => {
  const h = helpLabels[lang];
  const usage = `${h.usage}: `;
  return [
    `${usage}${h.overviewUsage}`,
    `${" ".repeat(usage.length)}${h.overviewHelp}`,
    "",
    ...commands.map((c) => `  ${c.name.padEnd(12)} ${c.summary[lang]}`),
    "",
    `${h.optionsOfEveryCommand}:`,
    ...globalOptions(h),
    "",
    h.exitCodes,
  ].join("\n");
};

export const commandHelp = (command: Command, lang: Lang): string => {
  const h = helpLabels[lang];
  return [
    `${command.name}: ${command.summary[lang]}`,
    "",
    `${h.usage}: ${command.usage}`,
    ...(command.examples?.length
      ? ["", `${h.examples}:`, ...command.examples.map((e) => `  npm run --silent cli -- ${e}`)]
      : []),
    "",
    `${h.optionsOfEveryCommand}:`,
    ...globalOptions(h),
  ].join("\n");
};

const findCommand = (name: string | undefined): Command | undefined => commands.find((c) => c.name === name);

/** A --lang value refused: said in DEFAULT_LANGUAGE, with the values it takes. */
class InvalidLangError extends Error {
  override readonly name = "InvalidLangError";
}

const langOf = (raw: unknown, fallback: Lang): Lang => {
  if (raw === undefined) return fallback;
  const lang = typeof raw === "string" ? langFromLocale(raw) : null;
  if (!lang) throw new InvalidLangError(String(raw));
  return lang;
};

/**
 * The value of the last `--lang X` or `--lang=X` before any `--`, read before the arguments are
 * checked, so that refusing them is already in the run's language.
 */
const langArgument = (args: readonly string[]): string | undefined => {
  let found: string | undefined;
  for (let i = 0; i < args.length && args[i] !== "--"; i++) {
    const arg = args[i]!;
    if (arg === "--lang") found = args[++i] ?? "";
    else if (arg.startsWith("--lang=")) found = arg.slice("--lang=".length);
  }
  return found;
};

/** The arguments without `--lang X`: what is left of `help --lang en list` is the topic. */
const withoutLang = (args: readonly string[]): string[] =>
  args.filter((arg, i) => arg !== "--lang" && args[i - 1] !== "--lang" && !arg.startsWith("--lang="));

const RUN_OPTIONS = { json: { type: "boolean" }, lang: { type: "string" }, as: { type: "string" } } as const;

/** `--json`, `--lang X` and `--as NAME` given before the command's name, and the arguments from the name on. */
const splitLeading = (argv: readonly string[]): { before: string[]; after: string[] } => {
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === "--json") i += 1;
    else if (flag === "--lang" || flag === "--as") i += eq > 0 ? 1 : 2;
    else break;
  }
  return { before: argv.slice(0, Math.min(i, argv.length)), after: argv.slice(Math.min(i, argv.length)) };
};

type ParseOptions = NonNullable<ParseArgsConfig["options"]>;

/** node's argument error as the run's words: which option is unknown, lacks its value or takes none. */
const argumentProblem = (
  h: HelpLabels,
  error: Error & { code: string },
  args: string[],
  options: ParseOptions,
) => {
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const known = options[token.name];
    if (!known) return h.unknownOption(token.rawName);
    if (
      known.type === "string" &&
      (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))
    )
      return h.missingValue(token.rawName);
    if (known.type === "boolean" && token.value !== undefined) return h.noValueExpected(token.rawName);
  }
  const quoted = /'([^' ]+)/.exec(error.message)?.[1] ?? "";
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return h.unknownOption(quoted);
  if (error.code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return h.unexpectedArgument(quoted);
  return h.missingValue(quoted);
};

const isParseError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error &&
  (error as { code?: unknown }).code?.toString().startsWith("ERR_PARSE_ARGS") === true;

/** Output the terminal shows as text: supplier text cannot colour, move or clear it. */
const safeIo = (io: Io): Io => ({
  out: (text) => io.out(terminalSafe(text)),
  err: (text) => io.err(terminalSafe(text)),
  note: (text) => io.note?.(terminalSafe(text)),
});

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 refused by the core, 2 bad usage or config. */
export const runCli = async (argv: string[], rawIo: Io, env = process.env): Promise<number> => {
  const io = safeIo(rawIo);
  // The language of refusals made before the run's own is known (a bad --lang among them).
  const defaultLang = langFromLocale(env.DEFAULT_LANGUAGE) ?? DEFAULT_LANG;
  const { before, after } = splitLeading(argv);
  const [name, ...rest] = after;
  let lang = defaultLang;
  let command: Command | undefined;
  // What node's argument errors are read against: the leading options, then the command's.
  let parsing: { args: string[]; options: ParseOptions } = { args: before, options: RUN_OPTIONS };
  try {
    const leading = parseArgs({ args: before, options: RUN_OPTIONS, strict: true, allowPositionals: false });
    const leadingLang = langOf(leading.values.lang, defaultLang);
    lang = leadingLang;
    if (!name || name === "help" || name === "--help" || name === "-h") {
      lang = langOf(langArgument(rest), leadingLang);
      const topic = name === "help" ? withoutLang(rest)[0] : undefined;
      if (topic !== undefined) {
        const found = findCommand(topic);
        if (!found) {
          io.err(`${helpLabels[lang].unknownCommand(topic)}\n\n${overview(lang)}`);
          return EXIT.usage;
        }
        io.out(commandHelp(found, lang));
        return EXIT.ok;
      }
      io.out(overview(lang));
      return name ? EXIT.ok : EXIT.usage;
    }
    command = findCommand(name);
    if (!command) {
      lang = langOf(langArgument(rest), leadingLang);
      io.err(`${helpLabels[lang].unknownCommand(name)}\n\n${overview(lang)}`);
      return EXIT.usage;
    }
    // A command's own --as (chat: the contact) and --lang (chat: the contact's language) win after its
    // name; before it they are the run's.
    const ownsLang = "lang" in command.options;
    const options: ParseOptions = {
      as: { type: "string" },
      lang: { type: "string" },
      ...command.options,
      json: { type: "boolean" },
    };
    parsing = { args: rest, options };
    if (rest.includes("--help") || rest.includes("-h")) {
      lang = ownsLang ? leadingLang : langOf(langArgument(rest), leadingLang);
      io.out(commandHelp(command, lang));
      return EXIT.ok;
    }
    if (!ownsLang) lang = langOf(langArgument(rest), leadingLang);
    const { values, positionals } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    const config = loadConfig(env);
    const settings = cliSettingsOf(config);
    const given =
      leading.values.as ?? ("as" in command.options ? undefined : (values.as as string | undefined));
    const ctx = {
      settings,
      session: openCliSession(config, (text) => io.note?.(text)),
      io,
      json: leading.values.json === true || values.json === true,
      lang,
      catalogue: catalogues[lang],
      agent: cliAgent(given, settings.agentName, lang),
    };
    return await command.run(ctx, values, positionals);
  } catch (error) {
    if (error instanceof NoEmbeddedDatabaseError) {
      io.err(helpLabels[lang].noDatabase(error.dataDir));
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT.usage;
    }
    // A language refused is said in DEFAULT_LANGUAGE, not in one given before it.
    if (error instanceof InvalidLangError) lang = defaultLang;
    const h = helpLabels[lang];
    const message =
      error instanceof InvalidLangError
        ? h.invalidLang(LANGS.join(", "))
        : error instanceof UsageError
          ? error.message
          : error instanceof InvalidCursorError
            ? usageLabels[lang].invalidCursor
            : isParseError(error)
              ? argumentProblem(h, error, parsing.args, parsing.options)
              : null;
    if (message === null) throw error;
    io.err(command ? `${message}\n${h.usage}: ${command.usage}\n${h.more(command.name)}` : message);
    return EXIT.usage;
  }
};
