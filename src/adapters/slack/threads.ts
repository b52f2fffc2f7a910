import type { LinkRole, TicketLinks } from "../../core/ports/ticket-links.js";

/** A Slack message: its conversation and timestamp (Slack's message id within the conversation). */
export interface SlackMessageRef {
  readonly channel: string;
  readonly ts: string;
}

/** Where a ticket lives in Slack: the agents' root message, and the requester's DM thread when on Slack. */
export type SlackRefPart = "agents" | "dm";

const ROLE: Readonly<Record<SlackRefPart, LinkRole>> = { agents: "AGENTS_ROOT", dm: "REQUESTER_THREAD" };

const toSlack = (ref: { conversation: string; message: string }): SlackMessageRef => ({
  channel: ref.conversation,
  ts: ref.message,
});
const toLink = (ref: SlackMessageRef) => ({ conversation: ref.channel, message: ref.ts });

/** The ticket links as this channel reads them: Slack channels and timestamps. */
export interface SlackThreads {
  ref(ticketId: string, part: SlackRefPart): Promise<SlackMessageRef | null>;
  /** The refs of several tickets at once (a dashboard's list), by ticket id. */
  refs(ticketIds: readonly string[], part: SlackRefPart): Promise<ReadonlyMap<string, SlackMessageRef>>;
  setRef(ticketId: string, part: SlackRefPart, ref: SlackMessageRef): Promise<void>;
  /** The ticket whose agents' root (or DM root) is this message. */
  findByThread(
    part: SlackRefPart,
    ref: SlackMessageRef,
  ): Promise<{ readonly id: string; readonly number: number } | null>;
}

export const slackThreads = (links: TicketLinks): SlackThreads => ({
  async ref(ticketId, part) {
    const ref = await links.get(ticketId, "SLACK", ROLE[part]);
    return ref ? toSlack(ref) : null;
  },
  async refs(ticketIds, part) {
    const found = await links.many(ticketIds, "SLACK", ROLE[part]);
    return new Map([...found].map(([id, ref]) => [id, toSlack(ref)]));
  },
  setRef: (ticketId, part, ref) => links.set(ticketId, "SLACK", ROLE[part], toLink(ref)),
  findByThread: (part, ref) => links.findTicket("SLACK", ROLE[part], toLink(ref)),
});
