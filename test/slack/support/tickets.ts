import { actorOf, identityOf } from "../../../src/core/ticket/requester-of.js";
import { formatTicketId } from "../../../src/core/ticket/ticket-ref.js";
import { AGENTS, eventually, type SlackTestService } from "./slack-service.js";

/** A Telegram supplier's ticket, opened through the core as the chat flow would, and its root in the agents' channel. */
export const supplierTicket = async (
  t: SlackTestService,
  userId: number,
  subject: string,
  department = "technical",
) => {
  const { directory, service } = t.service.core;
  const contact = await directory.ensureContact({
    channel: "TELEGRAM",
    platformUserId: String(userId),
    displayName: `Supplier ${userId}`,
    organization: { key: `contact:TELEGRAM:${userId}`, name: `Supplier ${userId}` },
    registered: false,
    locale: "en",
  });
  const created = await service.create(actorOf(contact), identityOf(contact), {
    subject,
    department,
    priority: "MEDIUM",
    type: "support",
    message: `About: ${subject}`,
  });
  if (!created.ok) throw new Error(`ticket not created: ${JSON.stringify(created.error)}`);
  const ticket = created.value.ticket;
  await eventually(
    () => t.slack.messages(AGENTS).some((m) => m.text.startsWith(formatTicketId(ticket.number))),
    "the root message",
  );
  const root = t.slack.messages(AGENTS).find((m) => m.text.startsWith(formatTicketId(ticket.number)))!;
  // The sender records the root right after Slack answers; replies in its thread are matched by it.
  await eventually(async () => (await t.link(ticket.number, "agents"))?.ts === root.ts, "the thread ref");
  return { ticket, ref: formatTicketId(ticket.number), root, chatId: userId };
};
