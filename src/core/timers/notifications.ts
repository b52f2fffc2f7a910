import { agentsChannel, type DeliveryTargets, draft, requesterChannel, summarize } from "../outbox/drafts.js";
import type { OutboxDraft } from "../outbox/outbox-draft.js";
import type { Ticket } from "../ticket/ticket.js";
import { type AutoClosePolicy, closesAt } from "./auto-close.js";
import type { SlaAlert } from "./sla.js";

const SYSTEM_NAME = "chamado";

/** The reminder that a ticket waiting on the requester will close; one per wait, keyed by when the wait began. */
export const reminderDrafts = (
  ticket: Ticket,
  now: Date,
  policy: AutoClosePolicy,
  targets: DeliveryTargets,
): OutboxDraft[] => {
  const channel = requesterChannel(targets, ticket);
  if (!channel) return [];
  const key = `${ticket.id}:wait${ticket.statusChangedAt.getTime()}:auto_close_reminder:requester`;
  const payload = {
    ticket: summarize(ticket),
    actorName: SYSTEM_NAME,
    at: now.toISOString(),
    audience: "requester" as const,
    contactId: ticket.requester.contactId,
    kind: "auto_close_reminder" as const,
    closesAt: closesAt(ticket, policy).toISOString(),
  };
  return [draft(ticket, channel, key, payload, now)];
};

/**
 * An SLA alert in the agents' channel; one per ticket, clock and level. When it escalates, a second
 * item carries the escalation's other steps, so each step is delivered (and retried) on its own.
 */
export const slaAlertDrafts = (
  ticket: Ticket,
  alert: SlaAlert,
  now: Date,
  targets: DeliveryTargets,
  escalate = false,
): OutboxDraft[] => {
  const channel = agentsChannel(targets);
  if (!channel) return [];
  const payload = {
    ticket: summarize(ticket),
    actorName: SYSTEM_NAME,
    at: now.toISOString(),
    audience: "agents" as const,
    kind: "sla_alert" as const,
    clock: alert.clock,
    level: alert.level,
    targetMinutes: Math.max(1, Math.round(alert.targetMs / 60_000)),
    dueAt: alert.dueAt.toISOString(),
    escalate,
  };
  const base = `${ticket.id}:sla:${alert.clock}:${alert.level}`;
  const alerted = draft(ticket, channel, `${base}:agents`, payload, now);
  if (!escalate) return [alerted];
  const { escalate: _, ...fields } = payload;
  const escalation = { ...fields, kind: "sla_escalation" as const };
  return [alerted, draft(ticket, channel, `${base}:escalation:agents`, escalation, now)];
};
