import {
  conversationCatalogues,
  type Lang,
  langFromLocale,
  noticeCatalogues,
} from "../../core/i18n/index.js";
import { permanentFailure, type SendOutcome, sent } from "../../core/outbox/delivery.js";
import type { PayloadOf, RequesterNotice } from "../../core/outbox/payloads.js";
import { requesterNotice } from "../../core/outbox/requester-notice.js";
import type { ContactRecord } from "../../core/ports/directory.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import type { SlackDeps } from "./deps.js";
import { uploadFiles } from "./files.js";
import { slackCatalogues } from "./i18n/index.js";
import { ACTION } from "./ids.js";
import { dmRootText } from "./requester-io.js";
import { escapeMrkdwn } from "./text.js";
import type { SlackMessageRef } from "./threads.js";

export type RequesterPayload = RequesterNotice;
type TicketNotice = Exclude<RequesterPayload, { kind: "conversation.expired" | "file_copy" }>;

/** The DM channel with a person, opened once and remembered (it never changes). */
export const createDmOpener = (deps: Pick<SlackDeps, "clients">) => {
  const channels = new Map<string, string>();
  return async (user: string): Promise<string> => {
    const known = channels.get(user);
    if (known) return known;
    const answer = (await deps.clients.delivery.conversations.open({ users: user })) as {
      channel?: { id?: string };
    };
    const id = answer.channel?.id;
    if (!id) throw new Error("conversations.open returned no channel");
    channels.set(user, id);
    return id;
  };
};

const ratingBlocks = (payload: PayloadOf<"rating_request">, lang: Lang) => {
  const t = conversationCatalogues[lang].rating;
  const text = escapeMrkdwn(t.ask(formatTicketId(payload.ticket.number), payload.ticket.subject));
  return {
    text,
    blocks: [
      { type: "section" as const, text: { type: "mrkdwn" as const, text } },
      {
        type: "actions" as const,
        elements: t.scoreNames.map((name, i) => ({
          type: "button" as const,
          action_id: `${ACTION.rate}_${i + 1}`,
          text: { type: "plain_text" as const, text: `${i + 1} · ${name}` },
          value: `${payload.ticket.number}:${i + 1}`,
        })),
      },
    ],
  };
};

/**
 * Notifications to requesters who are on Slack themselves: each ticket has its DM thread with the
 * bot, where agents' replies (with their files), status changes and the rating request arrive.
 */
export const createRequesterDeliveries = (deps: SlackDeps, openDm: (user: string) => Promise<string>) => {
  const client = deps.clients.delivery;
  const langOf = (contact: ContactRecord): Lang => langFromLocale(contact.locale) ?? deps.shared.defaultLang;

  /** The ticket's DM thread, started now when the ticket began elsewhere (the API, an agent). */
  const thread = async (payload: TicketNotice, dm: string, lang: Lang): Promise<SlackMessageRef> => {
    const known = await deps.threads.ref(payload.ticket.id, "dm");
    if (known) return known;
    const answer = await client.chat.postMessage({ channel: dm, text: dmRootText(lang, payload.ticket) });
    const root = { channel: dm, ts: String(answer.ts) };
    await deps.threads.setRef(payload.ticket.id, "dm", root);
    return root;
  };

  const noticeText = (payload: TicketNotice, lang: Lang): string => {
    if (payload.kind === "agent_reply") {
      const notice = noticeCatalogues[lang];
      return [
        notice.agentReply(formatTicketId(payload.ticket.number), escapeMrkdwn(payload.actorName)),
        ...(payload.body ? [escapeMrkdwn(payload.body)] : []),
        ...(payload.attachments.length > 0 ? [notice.filesAttached(payload.attachments.length)] : []),
        "",
        slackCatalogues[lang].requester.replyHint,
      ].join("\n");
    }
    const prompts =
      payload.kind === "rating_request" ? [] : requesterNotice(payload, lang, deps.shared.timeZone);
    return prompts.map((p) => ("text" in p ? escapeMrkdwn(p.text) : "")).join("\n");
  };

  return {
    async send(payload: RequesterPayload): Promise<SendOutcome> {
      const contact = await deps.directory.findContactById(payload.contactId);
      if (contact?.channel !== "SLACK") return permanentFailure("not a Slack contact");
      const lang = langOf(contact);
      const dm = await openDm(contact.platformUserId);
      // Files are asked for in the chat dialogue, which Slack requesters do not use (they have the thread).
      if (payload.kind === "file_copy") return permanentFailure("file copies go to chat channels only");
      if (payload.kind === "conversation.expired") {
        return sent(
          String((await client.chat.postMessage({ channel: dm, text: escapeMrkdwn(payload.text) })).ts),
        );
      }
      const root = await thread(payload, dm, lang);
      const message =
        payload.kind === "rating_request" ? ratingBlocks(payload, lang) : { text: noticeText(payload, lang) };
      const answer = await client.chat.postMessage({ channel: root.channel, thread_ts: root.ts, ...message });
      if (payload.kind === "agent_reply" && payload.attachments.length > 0) {
        const files = await Promise.all(
          payload.attachments.map(async (f) => ({
            fileName: f.fileName,
            bytes: await deps.blobs.get(f.storageKey),
          })),
        );
        await uploadFiles(client, { channel: root.channel, threadTs: root.ts }, files);
      }
      return sent(String(answer.ts));
    },
  };
};
