import { actorOf, identityOf } from "../../../src/core/ticket/requester-of.js";
import { formatTicketId } from "../../../src/core/ticket/ticket-ref.js";
import type { Person } from "../../../testkit/telegram-updates.js";
import { AGENT, type TelegramTestService } from "./telegram-service.js";

/** A person who already wrote to the bot, with one open ticket (opened by chat in the transcripts). */
export const ticketFor = async (
  t: TelegramTestService,
  person: Person,
  subject = "Nota fiscal rejeitada",
) => {
  const { directory, service } = t.service.core;
  const contact = await directory.ensureContact({
    channel: "TELEGRAM",
    platformUserId: String(person.userId),
    displayName: person.firstName,
    organization: { key: `contact:TELEGRAM:${person.userId}`, name: person.firstName },
    registered: false,
    locale: person.languageCode,
  });
  const created = await service.create(actorOf(contact), identityOf(contact), {
    subject,
    department: "technical",
    priority: "HIGH",
    type: "incident",
    message: "A SEFAZ rejeita a nota 1234.",
  });
  if (!created.ok) throw new Error(`could not open a ticket: ${JSON.stringify(created.error)}`);
  return { contact, ticket: created.value.ticket, ref: formatTicketId(created.value.ticket.number) };
};

export const agentReply = async (
  t: TelegramTestService,
  ref: string,
  message: string,
  files: { fileName: string; bytes: Uint8Array }[] = [],
) => {
  const done = await t.service.core.service.reply(AGENT, ref, { message, attachments: files });
  if (!done.ok) throw new Error(`agent reply refused: ${JSON.stringify(done.error)}`);
  t.service.worker.wake();
};

export const setStatus = async (t: TelegramTestService, ref: string, status: string) => {
  const done = await t.service.core.service.changeStatus(AGENT, ref, { status });
  if (!done.ok) throw new Error(`status change refused: ${JSON.stringify(done.error)}`);
  t.service.worker.wake();
};
