import type { OutboxDraft } from "../outbox/outbox-draft.js";
import type { TicketChange, TicketPatch } from "../ports/ticket-repository.js";
import { err, ok, type Result } from "../shared/result.js";
import type { CoreError } from "./errors.js";
import type { Priority } from "./priority.js";
import { canTransition, isClosed, type TicketStatus } from "./status.js";
import type { Actor, ActorKind, AttachmentMeta, NewTicketEvent, Ticket } from "./ticket.js";
import { formatTicketId } from "./ticket-ref.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Decides which notifications a change causes; the service's composition root supplies it. */
export type NotificationPolicy = (change: {
  readonly before: Ticket | null;
  readonly after: Ticket;
  readonly events: readonly NewTicketEvent[];
  readonly actor: Actor;
}) => readonly OutboxDraft[];

export interface DecisionContext {
  readonly now: Date;
  readonly reopenWindowDays: number;
  readonly notify: NotificationPolicy;
  /** The first agent to answer publicly a ticket nobody owns becomes its assignee. */
  readonly firstResponderOwns?: boolean;
  /** SLA time between two instants for a department (working time with business hours); wall time when unset. */
  readonly slaTime?: (department: string, from: Date, to: Date) => number;
}

export const actorRef = (actor: Actor): { kind: ActorKind; id: string; name: string } => {
  switch (actor.kind) {
    case "requester":
      return { kind: "REQUESTER", id: actor.contactId, name: actor.name };
    case "agent":
      return { kind: "AGENT", id: actor.id, name: actor.name };
    case "system":
      return { kind: "SYSTEM", id: "system", name: "chamado" };
  }
};

/** The ticket as it will be once `patch` is stored. */
export const applyPatch = (ticket: Ticket, patch: TicketPatch, now: Date): Ticket => ({
  ...ticket,
  ...patch,
  updatedAt: now,
  version: ticket.version + 1,
});

export const event = (
  actor: Actor,
  now: Date,
  fields: Pick<NewTicketEvent, "kind"> & Partial<NewTicketEvent>,
): NewTicketEvent => ({
  body: null,
  from: null,
  to: null,
  ...fields,
  actor: actorRef(actor),
  createdAt: now,
});

/** The status part of a change, including the SLA clock pause while waiting on the requester. */
const moveTo = (
  ticket: Ticket,
  to: TicketStatus,
  actor: Actor,
  now: Date,
  slaTime?: DecisionContext["slaTime"],
): Result<{ patch: TicketPatch; events: NewTicketEvent[] }, CoreError> => {
  if (ticket.status === to) return ok({ patch: {}, events: [] });
  if (!canTransition(ticket.status, to)) return err({ code: "ILLEGAL_TRANSITION", from: ticket.status, to });
  const leavingWait = ticket.status === "WAITING_ON_REQUESTER" && ticket.sla.pausedSince !== null;
  // Counted in SLA time (working time under business hours), the measure the clocks subtract it from.
  const waited = (since: Date) =>
    slaTime ? slaTime(ticket.department, since, now) : now.getTime() - since.getTime();
  const pausedMs = leavingWait ? ticket.sla.pausedMs + waited(ticket.sla.pausedSince!) : ticket.sla.pausedMs;
  const pausedSince = to === "WAITING_ON_REQUESTER" ? now : null;
  return ok({
    patch: {
      status: to,
      statusChangedAt: now,
      closedAt: isClosed(to) ? now : null,
      sla: { pausedMs, pausedSince },
    },
    events: [event(actor, now, { kind: "STATUS_CHANGED", from: ticket.status, to })],
  });
};

export const finish = (
  ticket: Ticket,
  actor: Actor,
  ctx: DecisionContext,
  patch: TicketPatch,
  events: NewTicketEvent[],
  searchText?: string,
): TicketChange => {
  const after = applyPatch(ticket, patch, ctx.now);
  const outbox = events.length > 0 ? ctx.notify({ before: ticket, after, events, actor }) : [];
  return { patch, events, outbox, ...(searchText ? { searchText } : {}) };
};

