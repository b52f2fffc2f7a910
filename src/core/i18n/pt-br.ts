import type { Catalogue } from "./catalogue.js";
import { formatBytes } from "./catalogue.js";

const field: Catalogue["field"] = {
  subject: "Assunto",
  department: "Departamento",
  priority: "Prioridade",
  type: "Tipo",
  message: "Mensagem",
  attachments: "Anexos",
  status: "Status",
  assignee: "Responsável",
  rating: "Avaliação",
  comment: "Comentário",
  name: "Nome",
};

export const ptBR: Catalogue = {
  field,
  problem: (name, problem) => {
    const label = field[name] ?? name;
    switch (problem.code) {
      case "REQUIRED":
        return `${label}: campo obrigatório.`;
      case "TOO_SHORT":
        return `${label}: use pelo menos ${problem.min} caracteres (você usou ${problem.actual}).`;
      case "TOO_LONG":
        return `${label}: use no máximo ${problem.max} caracteres (você usou ${problem.actual}).`;
      case "NOT_ONE_OF":
        return `${label}: escolha uma destas opções: ${problem.allowed.join(", ")}.`;
      case "CONTROL_CHARACTER":
        return `${label}: tire o caractere de controle invisível (${problem.codePoint}) e envie de novo.`;
      case "INVALID_UNICODE":
        return `${label}: tem um caractere quebrado (metade de um emoji ou símbolo); digite de novo.`;
      case "INVALID":
        return `${label}: valor inválido.`;
    }
  },
  error: (error) => {
    switch (error.code) {
      case "VALIDATION_FAILED":
        return error.issues.map((i) => ptBR.problem(i.field, i.problem)).join("\n");
      case "TICKET_NOT_FOUND":
        return `Não encontrei o chamado ${error.ref}.`;
      case "ILLEGAL_TRANSITION":
        return `Não é possível mudar o status de ${ptBR.status[error.from]} para ${ptBR.status[error.to]}.`;
      case "REOPEN_WINDOW_EXPIRED":
        return `Este chamado foi encerrado há mais de ${error.windowDays} dias e não pode ser reaberto. Abra um novo chamado.`;
      case "FORBIDDEN":
        return "Você não tem permissão para fazer isso neste chamado.";
      case "TOO_MANY_ATTACHMENTS":
        return `Envie no máximo ${error.max} arquivos por mensagem (você enviou ${error.actual}).`;
      case "TICKET_FILES_FULL":
        return error.already >= error.max
          ? `Este chamado já tem os ${error.max} arquivos permitidos por chamado. Envie sua mensagem sem arquivos ou abra um novo chamado.`
          : `Este chamado já tem ${error.already} de ${error.max} arquivos: você pode anexar mais ${error.max - error.already}.`;
      case "UPLOAD_QUOTA_EXCEEDED":
        return `Você já tem ${formatBytes(error.parked)} em arquivos esperando nesta conversa e o limite é ${formatBytes(error.quota)}. Conclua ou cancele este chamado, ou envie arquivos menores.`;
      case "ATTACHMENT_REJECTED":
        return ptBR.attachment(error.fileName, error.reason, error.limit);
      case "RATING_NOT_ALLOWED":
        return error.reason === "NOT_CLOSED"
          ? "Só é possível avaliar um chamado encerrado."
          : "Este chamado já foi avaliado.";
      case "NOT_REGISTERED":
        return "Seu contato ainda não está cadastrado. Peça ao seu contato no suporte para cadastrar você e tente de novo.";
      case "CONTACT_DEACTIVATED":
        return "Esse contato está desativado, então nada foi registrado para ele. Convide-o de novo para que volte a abrir e acompanhar chamados.";
      case "ATTACHMENT_NOT_FOUND":
        return `O chamado ${error.ref} não tem o arquivo ${error.file}.`;
      case "SAVED_REPLY_NOT_FOUND":
        return `Não há resposta salva com o nome ${error.name}.`;
      case "MERGE_NOT_ALLOWED":
        return `Não é possível juntar esse chamado: ${({ SAME_TICKET: "um chamado não pode ser juntado a ele mesmo", ALREADY_MERGED: "ele já foi juntado a outro", TARGET_MERGED: "o chamado de destino já foi juntado a outro", TARGET_CLOSED: "o chamado de destino está encerrado" } as const)[error.reason]}.`;
    }
  },
  attachment: (fileName, reason, limit) => {
    switch (reason) {
      case "EMPTY":
        return `O arquivo ${fileName} está vazio.`;
      case "TOO_LARGE":
        return `O arquivo ${fileName} passa do limite de ${formatBytes(limit ?? 0)}.`;
      case "TYPE_NOT_ALLOWED":
        return `O arquivo ${fileName} não é de um tipo aceito (PNG, JPG, PDF, ZIP ou TXT).`;
      case "ZIP_TOO_MANY_ENTRIES":
        return `O arquivo ${fileName} tem arquivos demais dentro (máximo ${limit}).`;
      case "ZIP_TOO_LARGE":
        return `O conteúdo de ${fileName} descompactado passa de ${formatBytes(limit ?? 0)}.`;
      case "ZIP_NESTED_TOO_DEEP":
        return limit === 1
          ? `O arquivo ${fileName} tem outros arquivos compactados dentro; envie o conteúdo deles.`
          : `O arquivo ${fileName} tem arquivos compactados uns dentro dos outros em mais de ${limit} níveis.`;
      case "CORRUPT":
        return `O arquivo ${fileName} está corrompido e não pôde ser lido.`;
    }
  },
  status: {
    NEW: "Novo",
    IN_PROGRESS: "Em atendimento",
    ESCALATED: "Com a equipe técnica",
    WAITING_ON_REQUESTER: "Aguardando sua resposta",
    SOLVED: "Resolvido",
    ABANDONED: "Abandono na triagem",
  },
  publicStatus: { OPEN: "Aberto", ANSWERED: "Respondido", CLOSED: "Fechado" },
  priority: { LOW: "Baixa", MEDIUM: "Média", HIGH: "Alta" },
};
