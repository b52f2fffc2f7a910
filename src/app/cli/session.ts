import type { CliSession, CliSettings } from "../../adapters/cli/command.js";
import { telegramSettings } from "../../adapters/telegram/config.js";
import type { Config } from "../config/index.js";
import { configuredPolicy } from "../configured-channels.js";
import { buildCore } from "../container.js";
import { buildConversation } from "../conversation.js";

export const cliSettingsOf = (config: Config): CliSettings => {
  const telegram = telegramSettings(config);
  return {
    defaultLang: config.DEFAULT_LANGUAGE,
    attachmentMaxBytes: config.ATTACHMENT_MAX_BYTES,
    telegram: telegram.ok ? telegram.value : null,
  };
};

/**
 * Opens the configured database for one command and always closes it. Changes write the same
 * notifications as the service, so a reply typed here reaches the requester's chat.
 */
export const openCliSession =
  (config: Config) =>
  async <T>(run: (session: CliSession) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> => {
    const core = await buildCore(options.migrate ? { ...config, DATABASE_MIGRATE_ON_START: true } : config, {
      serveEmbedded: false,
      notify: configuredPolicy(config),
    });
    const closing: (() => Promise<void>)[] = [() => core.close()];
    try {
      return await run({
        service: core.service,
        directory: core.directory,
        apiKeys: core.storage.apiKeys,
        database: core.storage.kind,
        async conversation() {
          const conversation = await buildConversation(core);
          closing.unshift(() => conversation.close());
          return conversation.engine;
        },
      });
    } finally {
      for (const close of closing) await close();
    }
  };
