import type { App, BlockAction } from "@slack/bolt";
import { apologizing, chosenValue, respondWith, type SlackHandlers } from "../app.js";
import type { SlackDeps } from "../deps.js";
import { ACTION, SHORTCUT, VIEW } from "../ids.js";

/** The agents' tools' buttons and menus, registered apart from the channel's own listeners. */
export const registerToolActions = (app: App, deps: SlackDeps, handlers: SlackHandlers): void => {
  const { ownership } = handlers;
  app.action<BlockAction>(ACTION.assignTo, async ({ ack, action, body, respond }) => {
    await ack();
    const picked = action as { selected_user?: unknown; block_id?: unknown };
    const input = {
      user: body.user.id,
      blockId: typeof picked.block_id === "string" ? picked.block_id : undefined,
      selectedUser: typeof picked.selected_user === "string" ? picked.selected_user : undefined,
    };
    await apologizing(deps, respond, () => ownership.assignTo(input, respondWith(respond)));
  });
  for (const [id, run] of [
    [ACTION.takeOver, ownership.takeOver],
    [ACTION.unassign, ownership.unassign],
  ] as const)
    app.action<BlockAction>(id, async ({ ack, action, body, respond }) => {
      await ack();
      const input = { user: body.user.id, value: chosenValue(action) };
      await apologizing(deps, respond, () => run(input, respondWith(respond)));
    });
  for (const [id, choice] of [
    [ACTION.collisionSend, "send"],
    [ACTION.collisionCancel, "cancel"],
  ] as const)
    app.action<BlockAction>(id, async ({ ack, action, body, respond }) => {
      await ack();
      const input = { user: body.user.id, value: chosenValue(action) };
      await apologizing(deps, respond, () => ownership.collisionChoice(choice, input, respondWith(respond)));
    });

  app.action<BlockAction>(ACTION.tags, async ({ ack, action, body, respond }) => {
    await ack();
    const picked = action as { block_id?: unknown; selected_options?: { value?: unknown }[] };
    const input = {
      user: body.user.id,
      blockId: typeof picked.block_id === "string" ? picked.block_id : undefined,
      tags: (picked.selected_options ?? []).flatMap((o) => (typeof o.value === "string" ? [o.value] : [])),
    };
    await apologizing(deps, respond, () => handlers.tags.picked(input, respondWith(respond)));
  });
  const { savedReplies } = handlers;
  app.shortcut(SHORTCUT.replyWith, async ({ ack, shortcut }) => {
    await ack();
    if (shortcut.type !== "message_action") return;
    const message = shortcut.message as { ts?: string; thread_ts?: string };
    await savedReplies.shortcut({
      user: shortcut.user.id,
      triggerId: shortcut.trigger_id,
      channel: shortcut.channel.id,
      messageTs: message.ts ?? "",
      threadTs: message.thread_ts,
    });
  });
  app.view(VIEW.savedReplyPick, async ({ ack, body, view }) => {
    await ack();
    await savedReplies.picked({
      user: body.user.id,
      privateMetadata: view.private_metadata,
      values: stateOf(view),
    });
  });
  app.view(VIEW.savedReplyManage, async ({ ack, body, view }) => {
    const errors = await savedReplies.manage({ user: body.user.id, values: stateOf(view) });
    await ack(errors ? { response_action: "errors", errors } : undefined);
  });
  for (const [id, choice] of [
    [ACTION.savedReplySend, "send"],
    [ACTION.savedReplyCancel, "cancel"],
  ] as const)
    app.action<BlockAction>(id, async ({ ack, action, body, respond }) => {
      await ack();
      const input = { user: body.user.id, value: chosenValue(action) };
      await apologizing(deps, respond, () => savedReplies.choice(choice, input, respondWith(respond)));
    });
};

const stateOf = (view: { state?: unknown }) =>
  ((view.state as { values?: unknown } | undefined)?.values ?? {}) as Parameters<
    SlackHandlers["savedReplies"]["manage"]
  >[0]["values"];
