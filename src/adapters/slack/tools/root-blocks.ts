import type { types } from "@slack/bolt";
import type { Ticket } from "../../../core/ticket/ticket.js";
import { formatTicketId } from "../../../core/ticket/ticket-ref.js";
import { slackToolsCatalogues } from "../i18n/tools.js";
import { ACTION } from "../ids.js";
import type { AgentView } from "../root-message.js";
import { clip, LIMITS } from "../text.js";
import { ownershipBlock } from "./ownership-block.js";

const TAGS_BLOCK = /^ticket_tags_(\d{1,9})_v\d+$/;

/** The ticket number a root message's tag menu names. */
export const ticketOfTagsBlock = (blockId: string | undefined): number | null => {
  const match = TAGS_BLOCK.exec(blockId ?? "");
  return match ? Number(match[1]) : null;
};

const option = (tag: string) => ({
  text: { type: "plain_text" as const, text: clip(tag, LIMITS.optionText) },
  value: tag,
});

/** The tag menu: the configured suggestions and the ticket's own tags; none when there is nothing to offer. */
export const tagsBlock = (ticket: Ticket, view: AgentView): types.KnownBlock | null => {
  const offered = [...new Set([...(view.tagSuggestions ?? []), ...ticket.tags])].sort().slice(0, 100);
  if (offered.length === 0) return null;
  const t = slackToolsCatalogues[view.lang].tags;
  const current = ticket.tags.filter((tag) => offered.includes(tag)).map(option);
  return {
    type: "actions",
    // A new block id per version, so Slack shows the stored tags instead of the last picks.
    block_id: `ticket_tags_${ticket.number}_v${ticket.version}`,
    elements: [
      {
        type: "multi_static_select",
        action_id: ACTION.tags,
        placeholder: { type: "plain_text", text: t.placeholder },
        options: offered.map(option),
        ...(current.length > 0 ? { initial_options: current } : {}),
      },
    ],
  };
};

/**
 * The rows the agents' tools add to a ticket's root message (ownership, tags), kept apart from the
 * root's own fields and buttons so either changes without touching the other.
 */
export const agentToolBlocks = (ticket: Ticket, view: AgentView): types.KnownBlock[] => {
  const t = slackToolsCatalogues[view.lang].tags;
  const tags = ticket.tags.length > 0 ? ticket.tags.map((tag) => `\`${tag}\``).join(" ") : t.none;
  const menu = tagsBlock(ticket, view);
  const merged = ticket.mergedInto
    ? [
        {
          type: "context" as const,
          elements: [
            {
              type: "mrkdwn" as const,
              text: slackToolsCatalogues[view.lang].merge.rootNote(formatTicketId(ticket.mergedInto.number)),
            },
          ],
        },
      ]
    : [];
  return [
    ...merged,
    ownershipBlock(ticket, view.lang),
    { type: "context", elements: [{ type: "mrkdwn", text: `*${t.label}:* ${tags}` }] },
    ...(menu ? [menu] : []),
  ];
};
