import { resolve } from "node:path";
import type { CliSession, CliSettings } from "../../adapters/cli/command.js";
import { createRedisDirectoryChanges } from "../../adapters/sessions/redis-directory-changes.js";
import { telegramSettings } from "../../adapters/telegram/config.js";
import { createWebLinks } from "../../adapters/web/links.js";
import { webSecretOf } from "../../adapters/web/secret.js";
import { systemClock } from "../../core/ports/clock.js";
import { buildAgentTools } from "../agent-tools.js";
import type { Config } from "../config/index.js";
import { webSettingsOf } from "../config/web.js";
import { configuredPolicy } from "../configured-channels.js";
import { buildContactAccess } from "../contact-access.js";
import { buildCore, taxonomyOf } from "../container.js";
import type { openRedis } from "../conversation.js";
import { publishingDirectory } from "../directory-cache.js";
import { privacyDesk } from "../privacy.js";

export const cliSettingsOf = (config: Config): CliSettings => {
  const telegram = telegramSettings(config);
  return {
    defaultLang: config.DEFAULT_LANGUAGE,
    attachmentMaxBytes: config.ATTACHMENT_MAX_BYTES,
    taxonomy: taxonomyOf(config),
    timeZone: config.TIME_ZONE,
    dataDir: resolve(config.DATA_DIR),
    businessHours: config.BUSINESS_HOURS_FILE ?? null,
    telegram: telegram.ok ? telegram.value : null,
    ...(config.AGENT_NAME ? { agentName: config.AGENT_NAME } : {}),
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
          redis = await (await import("../conversation.js")).openRedis(url);
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
  (config: Config, note: (text: string) => void = () => {}) =>
  async <T>(run: (session: CliSession) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> => {
    const core = await buildCore(options.migrate ? { ...config, DATABASE_MIGRATE_ON_START: true } : config, {
      serveEmbedded: false,
      // Only `migrate` may start an empty embedded database; anything else would hide the service's data.
      createEmbedded: options.migrate === true,
      logger: { info: note },
      notify: configuredPolicy(config),
    });
    const closing: (() => Promise<void>)[] = [() => core.close()];
    const directory = config.REDIS_URL
      ? publishingDirectory(core.directory, lazyPublisher(config.REDIS_URL, config.REDIS_KEY_PREFIX, closing))
      : core.directory;
    try {
      return await run({
        service: core.service,
        reports: core.reports,
        contacts: buildContactAccess(
          config,
          core.storage.invitations,
          directory,
          systemClock,
          core.storage.audit,
        ),
        tools: buildAgentTools(core, core.service, systemClock),
        directory,
        apiKeys: core.storage.apiKeys,
        audit: core.storage.audit,
        knowledge: core.knowledge,
        database: core.storage.kind,
        async privacy() {
          const backend = await (await import("../conversation.js")).openSessionBackend(config);
          closing.unshift(() => backend.close());
          return privacyDesk({ ...core, directory }, backend.turns);
        },
        async conversation() {
          // Loaded only for `chat` on its own: most commands never run the dialogue.
          const conversation = await (await import("../conversation.js")).buildConversation(core);
          closing.unshift(() => conversation.close());
          return conversation.engine;
        },
      });
    } finally {
      for (const close of closing) await close();
    }
  };
