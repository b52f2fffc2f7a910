import type { types } from "@slack/bolt";
import type { Lang } from "../../../core/i18n/index.js";
import type { Ticket } from "../../../core/ticket/ticket.js";
import { slackToolsCatalogues } from "../i18n/tools.js";
import { ACTION } from "../ids.js";
import { slackUserOf } from "../text.js";

const BLOCK = /^ticket_owner_(\d{1,9})_v\d+$/;
const SLACK_USER = /^[UW][A-Z0-9]{2,30}$/;

/** The ticket number a root message's ownership block names. */
export const ticketOfOwnershipBlock = (blockId: string | undefined): number | null => {
  const match = BLOCK.exec(blockId ?? "");
  return match ? Number(match[1]) : null;
};

/**
 * The root message's ownership row: assign to any agent, and, once someone owns the ticket, take
 * over or unassign. A block of its own so other rows of the root change without touching it.
 */
export const ownershipBlock = (ticket: Ticket, lang: Lang): types.KnownBlock => {
  const t = slackToolsCatalogues[lang].ownership;
  const value = String(ticket.number);
  // Only a real Slack user id preselects the menu: an assignee set through the API may be anything.
  const user = ticket.assignee ? slackUserOf(ticket.assignee.id) : null;
  const owner = user && SLACK_USER.test(user) ? user : null;
  const elements: types.ActionsBlockElement[] = [
    {
      type: "users_select",
      action_id: ACTION.assignTo,
      placeholder: { type: "plain_text", text: t.assignTo },
      ...(owner ? { initial_user: owner } : {}),
    },
  ];
  if (ticket.assignee)
    elements.push(
      { type: "button", action_id: ACTION.takeOver, text: { type: "plain_text", text: t.takeOver }, value },
      { type: "button", action_id: ACTION.unassign, text: { type: "plain_text", text: t.unassign }, value },
    );
  // A new block id per version, so Slack shows the current owner instead of the last pick.
  return { type: "actions", block_id: `ticket_owner_${value}_v${ticket.version}`, elements };
};
