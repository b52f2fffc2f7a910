import { z } from "zod";
import { conversationConfig } from "./conversation.js";
import { coreConfig } from "./core.js";
import { serviceConfig } from "./service.js";
import { slackConfig } from "./slack.js";
import { telegramConfig } from "./telegram.js";
import { whatsappConfig } from "./whatsapp.js";

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

/** Parses the environment once; a bad value stops the start with the variable's name and what it expects. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  // Empty variables count as unset, as in most deployment tools.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "configuration");
    const got = name in present ? ` (got ${JSON.stringify(present[name])})` : "";
    return `  ${name}: ${issue.message}${got}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
};
