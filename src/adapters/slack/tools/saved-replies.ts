import { randomUUID } from "node:crypto";
import { catalogues } from "../../../core/i18n/index.js";
import type { CoreError } from "../../../core/ticket/errors.js";
import type { Actor } from "../../../core/ticket/ticket.js";
import { formatTicketId, parseTicketRef } from "../../../core/ticket/ticket-ref.js";
import { agentActor, agentLang, type SlackDeps } from "../deps.js";
import { slackCatalogues } from "../i18n/index.js";
import { slackToolsCatalogues } from "../i18n/tools.js";
import { COMMAND, type Respond } from "../requester-io.js";
import { escapeMrkdwn, mention, quote } from "../text.js";
import {
  manageErrors,
  manageModal,
  parsePreviewValue,
  pickModal,
  previewMessage,
  readManage,
  readPick,
} from "./saved-reply-views.js";

type StateValues = Parameters<typeof readManage>[0];

/** Where a message shortcut was used: a message of a ticket's thread (or its root). */
export interface ShortcutOrigin {
  readonly user: string;
  readonly triggerId: string;
  readonly channel: string;
  readonly messageTs: string;
  readonly threadTs: string | undefined;
}

/**
 * Saved replies from Slack: `/ticket reply-with NAME TKT-…` and the message shortcut preview a
 * saved reply filled in for the ticket (only to the agent), Send puts it through the ticket
 * service like a typed reply (grace period, outbox); `/ticket saved-replies` manages them in a form.
 */
export interface SavedReplyHandlers {
  /** Handles `/ticket reply-with …` and `/ticket saved-replies …`; false for any other command. */
  command(input: { text: string; user: string; triggerId: string }, respond: Respond): Promise<boolean>;
  shortcut(origin: ShortcutOrigin): Promise<void>;
  /** The pick form was submitted: the preview goes to the agent in the ticket's thread. */
  picked(input: { user: string; privateMetadata: string; values: StateValues }): Promise<void>;
  /** The manage form was submitted; field errors keep it open. */
  manage(input: { user: string; values: StateValues }): Promise<Record<string, string> | null>;
  choice(
    choice: "send" | "cancel",
    input: { user: string; value: string | undefined },
    respond: Respond,
  ): Promise<void>;
}

const ephemeral = (text: string) => ({ response_type: "ephemeral" as const, replace_original: false, text });
const VERB = /^(reply-with|responder-com|saved-replies|respostas-salvas)$/i;

