import type { NoticeCatalogue } from "./notice-catalogue.js";

export const noticeEn: NoticeCatalogue = {
  agentReply: (ref, agentName) => `💬 ${ref} — reply from ${agentName}:`,
  filesAttached: (count) => (count === 1 ? "📎 1 file attached" : `📎 ${count} files attached`),
  statusChanged: (ref, subject, statusLabel) => `🔔 ${ref} "${subject}": ${statusLabel}.`,
  autoClosed: (ref, subject) =>
    `🔒 ${ref} "${subject}" was closed because it went without a reply. If you still need help, just reply here.`,
  merged: (ref, subject, into) =>
    `🔗 ${ref} "${subject}" was merged into ${into}, which carries on with it. Follow ${into} from now on; your replies here go there too.`,
  reminder: (ref, subject, closesOn) =>
    `⏳ ${ref} "${subject}" is waiting for your reply. Without one, it will be closed on ${closesOn}.`,
  replyHint: (ref) => `To reply, send ${ref} and choose Reply.`,
};
