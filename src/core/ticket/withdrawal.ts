import type { TicketChange, TicketPatch } from "../ports/ticket-repository.js";
import { err, ok, type Result } from "../shared/result.js";
import { type DecisionContext, event, finish } from "./decisions.js";
import type { CoreError } from "./errors.js";
import { isClosed, TICKET_STATUSES, type TicketStatus } from "./status.js";
import type { Actor, Ticket, TicketEvent } from "./ticket.js";

/** The agent's public reply an agents' channel knows by its platform message, not yet withdrawn. */
const replyOf = (
  events: readonly TicketEvent[],
  replyKey: string,
  action: string,
): Result<TicketEvent, CoreError> => {
  const reply = events.find((e) => e.sourceKey === replyKey);
  const withdrawable = reply?.kind === "MESSAGE" && reply.actor.kind === "AGENT" && !reply.withdrawnAt;
  return reply && withdrawable ? ok(reply) : err({ code: "FORBIDDEN", action });
};

const asStatus = (value: string | null): TicketStatus | null =>
  value !== null && (TICKET_STATUSES as readonly string[]).includes(value) ? (value as TicketStatus) : null;

/**
 * The ticket as if `reply` had never been written: its last reply and first response come from the
 * replies that remain, and the move to "waiting on the requester" it caused is undone when nothing
 * moved the ticket since. The SLA pause it started is dropped, so the clocks run as before it.
 */
const withoutReply = (ticket: Ticket, events: readonly TicketEvent[], reply: TicketEvent) => {
  const kept = events.filter((e) => !e.withdrawnAt && e.id !== reply.id);
  const lastMessage = kept.filter((e, i) => e.kind === "MESSAGE" && i > 0).at(-1);
  const firstAnswer = kept.find((e, i) => e.kind === "MESSAGE" && i > 0 && e.actor.kind !== "REQUESTER");
  const at = events.indexOf(reply);
  const move = events
    .slice(at + 1)
    .find((e) => e.kind === "STATUS_CHANGED" && e.createdAt.getTime() === reply.createdAt.getTime());
  const movedSince = move
    ? events.slice(events.indexOf(move) + 1).some((e) => e.kind === "STATUS_CHANGED" && !e.withdrawnAt)
    : true;
  const back = move && !movedSince && ticket.status === asStatus(move.to) ? asStatus(move.from) : null;
  const patch: TicketPatch = {
    lastReply: lastMessage
      ? { at: lastMessage.createdAt, by: lastMessage.actor.kind, name: lastMessage.actor.name }
      : null,
    firstResponseAt: firstAnswer?.createdAt ?? null,
  };
  if (!back || !move) return { patch, move: null, back: null };
  const previous = kept
    .filter((e) => e.kind === "STATUS_CHANGED" && e !== move && e.createdAt <= reply.createdAt)
    .at(-1);
  const changedAt = previous?.createdAt ?? ticket.createdAt;
  return {
    patch: {
      ...patch,
      status: back,
      statusChangedAt: changedAt,
      closedAt: isClosed(back) ? changedAt : null,
      sla: { pausedMs: ticket.sla.pausedMs, pausedSince: null },
    },
    move,
    back,
  };
};

/**
 * An agent withdraws a reply that never went out (the door cancelled its delivery first): the
 * reply and its status move stay in the agents' history marked withdrawn, and a REPLY_WITHDRAWN
 * line says who withdrew it; the requester's history, the status and the clocks are as before it.
 */
export const decideWithdrawReply = (
  ticket: Ticket,
  events: readonly TicketEvent[],
  actor: Actor,
  input: { replyKey: string; note: string | null; sourceKey?: string | undefined },
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: "withdraw" });
  const reply = replyOf(events, input.replyKey, "withdraw");
  if (!reply.ok) return reply;
  const undone = withoutReply(ticket, events, reply.value);
  const line = event(actor, ctx.now, {
    kind: "REPLY_WITHDRAWN",
    body: input.note,
    from: undone.back ? ticket.status : null,
    to: undone.back,
    sourceKey: input.sourceKey,
  });
  const change = finish(ticket, actor, ctx, undone.patch, [line]);
  const revisions = [reply.value, ...(undone.move ? [undone.move] : [])].map((e) => ({
    eventId: e.id,
    withdrawnAt: ctx.now,
  }));
  return ok({ ...change, revisions });
};

/**
 * An agent edited a reply before it went out: the history holds the text the requester receives,
 * and a note keeps what was first written for the agents.
 */
export const decideReviseReply = (
  ticket: Ticket,
  events: readonly TicketEvent[],
  actor: Actor,
  input: { replyKey: string; message: string; note: string; sourceKey?: string | undefined },
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: "edit" });
  const reply = replyOf(events, input.replyKey, "edit");
  if (!reply.ok) return reply;
  if (reply.value.body === input.message) return ok(finish(ticket, actor, ctx, {}, []));
  const note = event(actor, ctx.now, { kind: "NOTE", body: input.note, sourceKey: input.sourceKey });
  const change = finish(ticket, actor, ctx, {}, [note], input.message);
  return ok({ ...change, revisions: [{ eventId: reply.value.id, body: input.message || null }] });
};