export const createSavedReplyHandlers = (deps: SlackDeps): SavedReplyHandlers => {
  const client = deps.clients.interactive;
  const lang = () => agentLang(deps);
  const words = () => slackToolsCatalogues[lang()].savedReplies;
  const tools = () => deps.tools.savedReplies;
  const refusal = (error: CoreError) =>
    slackCatalogues[lang()].thread.refused(escapeMrkdwn(catalogues[lang()].error(error)));
  const asAgent = async (user: string): Promise<Actor | null> =>
    (await deps.access.isAgent(user)) ? agentActor(user, (await deps.people.get(user)).name) : null;
  const notAgent = () => slackCatalogues[lang()].thread.notAgent;

  const preview = async (actor: Actor, ref: string, name: string) => {
    const shown = await tools().preview(actor, ref, name);
    return shown.ok ? { ok: true as const, ...previewMessage(shown.value, lang(), randomUUID()) } : shown;
  };

  const manageCommand = async (actor: Actor, args: string[], triggerId: string, respond: Respond) => {
    const [first, second] = args;
    if (first === "list") {
      const listed = await tools().list(actor);
      if (!listed.ok) return void (await respond(ephemeral(refusal(listed.error))));
      const lines = listed.value.map(
        (r) =>
          `• *${r.name}* (${r.department ?? "*"}${r.status ? `, ${r.status}` : ""}): ${escapeMrkdwn((r.texts[lang()] ?? Object.values(r.texts)[0] ?? "").slice(0, 80))}`,
      );
      return void (await respond(ephemeral(words().list(lines))));
    }
    if (first === "delete" && second) {
      const removed = await tools().remove(actor, second);
      return void (await respond(
        ephemeral(removed.ok ? words().deleted(removed.value.name) : refusal(removed.error)),
      ));
    }
    const current = first ? await findNamed(actor, first) : null;
    await client.views.open({ trigger_id: triggerId, view: manageModal(deps.taxonomy, lang(), current) });
  };

  const findNamed = async (actor: Actor, name: string) => {
    const listed = await tools().list(actor);
    return listed.ok ? (listed.value.find((r) => r.name === name.toLowerCase()) ?? null) : null;
  };

  /** Posts the preview to the agent alone, in the ticket's thread. */
  const postPreview = async (actor: Actor, user: string, ticketNumber: number, name: string) => {
    const ref = formatTicketId(ticketNumber);
    const ticket = await deps.service.detail(actor, ref);
    const root = ticket.ok ? await deps.threads.ref(ticket.value.ticket.id, "agents") : null;
    const shown = await preview(actor, ref, name);
    const text = shown.ok ? shown.text : refusal(shown.error);
    if (!root) return;
    await client.chat.postEphemeral({
      channel: root.channel,
      user,
      thread_ts: root.ts,
      text,
      ...(shown.ok ? { blocks: shown.blocks } : {}),
    });
  };

  return {
    async command(input, respond) {
      const [verb = "", ...args] = input.text.trim().split(/\s+/);
      if (!VERB.test(verb)) return false;
      const actor = await asAgent(input.user);
      if (!actor) {
        await respond(ephemeral(notAgent()));
        return true;
      }
      if (/^(saved-replies|respostas-salvas)$/i.test(verb)) {
        await manageCommand(actor, args, input.triggerId, respond);
        return true;
      }
      const [name, ticket] = args;
      const number = ticket ? parseTicketRef(ticket) : null;
      if (!name || number === null) {
        await respond(ephemeral(words().usage(COMMAND)));
        return true;
      }
      const shown = await preview(actor, formatTicketId(number), name);
      await respond(
        shown.ok
          ? { response_type: "ephemeral", text: shown.text, blocks: shown.blocks }
          : ephemeral(refusal(shown.error)),
      );
      return true;
    },

    async shortcut(origin) {
      const actor = await asAgent(origin.user);
      const tell = (text: string) =>
        client.chat.postEphemeral({
          channel: origin.channel,
          user: origin.user,
          text,
          ...(origin.threadTs ? { thread_ts: origin.threadTs } : {}),
        });
      if (!actor) return void (await tell(notAgent()));
      const ticket = await deps.threads.findByThread("agents", {
        channel: origin.channel,
        ts: origin.threadTs ?? origin.messageTs,
      });
      if (!ticket) return void (await tell(words().notATicketThread));
      const found = await deps.service.detail(actor, formatTicketId(ticket.number));
      if (!found.ok) return void (await tell(refusal(found.error)));
      const listed = await tools().list(actor, { department: found.value.ticket.department });
      await client.views.open({
        trigger_id: origin.triggerId,
        view: pickModal(listed.ok ? listed.value : [], ticket.number, lang()),
      });
    },

    async picked(input) {
      const actor = await asAgent(input.user);
      const name = readPick(input.values);
      if (!actor || !name || !/^\d{1,9}$/.test(input.privateMetadata)) return;
      await postPreview(actor, input.user, Number(input.privateMetadata), name);
    },

    async manage(input) {
      const actor = await asAgent(input.user);
      if (!actor) return { name: notAgent() };
      const saved = await tools().save(actor, readManage(input.values));
      if (!saved.ok)
        return saved.error.code === "VALIDATION_FAILED"
          ? manageErrors(saved.error.issues, lang())
          : { name: catalogues[lang()].error(saved.error) };
      await client.chat
        .postMessage({ channel: input.user, text: words().saved(saved.value.name) })
        .catch((error: unknown) =>
          deps.logger.warn({ err: error }, "slack: saved reply confirmation not sent"),
        );
      return null;
    },

    async choice(choice, input, respond) {
      const chosen = parsePreviewValue(input.value);
      const actor = chosen ? await asAgent(input.user) : null;
      if (!chosen || !actor) return void (await respond(ephemeral(notAgent())));
      if (choice === "cancel") return void (await respond({ replace_original: true, text: words().dropped }));
      const ref = formatTicketId(chosen.ticketNumber);
      const sent = await tools().send(actor, ref, chosen.name, {
        sourceKey: `slack:saved-reply:${chosen.nonce}`,
      });
      if (!sent.ok) return void (await respond({ replace_original: true, text: refusal(sent.error) }));
      // The thread keeps what was sent, as a typed reply would be there.
      const root = await deps.threads.ref(sent.value.ticket.id, "agents");
      if (root)
        await client.chat.postMessage({
          channel: root.channel,
          thread_ts: root.ts,
          text: `${words().threadLine(mention(actor.kind === "agent" ? actor : { id: "", name: "" }), chosen.name)}\n${quote(escapeMrkdwn(sent.value.preview.text))}`,
        });
      await respond({
        replace_original: true,
        text: words().sent(ref, Math.round(deps.shared.replyGraceMs / 1000)),
      });
    },
  };
};
