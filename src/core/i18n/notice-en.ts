import type { NoticeCatalogue } from "./notice-catalogue.js";

export const noticeEn: NoticeCatalogue = {
  agentReply: (ref, agentName) => `💬 ${ref} — reply from ${agentName}:`,
  filesAttached: (count) => (count === 1 ? "📎 1 file attached" : `📎 ${count} files attached`),
  statusChanged: (ref, subject, statusLabel) => `🔔 ${ref} "${subject}": ${statusLabel}.`,
  autoClosed: (ref, subject) =>
    `🔒 ${ref} "${subject}" was closed because it went without a reply. If you still need help, just reply here.`,
  abandonedAtTriage: (ref, subject) =>
    `🔒 ${ref} "${subject}" was closed as abandoned at triage: support's questions went unanswered. If you still need help, just reply here.`,
  merged: (ref, subject, into) =>
    `🔗 ${ref} "${subject}" was merged into ${into}, which carries on with it. Follow ${into} from now on; your replies here go there too.`,
  reminder: (ref, subject, closesOn) =>
    `⏳ ${ref} "${subject}" is waiting for your reply. Without one, it will be closed on ${closesOn}.`,
  replyHint: (ref) => `To reply, send ${ref} and choose Reply.`,
  contactDone: (ref, subject, agentName) =>
    `📞 ${ref} "${subject}": ${agentName} (support) marked the contact you asked for as done. If you still need it, just reply here.`,
  departmentChanged: (ref, subject, department) =>
    `🔀 ${ref} "${subject}" was passed to the ${department} team, who will follow it from now on.`,
};
