import type { AuditActor, AuditDoor, AuditLog } from "../ports/audit-log.js";
import type { Clock } from "../ports/clock.js";
import type { Actor } from "../ticket/ticket.js";
import type { ContactAccess } from "./invitations.js";

/** The door and the kind of actor, read from the prefix every door puts on its agents' ids. */
const whoAndWhere = (actor: Actor): { actor: AuditActor; door: AuditDoor } => {
  if (actor.kind !== "agent")
    return { actor: { kind: "system", id: "system", name: "system" }, door: "system" };
  const [prefix] = actor.id.split(":", 1);
  const seen = { id: actor.id, name: actor.name };
  switch (prefix) {
    case "api":
      return { actor: { kind: "api_key", ...seen }, door: "api" };
    case "cli":
      return { actor: { kind: "operator", ...seen }, door: "cli" };
    case "slack":
      return { actor: { kind: "agent", ...seen }, door: "slack" };
    case "web":
      return { actor: { kind: "agent", ...seen }, door: "console" };
    default:
      return { actor: { kind: "agent", ...seen }, door: "system" };
  }
};

/**
 * Invitations and (de)activations leave an audit entry once they succeeded: who invited whom into
 * which organization, who switched a contact off or on, and who redeemed a code on which channel.
 * Entries hold ids only, never the invited person's name.
 */
export const auditedContactAccess = (
  access: ContactAccess,
  audit: AuditLog,
  clock: Clock,
): ContactAccess => ({
  async invite(actor, input) {
    const result = await access.invite(actor, input);
    if (result.ok) {
      const organization =
        typeof input === "object" && input !== null && "organization" in input
          ? String((input as { organization?: { key?: unknown } }).organization?.key ?? "")
          : "";
      await audit.record({
        at: clock.now(),
        ...whoAndWhere(actor),
        action: "contact.invited",
        target: { kind: "organization", id: organization },
        detail: { invitation: result.value.id, channel: result.value.channel },
      });
    }
    return result;
  },
  async activate(who, code) {
    const result = await access.activate(who, code);
    if (result.ok) {
      await audit.record({
        at: clock.now(),
        actor: { kind: "requester", id: result.contact.id, name: "contact" },
        door: who.channel === "TELEGRAM" ? "telegram" : who.channel === "WHATSAPP" ? "whatsapp" : "system",
        action: "contact.registered",
        target: { kind: "contact", id: result.contact.id },
        detail: { by: "invitation" },
      });
    }
    return result;
  },
  async setOrgAdmin(actor, contactId, admin) {
    const result = await access.setOrgAdmin(actor, contactId, admin);
    if (result.ok && result.value) {
      await audit.record({
        at: clock.now(),
        ...whoAndWhere(actor),
        action: "contact.role_changed",
        target: { kind: "contact", id: contactId },
        detail: { role: result.value.person.role },
      });
    }
    return result;
  },
  async setActive(actor, contactId, active) {
    const result = await access.setActive(actor, contactId, active);
    if (result.ok && result.value) {
      await audit.record({
        at: clock.now(),
        ...whoAndWhere(actor),
        action: active ? "contact.reactivated" : "contact.deactivated",
        target: { kind: "contact", id: contactId },
      });
    }
    return result;
  },
});
