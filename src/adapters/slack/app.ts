import { App, type BlockAction, type Receiver, type RespondFn } from "@slack/bolt";
import type { Logger } from "pino";
import { conversationCatalogues } from "../../core/i18n/index.js";
import type { AgentHandlers, RootAction } from "./agent-handlers.js";
import { slackLogger } from "./clients.js";
import type { CommandHandlers } from "./command-handlers.js";
import { isAgentChannel, type SlackDeps } from "./deps.js";
import type { DmHandlers } from "./dm-handlers.js";
import { dedupeEvents } from "./event-dedupe.js";
import { appHomeOpened, messageEvent, reactionAdded, teamOf } from "./events.js";
import type { FormHandlers } from "./form-handlers.js";
import type { HomeHandlers } from "./home-handlers.js";
import { filtersFromState } from "./home-view.js";
import { ACTION, TICKET_REACTION, VIEW } from "./ids.js";
import type { KbFormHandlers } from "./kb-form-handlers.js";
import { COMMAND, type Respond } from "./requester-io.js";
import { registerToolActions } from "./tools/actions.js";
import type { MergeHandlers } from "./tools/merge.js";
import type { OwnershipHandlers } from "./tools/ownership.js";
import type { SavedReplyHandlers } from "./tools/saved-replies.js";
import type { TagHandlers } from "./tools/tags.js";

export interface SlackHandlers {
  readonly agents: AgentHandlers;
  readonly forms: FormHandlers;
  readonly kbForms: KbFormHandlers;
  readonly commands: CommandHandlers;
  readonly dm: DmHandlers;
  readonly home: HomeHandlers;
  readonly ownership: OwnershipHandlers;
  readonly savedReplies: SavedReplyHandlers;
  readonly tags: TagHandlers;
  readonly merge: MergeHandlers;
}

/** Bolt's error handlers get its coded wrapper; storage errors must reach the receiver as they were thrown. */
const unwrap = (error: unknown): unknown => (error as { original?: unknown }).original ?? error;

export const respondWith =
  (respond: RespondFn): Respond =>
  (message) =>
    respond(message);

/**
 * Once acked, a failure can no longer reach Slack's request: the person is told it failed on our
 * side (only them), and the error goes on to the error handler.
 */
export const apologizing = async (
  deps: SlackDeps,
  respond: RespondFn,
  work: () => Promise<void>,
): Promise<void> => {
  try {
    await work();
  } catch (error) {
    const text = conversationCatalogues[deps.shared.defaultLang].session.failed;
    await respond({ response_type: "ephemeral", replace_original: false, text }).catch(() => undefined);
    throw error;
  }
};

const ROOT_ACTIONS: readonly [string, RootAction][] = [
  [ACTION.assignMe, "assignMe"],
  [ACTION.status, "status"],
  [ACTION.priority, "priority"],
  [ACTION.department, "department"],
  [ACTION.contactDone, "contactDone"],
  [ACTION.escalate, "escalate"],
  [ACTION.close, "close"],
];

/** The value of the clicked button or the option of the changed menu. */
export const chosenValue = (action: unknown): string | undefined => {
  const a = action as { value?: unknown; selected_option?: { value?: unknown } | null };
  if (typeof a.value === "string") return a.value;
  return typeof a.selected_option?.value === "string" ? a.selected_option.value : undefined;
};

/**
 * The Bolt app with every listener of this channel. `receiver` is ours (HTTP on the service's
 * server); without it, Socket Mode with the app token. Each listener acks first and then works.
 */
