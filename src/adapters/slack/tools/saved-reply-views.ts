import type { types } from "@slack/bolt";
import { catalogues, type Lang } from "../../../core/i18n/index.js";
import { SAVED_REPLY_VARIABLES, type SavedReply } from "../../../core/replies/saved-reply.js";
import type { SavedReplyPreview } from "../../../core/replies/saved-reply-service.js";
import { TICKET_STATUSES } from "../../../core/ticket/status.js";
import type { Taxonomy } from "../../../core/ticket/taxonomy.js";
import { formatTicketId } from "../../../core/ticket/ticket-ref.js";
import { slackCatalogues } from "../i18n/index.js";
import { slackToolsCatalogues } from "../i18n/tools.js";
import { ACTION, VIEW } from "../ids.js";
import { clip, escapeMrkdwn, LIMITS, quote } from "../text.js";

const plain = (text: string) => ({ type: "plain_text" as const, text });
const option = (text: string, value: string) => ({ text: plain(clip(text, LIMITS.optionText)), value });
const EVERYONE = "*";

/** `number|name|nonce`: what the preview's buttons carry; the nonce makes a double click send once. */
export const previewValue = (ticketNumber: number, name: string, nonce: string) =>
  `${ticketNumber}|${name}|${nonce}`;
export const parsePreviewValue = (value: string | undefined) => {
  const match = /^(\d{1,9})\|([a-z0-9][a-z0-9_-]{0,39})\|([A-Za-z0-9-]{1,40})$/.exec(value ?? "");
  return match ? { ticketNumber: Number(match[1]), name: match[2]!, nonce: match[3]! } : null;
};

/** The ephemeral preview of a saved reply filled in for a ticket, with Send and Cancel. */
export const previewMessage = (preview: SavedReplyPreview, lang: Lang, nonce: string) => {
  const t = slackToolsCatalogues[lang].savedReplies;
  const ref = formatTicketId(preview.ticket.number);
  const status = preview.status ? slackCatalogues[lang].agentStatus[preview.status] : null;
  const head = t.preview(preview.reply.name, ref, preview.lang, status);
  const text = clip(`${head}\n${quote(escapeMrkdwn(preview.text))}`, LIMITS.sectionText);
  const value = previewValue(preview.ticket.number, preview.reply.name, nonce);
  const blocks: types.KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text } },
    {
      type: "actions",
      elements: [
        { type: "button", action_id: ACTION.savedReplySend, style: "primary", text: plain(t.send), value },
        { type: "button", action_id: ACTION.savedReplyCancel, text: plain(t.cancel), value },
      ],
    },
  ];
  return { text, blocks };
};

/** The message shortcut's modal: which saved reply to preview on the ticket. */
export const pickModal = (
  replies: readonly SavedReply[],
  ticketNumber: number,
  lang: Lang,
): types.ModalView => {
  const t = slackToolsCatalogues[lang].savedReplies;
  const base = {
    type: "modal" as const,
    callback_id: VIEW.savedReplyPick,
    private_metadata: String(ticketNumber),
    title: plain(t.pickTitle),
    close: plain(t.close),
  };
  if (replies.length === 0)
    return { ...base, blocks: [{ type: "section", text: { type: "mrkdwn", text: t.noneForTicket } }] };
  return {
    ...base,
    submit: plain(t.pickSubmit),
    blocks: [
      {
        type: "input",
        block_id: "reply",
        label: plain(t.pickLabel),
        element: {
          type: "static_select",
          action_id: "value",
          options: replies.slice(0, 100).map((r) => option(r.name, r.name)),
        },
      },
    ],
  };
};

const textInput = (
  block: string,
  label: string,
  hint: string,
  initial: string | undefined,
): types.InputBlock => ({
  type: "input",
  block_id: block,
  optional: true,
  label: plain(label),
  hint: plain(hint),
  element: {
    type: "plain_text_input",
    action_id: "value",
    multiline: true,
    max_length: 1000,
    ...(initial ? { initial_value: initial } : {}),
  },
});

/** The form that adds or changes a saved reply, filled with `current` when editing. */
export const manageModal = (taxonomy: Taxonomy, lang: Lang, current: SavedReply | null): types.ModalView => {
  const t = slackToolsCatalogues[lang].savedReplies;
  const variables = SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(", ");
  const scopes = [
    option(t.everyone, EVERYONE),
    ...taxonomy.departments.map((d) => option(d.labels[lang], d.code)),
  ];
  const statuses = [
    option(t.keepDefault, "-"),
    ...TICKET_STATUSES.map((s) => option(slackCatalogues[lang].agentStatus[s], s)),
  ];
  const initialScope = scopes.find((o) => o.value === (current?.department ?? EVERYONE));
  const initialStatus = statuses.find((o) => o.value === (current?.status ?? "-"));
  return {
    type: "modal",
    callback_id: VIEW.savedReplyManage,
    title: plain(t.manageTitle),
    submit: plain(t.manageSubmit),
    close: plain(t.close),
    blocks: [
      {
        type: "input",
        block_id: "name",
        label: plain(t.name),
        hint: plain(t.nameHint),
        element: {
          type: "plain_text_input",
          action_id: "value",
          max_length: 40,
          ...(current ? { initial_value: current.name } : {}),
        },
      },
      {
        type: "input",
        block_id: "department",
        label: plain(t.scope),
        element: {
          type: "static_select",
          action_id: "value",
          options: scopes,
          ...(initialScope ? { initial_option: initialScope } : {}),
        },
      },
      textInput("text_pt", t.textPt, t.textHint(variables), current?.texts["pt-BR"]),
      textInput("text_en", t.textEn, t.textHint(variables), current?.texts.en),
      {
        type: "input",
        block_id: "status",
        label: plain(t.status),
        element: {
          type: "static_select",
          action_id: "value",
          options: statuses,
          ...(initialStatus ? { initial_option: initialStatus } : {}),
        },
      },
    ],
  };
};

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value?: string } | null }>
>;

const read = (values: StateValues, block: string): string | undefined => {
  const element = values[block]?.value;
  return element?.selected_option?.value ?? element?.value ?? undefined;
};

/** The core's input from a submitted manage form. */
export const readManage = (values: StateValues) => {
  const department = read(values, "department");
  const status = read(values, "status");
  const pt = read(values, "text_pt");
  const en = read(values, "text_en");
  return {
    name: read(values, "name") ?? "",
    department: !department || department === EVERYONE ? null : department,
    texts: { ...(pt ? { "pt-BR": pt } : {}), ...(en ? { en } : {}) },
    status: !status || status === "-" ? null : status,
  };
};

export const readPick = (values: StateValues): string | undefined => read(values, "reply");

const BLOCK_OF: Readonly<Record<string, string>> = {
  name: "name",
  department: "department",
  texts: "text_pt",
  "texts.pt-BR": "text_pt",
  "texts.en": "text_en",
  status: "status",
};

/** Field problems of the core, on the form's blocks, in the agents' language. */
export const manageErrors = (
  issues: readonly { field: string; problem: Parameters<(typeof catalogues)["en"]["problem"]>[1] }[],
  lang: Lang,
): Record<string, string> => {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const block = BLOCK_OF[issue.field] ?? "name";
    errors[block] ??= catalogues[lang].problem(issue.field, issue.problem);
  }
  return errors;
};
