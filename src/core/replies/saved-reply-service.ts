import { type Lang, langFromLocale } from "../i18n/lang.js";
import type { Clock } from "../ports/clock.js";
import type { DirectoryRepository } from "../ports/directory.js";
import type { SavedReplyRepository } from "../ports/saved-replies.js";
import { err, ok, type Result } from "../shared/result.js";
import type { CoreError } from "../ticket/errors.js";
import type { TicketService } from "../ticket/service.js";
import type { TicketStatus } from "../ticket/status.js";
import { labelOf, type Taxonomy } from "../ticket/taxonomy.js";
import type { Actor, Ticket } from "../ticket/ticket.js";
import { formatTicketId } from "../ticket/ticket-ref.js";
import { validate } from "../ticket/validation.js";
import { fillVariables, type SavedReply, savedReplyInput, servesDepartment, textIn } from "./saved-reply.js";

export interface SavedReplyServiceDeps {
  readonly replies: SavedReplyRepository;
  /** The ticket use cases a saved reply is sent through: the same checks, grace period and outbox as a typed reply. */
  readonly tickets: TicketService;
  readonly directory: Pick<DirectoryRepository, "findContactById">;
  readonly taxonomy: Taxonomy;
  readonly defaultLang: Lang;
  readonly clock: Clock;
}

/** A saved reply filled in for one ticket, in its requester's language, before it is sent. */
export interface SavedReplyPreview {
  readonly ticket: Ticket;
  readonly reply: SavedReply;
  readonly lang: Lang;
  readonly text: string;
  readonly status: TicketStatus | null;
}

/** Saved replies: managed and used by agents only, from every door. */
export interface SavedReplyService {
  /** Every saved reply, or those a department's tickets may use. */
  list(actor: Actor, filter?: { readonly department?: string }): Promise<Result<SavedReply[], CoreError>>;
  save(actor: Actor, input: unknown): Promise<Result<SavedReply, CoreError>>;
  remove(actor: Actor, name: string): Promise<Result<SavedReply, CoreError>>;
  preview(actor: Actor, ref: string, name: string): Promise<Result<SavedReplyPreview, CoreError>>;
  /** Sends the filled-in text as the agent's reply (and moves the ticket to the reply's status). */
  send(
    actor: Actor,
    ref: string,
    name: string,
    options?: { readonly sourceKey?: string },
  ): Promise<Result<{ ticket: Ticket; preview: SavedReplyPreview }, CoreError>>;
}

const forbidden = (action: string): Result<never, CoreError> => err({ code: "FORBIDDEN", action });

export const createSavedReplyService = (deps: SavedReplyServiceDeps): SavedReplyService => {
  const schema = savedReplyInput(deps.taxonomy);
  const missing = (name: string): Result<never, CoreError> =>
    err({ code: "SAVED_REPLY_NOT_FOUND", name: name.slice(0, 40) });

  const langOf = async (ticket: Ticket): Promise<Lang> => {
    const contact = await deps.directory.findContactById(ticket.requester.contactId);
    return langFromLocale(contact?.locale) ?? deps.defaultLang;
  };

  const preview = async (
    actor: Actor,
    ref: string,
    name: string,
  ): Promise<Result<SavedReplyPreview, CoreError>> => {
    if (actor.kind !== "agent") return forbidden("saved_reply");
    const found = await deps.tickets.detail(actor, ref);
    if (!found.ok) return found;
    const { ticket } = found.value;
    const reply = await deps.replies.find(name.trim().toLowerCase());
    if (!reply || !servesDepartment(reply, ticket.department)) return missing(name);
    const chosen = textIn(reply, await langOf(ticket));
    const text = fillVariables(chosen.text, {
      requester_name: ticket.requester.displayName,
      ticket_id: formatTicketId(ticket.number),
      subject: ticket.subject,
      agent_name: actor.name,
      department: labelOf(deps.taxonomy.departments, ticket.department, chosen.lang),
    });
    return ok({ ticket, reply, lang: chosen.lang, text, status: reply.status });
  };

  return {
    async list(actor, filter = {}) {
      if (actor.kind !== "agent") return forbidden("saved_reply");
      const all = await deps.replies.list();
      const department = filter.department;
      return ok(department ? all.filter((r) => servesDepartment(r, department)) : all);
    },

    async save(actor, input) {
      if (actor.kind !== "agent") return forbidden("saved_reply");
      const command = validate(schema, input);
      if (!command.ok) return command;
      const { name, department, texts, status } = command.value;
      const cleanTexts = Object.fromEntries(
        Object.entries(texts).filter(([, v]) => v),
      ) as SavedReply["texts"];
      return ok(
        await deps.replies.save({
          name,
          department,
          texts: cleanTexts,
          status,
          updatedAt: deps.clock.now(),
          updatedBy: actor.name,
        }),
      );
    },

    async remove(actor, name) {
      if (actor.kind !== "agent") return forbidden("saved_reply");
      const key = name.trim().toLowerCase();
      const found = await deps.replies.find(key);
      if (!found || !(await deps.replies.remove(key))) return missing(name);
      return ok(found);
    },

    preview,

    async send(actor, ref, name, options = {}) {
      const filled = await preview(actor, ref, name);
      if (!filled.ok) return filled;
      const sent = await deps.tickets.reply(actor, ref, {
        message: filled.value.text,
        ...(filled.value.status ? { status: filled.value.status } : {}),
        ...(options.sourceKey ? { sourceKey: options.sourceKey } : {}),
      });
      return sent.ok ? ok({ ticket: sent.value, preview: filled.value }) : sent;
    },
  };
};
