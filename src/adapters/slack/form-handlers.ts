import { accessCatalogues } from "../../core/i18n/access-catalogue.js";
import { catalogues, conversationCatalogues } from "../../core/i18n/index.js";
import { err } from "../../core/shared/result.js";
import type { SlackDeps } from "./deps.js";
import { type SlackFile, slackFile } from "./files.js";
import { slackCatalogues } from "./i18n/index.js";
import { ACTION } from "./ids.js";
import { articleLines, recordForm, suggestArticles } from "./kb-suggestions.js";
import { slackKbText } from "./kb-text.js";
import {
  loadingModal,
  type ModalSubmission,
  readSubmission,
  submissionErrors,
  ticketModal,
} from "./modal.js";
import type { RequesterIo, Team } from "./requester-io.js";
import type { Requesters } from "./requesters.js";
import { escapeMrkdwn, plainFromSlack } from "./text.js";

type Found = { text?: string; files?: unknown[] };

const sourceOf = (value: string | undefined): { channel: string; ts: string } | null => {
  try {
    const parsed = JSON.parse(value ?? "") as { channel?: unknown; ts?: unknown };
    return typeof parsed.channel === "string" && typeof parsed.ts === "string"
      ? { channel: parsed.channel, ts: parsed.ts }
      : null;
  } catch {
    return null;
  }
};

/** The ticket form: opened by /ticket, the Home button or a :ticket: reaction; checked; turned into a ticket. */
/** The ticket form: opening it, checking and creating a submission, and opening it from a marked message. */
export interface FormHandlers {
  openForm(triggerId: string, user: string): Promise<void>;
  /** Checks a submitted form; `errors` null when it may close (the ticket is then made by `create`). */
  check(
    rawView: unknown,
    user: string,
  ): Promise<{ submission: ModalSubmission | null; errors: Record<string, string> | null }>;
  /** After the form closed: files fetched and checked, the ticket created, its DM thread started. */
  create(submission: ModalSubmission, user: string, team: Team): Promise<void>;
  /** :ticket: on a message: reaction events carry no trigger to open a form with, so a button does. */
  offerFromReaction(input: { user: string; channel: string; ts: string }): Promise<void>;
  /** Opens a loading form at once (the trigger expires in 3 s), then fills it from the marked message. */
  openFromMessage(triggerId: string, user: string, value: string | undefined): Promise<void>;
}

