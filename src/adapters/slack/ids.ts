/** Action, view and block ids Slack sends back; each is matched exactly by one handler. */
export const ACTION = {
  assignMe: "ticket_assign_me",
  status: "ticket_status",
  priority: "ticket_priority",
  department: "ticket_department",
  contactDone: "ticket_contact_done",
  escalate: "ticket_escalate",
  close: "ticket_close",
  openForm: "ticket_open_form",
  openFromMessage: "ticket_open_from_message",
  rate: "ticket_rate",
  assignTo: "ticket_assign_to",
  takeOver: "ticket_take_over",
  unassign: "ticket_unassign",
  collisionSend: "ticket_collision_send",
  collisionCancel: "ticket_collision_cancel",
  tags: "ticket_tags",
  savedReplySend: "saved_reply_send",
  savedReplyCancel: "saved_reply_cancel",
  homeFilter: /^home_filter_/,
  homeStatus: "home_filter_status",
  homePriority: "home_filter_priority",
  homeDepartment: "home_filter_department",
  homeAssignee: "home_filter_assignee",
  homeSearch: "home_filter_search",
} as const;

export const VIEW = {
  ticketModal: "ticket_modal",
  savedReplyPick: "saved_reply_pick",
  savedReplyManage: "saved_reply_manage",
} as const;

/** Message shortcuts (callback ids) of the manifest. */
export const SHORTCUT = { replyWith: "ticket_reply_with" } as const;

/** Input blocks of the ticket modal, named like the core's fields so validation issues land on them. */
export const MODAL_BLOCKS = ["subject", "department", "priority", "type", "message", "attachments"] as const;
export type ModalBlock = (typeof MODAL_BLOCKS)[number];

/** Reactions that show an agent's reply on its way to the requester. */
export const DELIVERY_REACTION = {
  queued: "hourglass_flowing_sand",
  /** The platform took it; channels without receipts (Telegram, Slack) stop here. */
  sent: "outbox_tray",
  /** The platform reported it reached the requester's device. */
  delivered: "white_check_mark",
  read: "eyes",
  failed: "x",
  note: "lock",
} as const;
export type DeliveryMark = Exclude<keyof typeof DELIVERY_REACTION, "note">;

/** The reaction that offers to open a ticket from any message. */
export const TICKET_REACTION = "ticket";
