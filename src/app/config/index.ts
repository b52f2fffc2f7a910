import { z } from "zod";
import { conversationConfig } from "./conversation.js";
import { coreConfig } from "./core.js";
import { serviceConfig } from "./service.js";
import { SlackConfigError, slackConfig, slackSettings } from "./slack.js";
import { TelegramConfigError, telegramConfig, telegramSettings } from "./telegram.js";
import { WhatsAppConfigError, whatsappConfig, whatsappSettings } from "./whatsapp.js";

/** The whole configuration: one schema assembled from each part's fields, parsed once at start. */
export const configSchema = z.object({
  ...coreConfig,
  ...serviceConfig,
  ...slackConfig,
  ...conversationConfig,
  ...telegramConfig,
  ...whatsappConfig,
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Rules that tie several variables together (a webhook needs its secret, the Cloud API its four
 * credentials). Each channel states them once, in its settings function; they run here so a bad
 * combination stops the start like any other bad value.
 */
const crossFieldProblems = (config: Config): string[] =>
  [telegramSettings, whatsappSettings, slackSettings].flatMap((settingsOf) => {
    try {
      settingsOf(config);
      return [];
    } catch (error) {
      const channelError =
        error instanceof TelegramConfigError ||
        error instanceof WhatsAppConfigError ||
        error instanceof SlackConfigError;
      if (!channelError) throw error;
      return error.message.split("\n").filter((line) => line.startsWith("  "));
    }
  });

/** Parses the environment once; a bad value stops the start with the variable's name and what it expects. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  // Empty variables count as unset, as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) {
    const problems = crossFieldProblems(parsed.data);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join("\n")}`);
    return parsed.data;
  }
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "configuration");
    const got = name in present ? ` (got ${JSON.stringify(present[name])})` : "";
    return `  ${name}: ${issue.message}${got}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
};
