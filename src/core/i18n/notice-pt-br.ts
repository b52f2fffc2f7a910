import type { NoticeCatalogue } from "./notice-catalogue.js";

export const noticePtBR: NoticeCatalogue = {
  agentReply: (ref, agentName) => `💬 ${ref} — resposta de ${agentName}:`,
  filesAttached: (count) => (count === 1 ? "📎 1 arquivo anexado" : `📎 ${count} arquivos anexados`),
  statusChanged: (ref, subject, statusLabel) => `🔔 ${ref} «${subject}»: ${statusLabel}.`,
  autoClosed: (ref, subject) =>
    `🔒 ${ref} «${subject}» foi encerrado porque ficou sem resposta. Se ainda precisar, é só responder aqui.`,
  abandonedAtTriage: (ref, subject) =>
    `🔒 ${ref} «${subject}» foi encerrado como abandono na triagem: as perguntas do suporte ficaram sem resposta. Se ainda precisar, é só responder aqui.`,
  merged: (ref, subject, into) =>
    `🔗 ${ref} «${subject}» foi juntado ao ${into}, que segue com o atendimento. Acompanhe o ${into} daqui em diante; suas respostas aqui também vão para lá.`,
  reminder: (ref, subject, closesOn) =>
    `⏳ ${ref} «${subject}» está aguardando sua resposta. Sem resposta, ele será encerrado em ${closesOn}.`,
  contactDone: (ref, subject, agentName) =>
    `📞 ${ref} "${subject}": ${agentName} (suporte) registrou como feito o contato que você pediu. Se ainda precisar, é só responder aqui.`,
  departmentChanged: (ref, subject, department) =>
    `🔀 ${ref} "${subject}" foi encaminhado para a equipe ${department}, que vai acompanhá-lo a partir de agora.`,
  replyHint: (ref) => `Para responder, envie ${ref} e escolha Responder.`,
};