export interface ReplyDecision {
  readonly message: string;
  readonly internal: boolean;
  readonly attachments: readonly AttachmentMeta[];
  readonly sourceKey?: string | undefined;
  /** An agent's reply moves the ticket here instead of waiting on the requester. */
  readonly status?: TicketStatus | undefined;
}

/**
 * A requester's reply reopens an answered ticket, and a closed one within the reopen window.
 * An agent's public reply waits on the requester; an internal note changes nothing else.
 */
export const decideReply = (
  ticket: Ticket,
  actor: Actor,
  reply: ReplyDecision,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  const { now } = ctx;
  const kind = reply.internal ? "NOTE" : "MESSAGE";
  if (reply.internal && actor.kind === "requester") return err({ code: "FORBIDDEN", action: "note" });
  if (reply.status && actor.kind === "requester") return err({ code: "FORBIDDEN", action: "status" });
  const message = event(actor, now, {
    kind,
    body: reply.message || null,
    attachments: reply.attachments,
    sourceKey: reply.sourceKey,
  });
  // An agent answering (even with a note) has read what the requester wrote.
  const read = readMark(ticket, actor, now);
  if (reply.internal) return ok(finish(ticket, actor, ctx, read.patch, [...read.events, message]));

  let target: TicketStatus = ticket.status;
  if (actor.kind === "requester") {
    if (isClosed(ticket.status)) {
      const closedAt = ticket.closedAt ?? ticket.statusChangedAt;
      if (now.getTime() - closedAt.getTime() > ctx.reopenWindowDays * DAY_MS) {
        return err({ code: "REOPEN_WINDOW_EXPIRED", closedAt, windowDays: ctx.reopenWindowDays });
      }
      target = "IN_PROGRESS";
    } else if (ticket.status === "WAITING_ON_REQUESTER") target = "IN_PROGRESS";
  } else {
    target = reply.status ?? "WAITING_ON_REQUESTER";
  }
  const moved = moveTo(ticket, target, actor, now, ctx.slaTime);
  if (!moved.ok) return moved;
  const ref = actorRef(actor);
  const owner = firstResponder(ticket, actor, ctx);
  const patch: TicketPatch = {
    ...read.patch,
    ...moved.value.patch,
    lastReply: { at: now, by: ref.kind, name: ref.name },
    ...(actor.kind === "requester"
      ? { requesterLastMessageAt: now }
      : { firstResponseAt: ticket.firstResponseAt ?? now }),
    ...(owner ? { assignee: owner.assignee } : {}),
  };
  const events = [...read.events, message, ...moved.value.events, ...(owner ? [owner.event] : [])];
  return ok(finish(ticket, actor, ctx, patch, events, reply.message));
};

/** The agent who answers an unowned ticket takes it, when the service is configured so. */
const firstResponder = (ticket: Ticket, actor: Actor, ctx: DecisionContext) => {
  if (!ctx.firstResponderOwns || actor.kind !== "agent" || ticket.assignee !== null) return null;
  const assignee = { id: actor.id, name: actor.name };
  const changed = event(actor, ctx.now, { kind: "ASSIGNEE_CHANGED", to: actor.name, body: actor.id });
  return { assignee, event: changed };
};

export const decideStatus = (
  ticket: Ticket,
  actor: Actor,
  to: TicketStatus,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind === "requester" && to !== "SOLVED") return err({ code: "FORBIDDEN", action: "status" });
  const moved = moveTo(ticket, to, actor, ctx.now, ctx.slaTime);
  if (!moved.ok) return moved;
  return ok(finish(ticket, actor, ctx, moved.value.patch, moved.value.events));
};

export const decidePriority = (
  ticket: Ticket,
  actor: Actor,
  priority: Priority,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind === "requester") return err({ code: "FORBIDDEN", action: "priority" });
  if (ticket.priority === priority) return ok(finish(ticket, actor, ctx, {}, []));
  const events = [event(actor, ctx.now, { kind: "PRIORITY_CHANGED", from: ticket.priority, to: priority })];
  return ok(finish(ticket, actor, ctx, { priority }, events));
};

