import type { ParseArgsConfig } from "node:util";
import type { Config } from "../../app/config/index.js";
import type { Catalogue } from "../../core/i18n/catalogue.js";
import type { Lang } from "../../core/i18n/lang.js";

/** Where a command writes: stdout for results, stderr for errors. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  readonly config: Config;
  readonly io: Io;
  readonly json: boolean;
  readonly lang: Lang;
  readonly catalogue: Catalogue;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Returns the process exit code. */
  run(ctx: CommandContext, values: Record<string, unknown>, positionals: string[]): Promise<number>;
}

/** Wrong arguments: shown with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