export const createSlackApp = (
  deps: SlackDeps,
  handlers: SlackHandlers,
  options: { receiver?: Receiver; logger: Logger; onInbound?: () => void },
): App => {
  const { settings } = deps;
  const team = async (body: unknown) => teamOf(body, (await deps.bot()).teamId);
  const app = new App({
    // One workspace, one token: authorize answers from the remembered auth.test instead of Bolt asking per event.
    authorize: async () => {
      const bot = await deps.bot();
      return {
        botToken: settings.botToken,
        botUserId: bot.userId,
        teamId: bot.teamId,
        ...(bot.botId ? { botId: bot.botId } : {}),
      };
    },
    ...(options.receiver
      ? { receiver: options.receiver }
      : { socketMode: true, appToken: settings.appToken ?? undefined }),
    clientOptions: { slackApiUrl: settings.apiUrl },
    logger: slackLogger(options.logger),
    convoStore: false,
  });
  app.use(dedupeEvents(deps.receipts, deps.clock, options.logger));

  app.command(COMMAND, async ({ ack, command, respond }) => {
    await ack();
    options.onInbound?.();
    const input = {
      text: command.text,
      user: command.user_id,
      team: { id: command.team_id, domain: command.team_domain },
      triggerId: command.trigger_id,
    };
    await apologizing(deps, respond, async () => {
      // The agents' tools answer their own subcommands; everything else is the requester's /ticket.
      if (await handlers.savedReplies.command(input, respondWith(respond))) return;
      if (await handlers.merge.command(input, respondWith(respond))) return;
      await handlers.commands.command(input, respondWith(respond));
    });
  });

  app.view(VIEW.ticketModal, async ({ ack, body, view }) => {
    const checked = await handlers.forms.check(view, body.user.id);
    if (checked.errors) return ack({ response_action: "errors", errors: checked.errors });
    await ack();
    if (checked.submission) await handlers.forms.create(checked.submission, body.user.id, await team(body));
  });

  for (const [actionId, action] of ROOT_ACTIONS) {
    app.action<BlockAction>(actionId, async ({ ack, action: element, body, respond }) => {
      await ack();
      const input = { user: body.user.id, value: chosenValue(element) };
      await apologizing(deps, respond, () => handlers.agents.rootAction(action, input, respondWith(respond)));
    });
  }

  // The ticket form's subject, as it is typed (dispatch_action): suggestions under it.
  app.action<BlockAction>({ block_id: "subject", action_id: "value" }, async ({ ack, body, action }) => {
    await ack();
    const typed = (action as { value?: unknown }).value;
    await handlers.kbForms.suggest(body.view, body.user.id, typeof typed === "string" ? typed : "");
  });
  registerToolActions(app, deps, handlers);

  app.action<BlockAction>(ACTION.openForm, async ({ ack, body }) => {
    await ack();
    await handlers.forms.openForm(body.trigger_id, body.user.id);
  });

  app.action<BlockAction>(ACTION.openFromMessage, async ({ ack, body, action }) => {
    await ack();
    await handlers.forms.openFromMessage(body.trigger_id, body.user.id, chosenValue(action));
  });

  app.action<BlockAction>(new RegExp(`^${ACTION.rate}_[1-5]$`), async ({ ack, body, action, respond }) => {
    await ack();
    const input = { user: body.user.id, team: await team(body), value: chosenValue(action) };
    await apologizing(deps, respond, () => handlers.dm.rate(input, respondWith(respond)));
  });

  app.action<BlockAction>(ACTION.homeFilter, async ({ ack, body }) => {
    await ack();
    const values = (body.view?.state as { values?: Parameters<typeof filtersFromState>[0] } | undefined)
      ?.values;
    await handlers.home.publish(body.user.id, await team(body), filtersFromState(values));
  });

  app.event("message", async ({ event, body }) => {
    const parsed = messageEvent.safeParse(event);
    if (!parsed.success) return;
    const e = parsed.data;
    if (e.subtype === "message_changed") {
      const m = e.message;
      if (!m?.user || m.bot_id || m.user === (await deps.bot()).userId) return;
      await handlers.agents.messageChanged({
        channel: e.channel,
        user: m.user,
        ts: m.ts,
        ...(m.thread_ts ? { threadTs: m.thread_ts } : {}),
        text: m.text,
        previousText: e.previous_message?.text ?? null,
      });
      return;
    }
    if (e.subtype === "message_deleted") {
      if (!e.deleted_ts) return;
      const previous = e.previous_message;
      await handlers.agents.messageDeleted({
        channel: e.channel,
        user: previous?.user ?? null,
        deletedTs: e.deleted_ts,
        ...(previous?.thread_ts ? { threadTs: previous.thread_ts } : {}),
      });
      return;
    }
    if (![undefined, "file_share", "thread_broadcast"].includes(e.subtype) || !e.user || e.bot_id || !e.ts)
      return;
    if (e.channel_type === "im") {
      await handlers.dm.directMessage({
        user: e.user,
        team: await team(body),
        channel: e.channel,
        ts: e.ts,
        ...(e.thread_ts ? { threadTs: e.thread_ts } : {}),
        text: e.text,
        files: e.files,
      });
      return;
    }
    if (e.thread_ts && e.thread_ts !== e.ts && isAgentChannel(settings, e.channel)) {
      await handlers.agents.threadMessage({
        channel: e.channel,
        user: e.user,
        ts: e.ts,
        threadTs: e.thread_ts,
        text: e.text,
        files: e.files,
      });
    }
  });

  app.event("reaction_added", async ({ event }) => {
    const parsed = reactionAdded.safeParse(event);
    if (!parsed.success || parsed.data.reaction !== TICKET_REACTION) return;
    await handlers.forms.offerFromReaction({
      user: parsed.data.user,
      channel: parsed.data.item.channel,
      ts: parsed.data.item.ts,
    });
  });

  app.event("app_home_opened", async ({ event, body }) => {
    const parsed = appHomeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab && parsed.data.tab !== "home")) return;
    await handlers.home.publish(parsed.data.user, await team(body));
  });

  app.error(async (error) => {
    const original = unwrap(error);
    options.logger.error({ err: original }, "slack: handling failed");
    throw original;
  });

  return app;
};