export const decideDepartment = (
  ticket: Ticket,
  actor: Actor,
  department: string,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind === "requester") return err({ code: "FORBIDDEN", action: "department" });
  if (ticket.department === department) return ok(finish(ticket, actor, ctx, {}, []));
  const events = [
    event(actor, ctx.now, { kind: "DEPARTMENT_CHANGED", from: ticket.department, to: department }),
  ];
  return ok(finish(ticket, actor, ctx, { department }, events));
};

export const decideAssign = (
  ticket: Ticket,
  actor: Actor,
  assignee: { id: string; name: string } | null,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind === "requester") return err({ code: "FORBIDDEN", action: "assign" });
  if ((ticket.assignee?.id ?? null) === (assignee?.id ?? null)) return ok(finish(ticket, actor, ctx, {}, []));
  const events = [
    event(actor, ctx.now, {
      kind: "ASSIGNEE_CHANGED",
      from: ticket.assignee?.name ?? null,
      to: assignee?.name ?? null,
      body: assignee?.id ?? null,
    }),
  ];
  return ok(finish(ticket, actor, ctx, { assignee }, events));
};

/**
 * The read mark an agent leaves on the requester's latest message (who, in its event, and when),
 * or nothing when that message is already marked or there is none.
 */
const readMark = (
  ticket: Ticket,
  actor: Actor,
  now: Date,
): { patch: TicketPatch; events: NewTicketEvent[] } => {
  const last = ticket.requesterLastMessageAt;
  if (actor.kind !== "agent" || !last || (ticket.agentReadAt && ticket.agentReadAt >= last))
    return { patch: {}, events: [] };
  return { patch: { agentReadAt: now }, events: [event(actor, now, { kind: "AGENT_READ" })] };
};

/** A request to be contacted; asking again while one is pending changes nothing. */
export const decideContactRequest = (
  ticket: Ticket,
  actor: Actor,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (ticket.contactRequestedAt) return ok(finish(ticket, actor, ctx, {}, []));
  const events = [event(actor, ctx.now, { kind: "CONTACT_REQUESTED" })];
  return ok(finish(ticket, actor, ctx, { contactRequestedAt: ctx.now }, events));
};

/** An agent made the contact the requester asked for; the request is cleared and the requester told. */
export const decideContactDone = (
  ticket: Ticket,
  actor: Actor,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind === "requester") return err({ code: "FORBIDDEN", action: "contact_done" });
  if (!ticket.contactRequestedAt) return ok(finish(ticket, actor, ctx, {}, []));
  const read = readMark(ticket, actor, ctx.now);
  const events = [...read.events, event(actor, ctx.now, { kind: "CONTACT_DONE" })];
  return ok(finish(ticket, actor, ctx, { ...read.patch, contactRequestedAt: null }, events));
};

/** Records that support read the requester's latest message; silent when there is nothing new to mark. */
export const decideRead = (
  ticket: Ticket,
  actor: Actor,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind === "requester") return err({ code: "FORBIDDEN", action: "read" });
  const mark = readMark(ticket, actor, ctx.now);
  return ok(finish(ticket, actor, ctx, mark.patch, mark.events));
};

export const decideRating = (
  ticket: Ticket,
  actor: Actor,
  rating: { score: number; comment?: string | undefined },
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind !== "requester") return err({ code: "FORBIDDEN", action: "rate" });
  if (!isClosed(ticket.status)) return err({ code: "RATING_NOT_ALLOWED", reason: "NOT_CLOSED" });
  if (ticket.rating) return err({ code: "RATING_NOT_ALLOWED", reason: "ALREADY_RATED" });
  const comment = rating.comment || null;
  const events = [event(actor, ctx.now, { kind: "RATED", to: String(rating.score), body: comment })];
  return ok(finish(ticket, actor, ctx, { rating: { score: rating.score, comment } }, events));
};

