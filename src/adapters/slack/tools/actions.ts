import type { App, BlockAction } from "@slack/bolt";
import { apologizing, chosenValue, respondWith, type SlackHandlers } from "../app.js";
import type { SlackDeps } from "../deps.js";
import { ACTION } from "../ids.js";

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
};
