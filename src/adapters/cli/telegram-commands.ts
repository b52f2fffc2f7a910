import { z } from "zod";
import { CHANNEL_URLS } from "../http/channel-routes.js";
import { ALLOWED_UPDATES } from "../telegram/update-schema.js";
import { type Command, type CommandContext, UsageError } from "./command.js";
import { cliLabels } from "./labels.js";
import { usageLabels } from "./usage-labels.js";

const USAGE = "telegram set-webhook --url https://HOST/telegram/webhook [--drop-pending] | telegram info";
const TIMEOUT_MS = 15_000;

const webhookUrl = z.url({ protocol: /^https?$/ });

// Telegraf and the bot helpers load when a telegram command runs: every other command would pay for them.
const botApi = async () => ({
  ...(await import("../telegram/api.js")),
  ...(await import("../telegram/commands.js")),
  Telegram: (await import("telegraf")).Telegram,
});

const clientFor = async (ctx: CommandContext) => {
  const settings = ctx.settings.telegram;
  if (!settings) throw new UsageError(usageLabels[ctx.lang].telegramToken);
  const api = await botApi();
  return {
    settings,
    api,
    client: new api.Telegram(settings.token, { apiRoot: settings.apiRoot, webhookReply: false }),
  };
};

/** setWebhook with our secret and update types, then the command menu, so the bot is ready to talk. */
const setWebhook = async (ctx: CommandContext, values: Record<string, unknown>): Promise<number> => {
  const url = webhookUrl.safeParse(values.url);
  if (!url.success) throw new UsageError(usageLabels[ctx.lang].webhookUrl);
  const { settings, client, api } = await clientFor(ctx);
  if (settings.mode !== "webhook") throw new UsageError(usageLabels[ctx.lang].pollingMode);
  if (!new URL(url.data).pathname.endsWith(CHANNEL_URLS.telegramWebhook)) {
    ctx.io.err(cliLabels[ctx.lang].telegram.checkPath(CHANNEL_URLS.telegramWebhook, url.data));
  }
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  await api.callBot(
    client,
    "setWebhook",
    {
      url: url.data,
      secret_token: settings.webhookSecret!,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: values["drop-pending"] === true,
    },
    signal,
  );
  await api.registerCommands(client, ctx.settings.defaultLang, signal);
  ctx.io.out(
    ctx.json
      ? JSON.stringify({ webhook: url.data, allowedUpdates: ALLOWED_UPDATES })
      : cliLabels[ctx.lang].telegram.webhookSet(url.data, ALLOWED_UPDATES.join(", ")),
  );
  return 0;
};

const info = async (ctx: CommandContext): Promise<number> => {
  const { settings, client, api } = await clientFor(ctx);
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const me = await api.callBot(client, "getMe", {}, signal);
  const hook = await api.callBot(client, "getWebhookInfo", {}, signal);
  const summary = {
    bot: `@${me.username}`,
    id: me.id,
    mode: settings.mode,
    webhook: hook.url || null,
    pendingUpdates: hook.pending_update_count,
    lastError: hook.last_error_message ?? null,
  };
  if (ctx.json) ctx.io.out(JSON.stringify(summary, null, 2));
  else
    ctx.io.out(
      Object.entries(summary)
        .map(
          ([k, v]) =>
            `${cliLabels[ctx.lang].telegram.field[k as keyof typeof summary].padEnd(15)} ${v ?? "-"}`,
        )
        .join("\n"),
    );
  return 0;
};

export const telegram: Command = {
  name: "telegram",
  summary: {
    en: "set the bot's webhook (with our secret) and show the bot's state",
    "pt-BR": "configurar o webhook do bot (com o nosso segredo) e mostrar o estado do bot",
  },
  usage: USAGE,
  examples: ["telegram set-webhook --url https://suporte.example.com/telegram/webhook", "telegram info"],
  options: { url: { type: "string" }, "drop-pending": { type: "boolean" } },
  async run(ctx, values, positionals) {
    try {
      switch (positionals[0]) {
        case "set-webhook":
          return await setWebhook(ctx, values);
        case "info":
          return await info(ctx);
        default:
          throw new UsageError(usageLabels[ctx.lang].expectedAction("set-webhook, info"));
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const { classifyFailure } = await import("../telegram/api.js");
      ctx.io.err(cliLabels[ctx.lang].telegram.refused(classifyFailure(error).reason));
      return 1;
    }
  },
};

export const telegramCommands = [telegram];