/** Agents label tickets; the tags are kept sorted, at most `max`. */
export const decideTags = (
  ticket: Ticket,
  actor: Actor,
  change: { tags?: readonly string[] | undefined; add: readonly string[]; remove: readonly string[] },
  max: number,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind === "requester") return err({ code: "FORBIDDEN", action: "tags" });
  const base = new Set(change.tags ?? ticket.tags);
  for (const t of change.add) base.add(t);
  for (const t of change.remove) base.delete(t);
  const tags = [...base].sort();
  if (tags.length > max)
    return err({
      code: "VALIDATION_FAILED",
      issues: [{ field: "tags", problem: { code: "TOO_LONG", max, actual: tags.length } }],
    });
  if (tags.join(",") === ticket.tags.join(",")) return ok(finish(ticket, actor, ctx, {}, []));
  const events = [
    event(actor, ctx.now, {
      kind: "TAGS_CHANGED",
      from: ticket.tags.join(", ") || null,
      to: tags.join(", ") || null,
    }),
  ];
  return ok(finish(ticket, actor, ctx, { tags }, events));
};

/** Why a merge of `duplicate` into `target` is refused, or null when it may go ahead. */
const mergeRefusal = (duplicate: Ticket, target: Ticket): CoreError | null => {
  if (duplicate.id === target.id) return { code: "MERGE_NOT_ALLOWED", reason: "SAME_TICKET" };
  if (duplicate.mergedInto) return { code: "MERGE_NOT_ALLOWED", reason: "ALREADY_MERGED" };
  if (target.mergedInto) return { code: "MERGE_NOT_ALLOWED", reason: "TARGET_MERGED" };
  if (isClosed(target.status)) return { code: "MERGE_NOT_ALLOWED", reason: "TARGET_CLOSED" };
  return null;
};

/**
 * The duplicate's side of a merge: closed as solved (its requester is told which ticket to follow,
 * and asked for no rating), pointing at the target from now on.
 */
export const decideMergeInto = (
  duplicate: Ticket,
  actor: Actor,
  target: Ticket,
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: "merge" });
  const refused = mergeRefusal(duplicate, target);
  if (refused) return err(refused);
  const moved = isClosed(duplicate.status)
    ? ok({ patch: {}, events: [] })
    : moveTo(duplicate, "SOLVED", actor, ctx.now, ctx.slaTime);
  if (!moved.ok) return moved;
  const ref = formatTicketId(target.number);
  const events = [
    ...moved.value.events.map((e) => ({ ...e, body: MERGED_REASON })),
    event(actor, ctx.now, { kind: "MERGED_INTO", to: ref, body: target.id }),
  ];
  const patch: TicketPatch = { ...moved.value.patch, mergedInto: { id: target.id, number: target.number } };
  return ok(finish(duplicate, actor, ctx, patch, events));
};

/** A STATUS_CHANGED event's body when the ticket was closed by a merge. */
export const MERGED_REASON = "merged";

/** The target's side of a merge: one agents-only event listing the duplicate's messages, with its files. */
export const decideMergeFrom = (
  target: Ticket,
  actor: Actor,
  duplicate: Ticket,
  listing: { readonly body: string; readonly attachments: readonly AttachmentMeta[] },
  ctx: DecisionContext,
): Result<TicketChange, CoreError> => {
  if (actor.kind !== "agent") return err({ code: "FORBIDDEN", action: "merge" });
  if (target.mergedInto) return err({ code: "MERGE_NOT_ALLOWED", reason: "TARGET_MERGED" });
  const ref = formatTicketId(duplicate.number);
  const merged = event(actor, ctx.now, {
    kind: "MERGED_FROM",
    from: ref,
    body: listing.body,
    attachments: listing.attachments,
  });
  return ok(finish(target, actor, ctx, {}, [merged]));
};

/** Whether `duplicate` may be merged into `target` now (checked again under each ticket's lock). */
export const canMerge = (duplicate: Ticket, target: Ticket): Result<true, CoreError> => {
  const refused = mergeRefusal(duplicate, target);
  return refused ? err(refused) : ok(true);
};
