import { z } from "zod";
import { slackConfig, slackSettings } from "../../adapters/slack/config.js";
import { telegramConfig, telegramSettings } from "../../adapters/telegram/config.js";
import { whatsappConfig, whatsappSettings } from "../../adapters/whatsapp/config.js";
import { conversationConfig } from "./conversation.js";
import { coreConfig } from "./core.js";
import { serviceConfig } from "./service.js";
import { webConfig } from "./web.js";

/**
 * The whole configuration: one schema assembled from the service's parts and each channel's own
 * variables (which live in the channel's folder), parsed once at start.
 */
export const configSchema = z.object({
  ...coreConfig,
  ...serviceConfig,
  ...conversationConfig,
  ...telegramConfig,
  ...whatsappConfig,
  ...slackConfig,
  ...webConfig,
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Rules that tie several variables of a channel together (a webhook needs its secret, the Cloud API
 * its four credentials). Each channel states them in its settings function; they run here so a bad
 * combination stops the start like any other bad value, every problem listed at once.
 */
const CHANNEL_SETTINGS = [telegramSettings, whatsappSettings, slackSettings] as const;

const crossFieldProblems = (config: Config): readonly string[] =>
  CHANNEL_SETTINGS.flatMap((settingsOf) => {
    const settings = settingsOf(config);
    return settings.ok ? [] : settings.error;
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
