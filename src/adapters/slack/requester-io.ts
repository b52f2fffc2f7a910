import type { types } from "@slack/bolt";
import type { Lang } from "../../core/i18n/index.js";
import type { Result } from "../../core/shared/result.js";
import type { FileInput } from "../../core/ticket/commands.js";
import type { CoreError } from "../../core/ticket/errors.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import type { SlackDeps } from "./deps.js";
import { checkBeforeDownload, type SlackFile } from "./files.js";
import { slackCatalogues } from "./i18n/index.js";
import type { FormContext } from "./modal.js";
import type { RequesterView } from "./requester-views.js";
import { escapeMrkdwn } from "./text.js";

export const COMMAND = "/ticket";

/** The workspace a request came from. */
export interface Team {
  readonly id: string;
  readonly domain?: string | null;
}

/** An answer only the person sees (response_url). */
export type Respond = (message: {
  text: string;
  response_type?: "ephemeral";
  replace_original?: boolean;
  /** Block Kit blocks (a preview with its buttons); `text` stays the notification's text. */
  blocks?: readonly types.KnownBlock[];
}) => Promise<unknown>;

/** The DM message that starts a ticket's thread with its requester. */
export const dmRootText = (
  lang: Lang,
  ticket: { readonly number: number; readonly subject: string },
): string => {
  const t = slackCatalogues[lang].requester;
  return `${t.created(formatTicketId(ticket.number), escapeMrkdwn(ticket.subject))}\n${t.threadHint}`;
};

/** What the requesters' handlers share: the form's rules, files from Slack, and the DM with each person. */
export interface RequesterIo {
  form(lang: Lang): FormContext;
  view(requester: { lang: Lang; contact: { id: string } }): RequesterView;
  /** Files from Slack, checked on their metadata first, then downloaded with the bot token. */
  fetchFiles(files: readonly SlackFile[]): Promise<Result<FileInput[], CoreError>>;
  tellInDm(user: string, text: string, threadTs?: string): Promise<void>;
  /** Starts the DM thread a ticket opened on Slack is followed in. */
  startThread(
    user: string,
    ticket: { id: string; number: number; subject: string },
    lang: Lang,
  ): Promise<void>;
}

export const createRequesterIo = (
  deps: SlackDeps,
  openDm: (user: string) => Promise<string>,
): RequesterIo => {
  const client = deps.clients.interactive;
  return {
    form: (lang) => ({
      lang,
      taxonomy: deps.taxonomy,
      rules: {
        maxFiles: deps.shared.attachments.maxFiles,
        maxBytes: deps.shared.attachments.maxBytes,
        types: deps.shared.attachments.allowedTypes,
      },
    }),

    view: (requester) => ({
      lang: requester.lang,
      timeZone: deps.shared.timeZone,
      taxonomy: deps.taxonomy,
      contactId: requester.contact.id,
    }),

    async fetchFiles(files) {
      const rules = {
        maxFiles: deps.shared.attachments.maxFiles,
        maxBytes: deps.shared.attachments.maxBytes,
      };
      const checked = checkBeforeDownload(files, rules);
      return checked.ok ? deps.files.download(checked.value) : checked;
    },

    async tellInDm(user, text, threadTs) {
      const channel = await openDm(user);
      await client.chat.postMessage({ channel, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
    },

    async startThread(user, ticket, lang) {
      const channel = await openDm(user);
      const answer = await client.chat.postMessage({ channel, text: dmRootText(lang, ticket) });
      await deps.threads.setRef(ticket.id, "dm", { channel, ts: String(answer.ts) });
    },
  };
};
