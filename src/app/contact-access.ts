import { randomUUID } from "node:crypto";
import { randomCode } from "../adapters/storage/invitation-code.js";
import { telegramSettings } from "../adapters/telegram/config.js";
import { whatsappSettings } from "../adapters/whatsapp/config.js";
import { auditedContactAccess } from "../core/contacts/audited-access.js";
import { type ContactAccess, createContactAccess } from "../core/contacts/invitations.js";
import type { AuditLog } from "../core/ports/audit-log.js";
import type { Clock } from "../core/ports/clock.js";
import type { DirectoryRepository } from "../core/ports/directory.js";
import type { InvitationStore } from "../core/ports/invitations.js";
import type { Config } from "./config/index.js";

/**
 * Invitations and (de)activation over `directory`: the caching one in the service and the
 * publishing one in the CLI, so a deactivation reaches every instance's contact cache. Every
 * invitation, redemption and (de)activation is audited.
 */
export const buildContactAccess = (
  config: Config,
  invitations: InvitationStore,
  directory: DirectoryRepository,
  clock: Clock,
  audit: AuditLog,
): ContactAccess => {
  const telegram = telegramSettings(config);
  const whatsapp = whatsappSettings(config);
  const bot = telegram.ok ? telegram.value : null;
  let botUsername: (() => Promise<string>) | undefined;
  // Telegraf loads when an invitation first needs the bot's name, not in every process that starts.
  const telegramBot = async () => {
    if (!bot) return null;
    botUsername ??= (await import("../adapters/telegram/bot-username.js")).telegramBotUsername(bot);
    return botUsername();
  };
  const access = createContactAccess({
    invitations,
    directory,
    clock,
    randomCode,
    newId: randomUUID,
    defaultTtlHours: config.INVITATION_TTL_HOURS,
    telegramBot,
    whatsappEnabled: whatsapp.ok && whatsapp.value !== null,
  });
  return auditedContactAccess(access, audit, clock);
};
