import { resolve } from "node:path";
import type { CliSession, CliSettings } from "../../adapters/cli/command.js";
import { createRedisDirectoryChanges } from "../../adapters/sessions/redis-directory-changes.js";
import { telegramSettings } from "../../adapters/telegram/config.js";
import { createWebLinks, webSecretOf } from "../../adapters/web/index.js";
import { systemClock } from "../../core/ports/clock.js";
import type { Config } from "../config/index.js";
import { webSettingsOf } from "../config/web.js";
import { configuredPolicy } from "../configured-channels.js";
import { buildCore } from "../container.js";
import { buildConversation, openRedis } from "../conversation.js";
import { publishingDirectory } from "../directory-cache.js";

export const cliSettingsOf = (config: Config): CliSettings => {
  const telegram = telegramSettings(config);
  return {
    defaultLang: config.DEFAULT_LANGUAGE,
    attachmentMaxBytes: config.ATTACHMENT_MAX_BYTES,
    telegram: telegram.ok ? telegram.value : null,
    // Made only when a command asks: most commands never touch the console, nor DATA_DIR.
    webLinks: () => {
      const web = webSettingsOf(config);
      return createWebLinks({
        secret: webSecretOf(web.secret, resolve(config.DATA_DIR)),
        publicUrl: web.publicUrl,
        linkMs: web.linkMs,
        clock: systemClock,
      });
    },
  };
};

/**
 * Tells the running instances that this command changed the directory, over a Redis connection
 * opened only when something changed: most commands only read.
 */
const lazyPublisher = (url: string, prefix: string, closing: (() => Promise<void>)[]) => {
  let redis: Awaited<ReturnType<typeof openRedis>> | null = null;
  return {
    async publish() {
      try {
        if (!redis) {
          redis = await openRedis(url);
          const opened = redis;
          closing.unshift(() => opened.quit().then(() => undefined));
        }
        await createRedisDirectoryChanges(redis, prefix).publish();
      } catch {
        // Redis away: the change is stored, and the instances see it within CONTACT_CACHE_SECONDS.
      }
    },
    subscribe() {},
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
    const directory = config.REDIS_URL
      ? publishingDirectory(core.directory, lazyPublisher(config.REDIS_URL, config.REDIS_KEY_PREFIX, closing))
      : core.directory;
    try {
      return await run({
        service: core.service,
        directory,
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
