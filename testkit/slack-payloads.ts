import { readFileSync } from "node:fs";
import { join } from "node:path";

type Json = Record<string, unknown>;
const templates = JSON.parse(
  readFileSync(join(import.meta.dirname, "../test/fixtures/slack/payloads.json"), "utf8"),
) as Record<string, Json>;
const clone = (name: string): Json => structuredClone(templates[name]!);

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

/** Slack's payloads built from the documented shapes, with fresh ids and the fields a test sets. */
export const payloads = {
  command: (fields: {
    user: string;
    text?: string;
    channel?: string;
    responseUrl: string;
  }): Record<string, string> => {
    const base = clone("slashCommand") as Record<string, string>;
    return {
      ...base,
      user_id: fields.user,
      user_name: fields.user.toLowerCase(),
      text: fields.text ?? "",
      channel_id: fields.channel ?? base.channel_id!,
      response_url: fields.responseUrl,
      trigger_id: `trigger-${unique()}`,
    };
  },

  action: (fields: {
    user: string;
    actionId: string;
    value: string;
    selected?: boolean;
    /** A users_select pick: the chosen user, in the block `blockId`. */
    selectedUser?: string;
    /** A multi_static_select's picks. */
    selectedOptions?: string[];
    blockId?: string;
    responseUrl: string;
    channel?: string;
    messageTs?: string;
    view?: Json;
  }): Json => {
    const body = clone("blockActions");
    body.user = {
      ...(body.user as Json),
      id: fields.user,
      username: fields.user.toLowerCase(),
      name: fields.user.toLowerCase(),
    };
    body.trigger_id = `trigger-${unique()}`;
    body.response_url = fields.responseUrl;
    const [action] = body.actions as Json[];
    const element = fields.selectedOptions
      ? {
          type: "multi_static_select",
          action_id: fields.actionId,
          block_id: fields.blockId ?? "b",
          selected_options: fields.selectedOptions.map((value) => ({
            text: { type: "plain_text", text: value },
            value,
          })),
          action_ts: "1",
        }
      : fields.selectedUser
        ? {
            type: "users_select",
            action_id: fields.actionId,
            block_id: fields.blockId ?? "b",
            selected_user: fields.selectedUser,
            action_ts: "1",
          }
        : fields.selected
          ? {
              type: "static_select",
              action_id: fields.actionId,
              block_id: "b",
              selected_option: { text: { type: "plain_text", text: fields.value }, value: fields.value },
              action_ts: "1",
            }
          : { ...action, action_id: fields.actionId, value: fields.value };
    body.actions = [element];
    if (fields.channel) body.channel = { id: fields.channel, name: "x" };
    if (fields.messageTs)
      body.container = {
        ...(body.container as Json),
        message_ts: fields.messageTs,
        channel_id: fields.channel,
      };
    if (fields.view) {
      body.container = { type: "view", view_id: "VHOME" };
      body.view = fields.view;
      delete body.channel;
      delete body.message;
    }
    return body;
  },

  /** A message shortcut used on `ts` (in the thread of `threadTs`, when given). */
  messageShortcut: (fields: {
    user: string;
    channel: string;
    ts: string;
    threadTs?: string;
    callbackId?: string;
    responseUrl: string;
  }): Json => {
    const body = clone("messageShortcut");
    body.user = { ...(body.user as Json), id: fields.user };
    body.channel = { id: fields.channel, name: "x" };
    body.callback_id = fields.callbackId ?? "ticket_reply_with";
    body.trigger_id = `trigger-${unique()}`;
    body.response_url = fields.responseUrl;
    body.message_ts = fields.ts;
    const message: Json = { ...(body.message as Json), ts: fields.ts, user: fields.user };
    if (fields.threadTs) message.thread_ts = fields.threadTs;
    else delete message.thread_ts;
    body.message = message;
    return body;
  },

  submission: (fields: { user: string; values: Record<string, Json>; privateMetadata?: string }): Json => {
    const body = clone("viewSubmission");
    body.user = { ...(body.user as Json), id: fields.user };
    const view = body.view as Json;
    view.id = `V${unique().toUpperCase()}`;
    view.state = { values: fields.values };
    view.private_metadata = fields.privateMetadata ?? "";
    return body;
  },

  event: (event: Json, eventId = `Ev${unique().toUpperCase()}`): Json => ({
    ...clone("eventCallback"),
    event,
    event_id: eventId,
  }),

  threadMessage: (fields: {
    channel: string;
    user: string;
    text: string;
    ts: string;
    threadTs: string;
    files?: Json[];
  }): Json => ({
    ...clone("messageInThread"),
    channel: fields.channel,
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    event_ts: fields.ts,
    thread_ts: fields.threadTs,
    ...(fields.files && fields.files.length > 0 ? { subtype: "file_share", files: fields.files } : {}),
  }),

  directMessage: (fields: {
    channel: string;
    user: string;
    text: string;
    ts: string;
    threadTs?: string;
  }): Json => ({
    ...clone("messageInThread"),
    channel: fields.channel,
    channel_type: "im",
    user: fields.user,
    text: fields.text,
    ts: fields.ts,
    event_ts: fields.ts,
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : { thread_ts: undefined }),
  }),

  messageChanged: (fields: {
    channel: string;
    user: string;
    ts: string;
    threadTs: string;
    before: string;
    after: string;
  }): Json => {
    const event = clone("messageChanged");
    event.channel = fields.channel;
    event.message = {
      ...(event.message as Json),
      user: fields.user,
      ts: fields.ts,
      thread_ts: fields.threadTs,
      text: fields.after,
    };
    event.previous_message = {
      ...(event.previous_message as Json),
      user: fields.user,
      ts: fields.ts,
      thread_ts: fields.threadTs,
      text: fields.before,
    };
    return event;
  },

  messageDeleted: (fields: {
    channel: string;
    user: string;
    ts: string;
    threadTs: string;
    text: string;
  }): Json => {
    const event = clone("messageDeleted");
    event.channel = fields.channel;
    event.deleted_ts = fields.ts;
    event.previous_message = {
      ...(event.previous_message as Json),
      user: fields.user,
      ts: fields.ts,
      thread_ts: fields.threadTs,
      text: fields.text,
    };
    return event;
  },

  reactionAdded: (fields: { user: string; channel: string; ts: string; reaction?: string }): Json => {
    const event = clone("reactionAdded");
    event.user = fields.user;
    event.reaction = fields.reaction ?? "ticket";
    event.item = { type: "message", channel: fields.channel, ts: fields.ts };
    return event;
  },

  appHomeOpened: (user: string): Json => ({ ...clone("appHomeOpened"), user }),

  urlVerification: (): Json => clone("urlVerification"),
};

/** The form's state.values as Slack sends them for the ticket modal. */
export const formValues = (fields: {
  subject?: string;
  department?: string | null;
  priority?: string | null;
  type?: string | null;
  message?: string;
  files?: Json[];
}): Record<string, Json> => {
  const select = (value: string | null | undefined) => ({
    value: {
      type: "static_select",
      selected_option: value ? { text: { type: "plain_text", text: value }, value } : null,
    },
  });
  return {
    subject: { value: { type: "plain_text_input", value: fields.subject ?? null } },
    department: select(fields.department),
    priority: select(fields.priority),
    type: select(fields.type),
    message: { value: { type: "plain_text_input", value: fields.message ?? null } },
    attachments: { value: { type: "file_input", files: fields.files ?? [] } },
  };
};
