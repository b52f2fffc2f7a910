import type { TicketChange } from "../ports/ticket-repository.js";
import { actorRef, applyPatch, type NotificationPolicy } from "../ticket/decisions.js";
import type { Actor, NewTicketEvent, Ticket } from "../ticket/ticket.js";
import type { OutboxItem } from "./delivery.js";

const SYSTEM: Actor = { kind: "system" };

/** The event source key of an item's failure: recording it twice (a worker crashed midway) writes once. */
export const deliveryFailureKey = (item: Pick<OutboxItem, "key">): string => `delivery-failed:${item.key}`;

/**
 * Records on the ticket that a notification could not be delivered: a DELIVERY_FAILED event
 * (channel in `from`, item kind in `to`, reason in `body`) whose notifications let agents know.
 */
export const decideDeliveryFailed = (
  ticket: Ticket,
  item: Pick<OutboxItem, "key" | "channel" | "kind">,
  reason: string,
  ctx: { readonly now: Date; readonly notify: NotificationPolicy },
): TicketChange => {
  const event: NewTicketEvent = {
    kind: "DELIVERY_FAILED",
    actor: actorRef(SYSTEM),
    body: reason,
    from: item.channel,
    to: item.kind,
    createdAt: ctx.now,
    sourceKey: deliveryFailureKey(item),
  };
  const after = applyPatch(ticket, {}, ctx.now);
  return {
    patch: {},
    events: [event],
    outbox: ctx.notify({ before: ticket, after, events: [event], actor: SYSTEM }),
  };
};
