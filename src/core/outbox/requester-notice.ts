import type { Prompt } from "../conversation/prompt.js";
import { catalogues, conversationCatalogues, type Lang, noticeCatalogues } from "../i18n/index.js";
import { formatTicketId } from "../ticket/ticket-ref.js";
import type { PayloadOf } from "./payloads.js";

export type RequesterPayload =
  | PayloadOf<"agent_reply">
  | PayloadOf<"status_changed">
  | PayloadOf<"auto_close_reminder">
  | PayloadOf<"ticket_notice">
  | PayloadOf<"conversation.expired">;

/**
 * The words a requester reads for a notification, as prompts every chat channel already renders.
 * Attachments of an agent reply are not included: senders fetch and send the files themselves.
 * Rating requests are asked by the conversation engine (`requestRating`), which also arms the answer.
 */
export const requesterNotice = (payload: RequesterPayload, lang: Lang, timeZone: string): Prompt[] => {
  const notice = noticeCatalogues[lang];
  if (payload.kind === "conversation.expired") return [{ kind: "text", text: payload.text }];
  const ref = formatTicketId(payload.ticket.number);
  switch (payload.kind) {
    case "agent_reply": {
      const lines = [notice.agentReply(ref, payload.actorName)];
      if (payload.body) lines.push(payload.body);
      if (payload.attachments.length > 0) lines.push(notice.filesAttached(payload.attachments.length));
      lines.push("", notice.replyHint(ref));
      return [{ kind: "text", text: lines.join("\n") }];
    }
    case "status_changed": {
      const text =
        payload.reason === "auto_close"
          ? notice.autoClosed(ref, payload.ticket.subject)
          : payload.reason === "triage_abandoned"
            ? notice.abandonedAtTriage(ref, payload.ticket.subject)
            : payload.reason === "merged" && payload.mergedInto
              ? notice.merged(ref, payload.ticket.subject, formatTicketId(payload.mergedInto))
              : notice.statusChanged(ref, payload.ticket.subject, catalogues[lang].status[payload.to]);
      return [{ kind: "text", text }];
    }
    case "ticket_notice": {
      if (payload.notice === "contact_done")
        return [{ kind: "text", text: notice.contactDone(ref, payload.ticket.subject, payload.actorName) }];
      const department = payload.labels?.[lang] ?? payload.ticket.department;
      return [{ kind: "text", text: notice.departmentChanged(ref, payload.ticket.subject, department) }];
    }
    case "auto_close_reminder": {
      const closesOn = conversationCatalogues[lang].dateTime(new Date(payload.closesAt), timeZone);
      return [{ kind: "text", text: notice.reminder(ref, payload.ticket.subject, closesOn) }];
    }
  }
};
