import type { Catalogue } from "./catalogue.js";
import { formatBytes } from "./catalogue.js";

const field: Catalogue["field"] = {
  subject: "Subject",
  department: "Department",
  priority: "Priority",
  type: "Type",
  message: "Message",
  attachments: "Attachments",
  status: "Status",
  assignee: "Assignee",
  rating: "Rating",
  comment: "Comment",
  name: "Name",
};

export const en: Catalogue = {
  field,
  problem: (name, problem) => {
    const label = field[name] ?? name;
    switch (problem.code) {
      case "REQUIRED":
        return `${label}: required.`;
      case "TOO_SHORT":
        return `${label}: use at least ${problem.min} characters (you used ${problem.actual}).`;
      case "TOO_LONG":
        return `${label}: use at most ${problem.max} characters (you used ${problem.actual}).`;
      case "NOT_ONE_OF":
        return `${label}: choose one of: ${problem.allowed.join(", ")}.`;
      case "CONTROL_CHARACTER":
        return `${label}: remove the invisible control character (${problem.codePoint}) and send it again.`;
      case "INVALID_UNICODE":
        return `${label}: holds a broken character (half of an emoji or symbol); type it again.`;
      case "INVALID":
        return `${label}: invalid value.`;
    }
  },
  error: (error) => {
    switch (error.code) {
      case "VALIDATION_FAILED":
        return error.issues.map((i) => en.problem(i.field, i.problem)).join("\n");
      case "TICKET_NOT_FOUND":
        return `I could not find ticket ${error.ref}.`;
      case "ILLEGAL_TRANSITION":
        return `A ticket cannot go from ${en.status[error.from]} to ${en.status[error.to]}.`;
      case "REOPEN_WINDOW_EXPIRED":
        return `This ticket was closed more than ${error.windowDays} days ago and cannot be reopened. Please open a new ticket.`;
      case "FORBIDDEN":
        return "You are not allowed to do that on this ticket.";
      case "TOO_MANY_ATTACHMENTS":
        return `Send at most ${error.max} files per message (you sent ${error.actual}).`;
      case "TICKET_FILES_FULL":
        return error.already >= error.max
          ? `This ticket already holds its ${error.max} files, the most a ticket can have. Send your message without files, or open a new ticket.`
          : `This ticket already holds ${error.already} of its ${error.max} files: you can add ${error.max - error.already} more.`;
      case "UPLOAD_QUOTA_EXCEEDED":
        return `You already have ${formatBytes(error.parked)} of files waiting in this conversation and the limit is ${formatBytes(error.quota)}. Finish or cancel this ticket, or send smaller files.`;
      case "ATTACHMENT_REJECTED":
        return en.attachment(error.fileName, error.reason, error.limit);
      case "RATING_NOT_ALLOWED":
        return error.reason === "NOT_CLOSED"
          ? "Only a closed ticket can be rated."
          : "This ticket was already rated.";
      case "NOT_REGISTERED":
        return "Your contact is not registered yet. Ask your support contact to register you, then try again.";
      case "CONTACT_DEACTIVATED":
        return "That contact is deactivated, so nothing was recorded for it. Invite it again to let it open and follow tickets.";
      case "ATTACHMENT_NOT_FOUND":
        return `Ticket ${error.ref} has no file ${error.file}.`;
      case "SAVED_REPLY_NOT_FOUND":
        return `There is no saved reply named ${error.name}.`;
      case "MERGE_NOT_ALLOWED":
        return `That ticket cannot be merged: ${({ SAME_TICKET: "a ticket cannot be merged into itself", ALREADY_MERGED: "it was already merged", TARGET_MERGED: "the target was itself merged into another ticket", TARGET_CLOSED: "the target is closed" } as const)[error.reason]}.`;
    }
  },
  attachment: (fileName, reason, limit) => {
    switch (reason) {
      case "EMPTY":
        return `The file ${fileName} is empty.`;
      case "TOO_LARGE":
        return `The file ${fileName} is over the ${formatBytes(limit ?? 0)} limit.`;
      case "TYPE_NOT_ALLOWED":
        return `The file ${fileName} is not an accepted type (PNG, JPG, PDF, ZIP or TXT).`;
      case "ZIP_TOO_MANY_ENTRIES":
        return `The file ${fileName} holds too many files (at most ${limit}).`;
      case "ZIP_TOO_LARGE":
        return `The unpacked contents of ${fileName} exceed ${formatBytes(limit ?? 0)}.`;
      case "ZIP_NESTED_TOO_DEEP":
        return limit === 1
          ? `The file ${fileName} holds other archives; send their contents instead.`
          : `The file ${fileName} holds archives inside archives more than ${limit} levels deep.`;
      case "CORRUPT":
        return `The file ${fileName} is damaged and could not be read.`;
    }
  },
  status: {
    NEW: "New",
    IN_PROGRESS: "In progress",
    ESCALATED: "With the tech team",
    WAITING_ON_REQUESTER: "Waiting for your reply",
    SOLVED: "Solved",
    ABANDONED: "Abandoned at triage",
  },
  publicStatus: { OPEN: "Open", ANSWERED: "Answered", CLOSED: "Closed" },
  priority: { LOW: "Low", MEDIUM: "Medium", HIGH: "High" },
};