export const createFormHandlers = (
  deps: SlackDeps,
  requesters: Requesters,
  io: RequesterIo,
): FormHandlers => {
  const client = deps.clients.interactive;

  const fileInfo = async (id: string): Promise<SlackFile | null> => {
    const answer = (await client.files.info({ file: id })) as { file?: unknown };
    const parsed = slackFile.safeParse(answer.file);
    return parsed.success ? parsed.data : null;
  };

  /** The message a reaction marked, wherever it is: the channel, or a thread (not in the channel's history). */
  const fetchMessage = async (channel: string, ts: string): Promise<Found | null> => {
    type Messages = { messages?: (Found & { ts?: string })[] };
    const range = { channel, latest: ts, inclusive: true, limit: 1 };
    const inHistory = (await client.conversations.history({ ...range, oldest: ts })) as Messages;
    const found = inHistory.messages?.find((m) => m.ts === ts);
    if (found) return found;
    const inThread = (await client.conversations.replies({ ...range, ts })) as Messages;
    return inThread.messages?.find((m) => m.ts === ts) ?? null;
  };

  const openForm = async (triggerId: string, user: string): Promise<void> => {
    const lang = await requesters.quickLang(user);
    await client.views.open({ trigger_id: triggerId, view: ticketModal(io.form(lang)) });
  };

  const createTicket = async (submission: ModalSubmission, user: string, team: Team): Promise<void> => {
    const requester = await requesters.resolve(user, team);
    // Refused before any file is fetched: a deactivated contact's form leaves nothing behind.
    if (requester.contact.deactivatedAt)
      return io.tellInDm(user, accessCatalogues[requester.lang].deactivated);
    const fromMessage = (await Promise.all(submission.origin.files.map((f) => fileInfo(f.id)))).filter(
      (f) => f !== null,
    );
    const files = await io.fetchFiles([...fromMessage, ...submission.uploaded]);
    const created = files.ok
      ? await deps.service.create(requester.actor, requester.identity, {
          ...submission.fields,
          attachments: files.value,
          sourceKey: `slack:view:${submission.viewId}`,
        })
      : err(files.error);
    if (!created.ok) {
      const reason = escapeMrkdwn(catalogues[requester.lang].error(created.error));
      return io.tellInDm(user, slackCatalogues[requester.lang].requester.notCreated(reason));
    }
    if (!created.value.created) return;
    await io.startThread(user, created.value.ticket, requester.lang);
    const now = deps.clock.now();
    await recordForm(
      deps.knowledge,
      submission.viewId,
      "TICKET_AFTER",
      submission.origin.suggested ?? [],
      now,
    );
    // The confirmation points at the articles the subject matches, for while the team answers.
    const articles = await suggestArticles(deps.knowledge, requester.lang, submission.fields.subject);
    if (articles.length > 0)
      await io.tellInDm(
        user,
        `${escapeMrkdwn(slackKbText[requester.lang].afterCreated)}\n${articleLines(articles)}`,
      );
  };

  return {
    openForm,

    async check(rawView, user) {
      const submission = readSubmission(rawView);
      if (!submission) return { submission: null, errors: null };
      const lang = await requesters.quickLang(user);
      return { submission, errors: submissionErrors(submission, io.form(lang)) };
    },

    async create(submission, user, team) {
      try {
        await createTicket(submission, user, team);
      } catch (error) {
        // The form is already closed: the person hears of the failure in their DM with the bot.
        const lang = await requesters.quickLang(user);
        const failed = conversationCatalogues[lang].session.failed;
        await io.tellInDm(user, slackCatalogues[lang].requester.notCreated(failed)).catch(() => undefined);
        throw error;
      }
    },

    async offerFromReaction(input) {
      const t = slackCatalogues[await requesters.quickLang(input.user)].requester;
      const button = {
        type: "button" as const,
        action_id: ACTION.openFromMessage,
        text: { type: "plain_text" as const, text: t.reactionButton },
        value: JSON.stringify({ channel: input.channel, ts: input.ts }),
      };
      await client.chat.postEphemeral({
        channel: input.channel,
        user: input.user,
        text: t.reactionOffer,
        blocks: [
          { type: "section", text: { type: "plain_text", text: t.reactionOffer } },
          { type: "actions", elements: [button] },
        ],
      });
    },

    async openFromMessage(triggerId, user, value) {
      const source = sourceOf(value);
      const lang = await requesters.quickLang(user);
      const opened = (await client.views.open({ trigger_id: triggerId, view: loadingModal(lang) })) as {
        view?: { id?: string };
      };
      const viewId = opened.view?.id;
      if (!viewId) return;
      const message = source ? await fetchMessage(source.channel, source.ts) : null;
      if (!source || !message) {
        await client.views.update({ view_id: viewId, view: ticketModal(io.form(lang)) });
        return;
      }
      const text = plainFromSlack(message.text ?? "").trim();
      const files = (message.files ?? []).flatMap((f) => {
        const parsed = slackFile.safeParse(f);
        return parsed.success ? [{ id: parsed.data.id, name: parsed.data.name || parsed.data.id }] : [];
      });
      const prefill = {
        subject: text.split("\n")[0] ?? "",
        message: text,
        files: files.slice(0, deps.shared.attachments.maxFiles),
        source,
      };
      await client.views.update({ view_id: viewId, view: ticketModal(io.form(lang), prefill) });
    },
  };
};
