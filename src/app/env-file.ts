import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * Local runs read `.env` from the working directory (see .env.example), as the service and the CLI
 * both start from the project folder. Variables already in the environment win, so a deployment's
 * own settings are never overridden by a stray file. Returns the file read, if any.
 */
export const loadEnvFile = (file = resolve(".env")): string | undefined => {
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
};
