import type { Opts } from "telegraf/types";
import {
  fitsCallbackData,
  type Prompt,
  type PromptOption,
  renderAsText,
  ticketDetailLines,
} from "../../core/conversation/index.js";

/** Telegram's limits: message text length, and buttons per inline keyboard. */
export const MAX_TEXT = 4096;
const MAX_BUTTONS = 100;
/** Buttons share a row while their labels are short together; long ones (tickets) get a row each. */
const ROW_CHARS = 30;
const ROW_BUTTONS = 3;

export interface InlineButton {
  readonly text: string;
  readonly callback_data: string;
}
export type InlineKeyboard = readonly (readonly InlineButton[])[];

/** One Telegram message to send: its text and, for questions with options, its buttons. */
export interface OutgoingMessage {
  readonly text: string;
  readonly keyboard: InlineKeyboard | null;
}

const lines = (fields: readonly { label: string; value: string }[]) =>
  fields.map((f) => `${f.label}: ${f.value}`);

/** The prompt's words without its options, which become buttons. */
const bodyOf = (prompt: Prompt): string => {
  switch (prompt.kind) {
    case "text":
    case "error":
    case "choice":
    case "files":
      return prompt.text;
    case "summary":
      return [prompt.text, ...lines(prompt.fields)].join("\n");
    case "ticketList":
      // Numbered like the ticket buttons, so typing "2" picks the second ticket as well.
      return [
        prompt.text,
        ...prompt.tickets.map((t, i) =>
          [
            `${i + 1}. ${t.ref} — ${t.subject}`,
            `    ${t.statusLabel} · ${t.details}`,
            `    ${[t.created, t.lastReply].filter(Boolean).join(" · ")}`,
          ].join("\n"),
        ),
      ].join("\n");
    case "ticketDetail":
      return [...ticketDetailLines(prompt.ticket), "", prompt.text].join("\n");
  }
};

/** Packs buttons into rows; null when an option cannot be a button (its id is over 64 bytes). */
export const keyboardOf = (options: readonly PromptOption[]): InlineKeyboard | null => {
  if (options.length === 0 || options.length > MAX_BUTTONS || !options.every((o) => fitsCallbackData(o.id)))
    return null;
  const rows: InlineButton[][] = [];
  let row: InlineButton[] = [];
  let width = 0;
  for (const option of options) {
    const label = option.label.trim() || option.id;
    if (row.length > 0 && (row.length >= ROW_BUTTONS || width + label.length > ROW_CHARS)) {
      rows.push(row);
      row = [];
      width = 0;
    }
    row.push({ text: label, callback_data: option.id });
    width += label.length;
  }
  rows.push(row);
  return rows;
};

const asMessage = (prompt: Prompt): OutgoingMessage => {
  const options = "options" in prompt ? prompt.options : [];
  if (options.length === 0) return { text: bodyOf(prompt), keyboard: null };
  const keyboard = keyboardOf(options);
  // Options that cannot be buttons are still answerable by number or name: the text lists them.
  return keyboard ? { text: bodyOf(prompt), keyboard } : { text: renderAsText(prompt), keyboard: null };
};

/** Cuts text over Telegram's limit at line breaks (or hard, for a single huge line). */
const split = (text: string): string[] => {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > MAX_TEXT) {
    const cut = rest.lastIndexOf("\n", MAX_TEXT);
    let at = cut > MAX_TEXT / 2 ? cut : MAX_TEXT;
    // A hard cut must not split a surrogate pair (an emoji) in two.
    if (at === MAX_TEXT && /[\uD800-\uDBFF]/.test(rest.charAt(at - 1))) at -= 1;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, "");
  }
  parts.push(rest);
  return parts;
};

/**
 * A reply's prompts as Telegram messages. Statements run into the question that follows them, so
 * one answer is one message the way a person would write it; a message over the length limit is
 * split, its buttons on the last part.
 */
export const renderPrompts = (prompts: readonly Prompt[]): OutgoingMessage[] => {
  const merged: OutgoingMessage[] = [];
  for (const message of prompts.map(asMessage)) {
    const previous = merged.at(-1);
    if (
      previous &&
      previous.keyboard === null &&
      previous.text.length + message.text.length + 2 <= MAX_TEXT
    ) {
      merged[merged.length - 1] = { text: `${previous.text}\n\n${message.text}`, keyboard: message.keyboard };
    } else {
      merged.push(message);
    }
  }
  return merged.flatMap((message) => {
    const parts = split(message.text || " ");
    return parts.map((text, i) => ({ text, keyboard: i === parts.length - 1 ? message.keyboard : null }));
  });
};

export interface Placement {
  /** In a group, answers reply to the person's message, and a free-text question asks for a reply to it. */
  readonly group: boolean;
  readonly replyTo: number | null;
  /** The reply's last message, which asks the question. */
  readonly last: boolean;
}

export const sendMessageParams = (
  chatId: number,
  message: OutgoingMessage,
  placement: Placement,
): Opts<"sendMessage"> => ({
  chat_id: chatId,
  text: message.text,
  link_preview_options: { is_disabled: true },
  ...(placement.replyTo !== null
    ? { reply_parameters: { message_id: placement.replyTo, allow_sending_without_reply: true } }
    : {}),
  ...(message.keyboard
    ? { reply_markup: { inline_keyboard: message.keyboard.map((row) => [...row]) } }
    : placement.group && placement.last
      ? { reply_markup: { force_reply: true, selective: true } }
      : {}),
});
