import type { Lang } from "../src/core/i18n/lang.js";

/** One topic of the supplier portal, written in both languages, with subjects suppliers really type. */
interface Topic {
  readonly key: string;
  readonly pt: { title: string; body: string; tags: string[]; subjects: [string, string] };
  readonly en: { title: string; body: string; tags: string[]; subjects: [string, string] };
}

const TOPICS: readonly Topic[] = [
  {
    key: "slip-copy",
    pt: {
      title: "Como emitir a segunda via do boleto",
      body: "No portal, abra Financeiro > Boletos, escolha o título e gere a segunda via atualizada com juros.",
      tags: ["boleto", "segunda via"],
      subjects: ["Preciso da 2ª via do boleto vencido", "boleto venceu, como gero outro?"],
    },
    en: {
      title: "How to get a copy of your payment slip",
      body: "In the portal open Finance > Payment slips, pick the bill and generate an updated copy with interest.",
      tags: ["payment slip", "copy"],
      subjects: ["Need a new copy of an overdue payment slip", "payment slip expired, how do I get another"],
    },
  },
  {
    key: "invoice-rejected",
    pt: {
      title: "Nota fiscal rejeitada pela SEFAZ",
      body: "Confira o código de rejeição no retorno da SEFAZ, corrija o campo indicado e reenvie o XML.",
      tags: ["nota fiscal", "sefaz", "rejeição", "xml"],
      subjects: ["NF rejeitada erro 539", "Sefaz recusou minha nota fiscal"],
    },
    en: {
      title: "Invoice rejected by the tax authority",
      body: "Check the rejection code in the tax authority's answer, fix the field it names and send the XML again.",
      tags: ["invoice", "rejected", "tax", "xml"],
      subjects: ["Invoice rejected with error 539", "tax authority refused my invoice"],
    },
  },
  {
    key: "bank-details",
    pt: {
      title: "Alterar os dados bancários do fornecedor",
      body: "Envie o comprovante da nova conta corrente pelo portal; a troca vale a partir do próximo pagamento.",
      tags: ["banco", "conta", "dados bancários"],
      subjects: ["Mudei de banco, como atualizo a conta?", "trocar conta corrente para recebimento"],
    },
    en: {
      title: "Change your bank details",
      body: "Send proof of the new bank account through the portal; it applies from the next payment.",
      tags: ["bank", "account", "bank details"],
      subjects: ["We changed banks, how do we update the account", "update bank account for payments"],
    },
  },
  {
    key: "payment-date",
    pt: {
      title: "Prazo e data de pagamento das faturas",
      body: "As faturas são pagas em 30 dias corridos após o aceite da nota, sempre no dia 10 ou 25.",
      tags: ["prazo", "pagamento", "fatura"],
      subjects: ["Quando vou receber o pagamento da fatura?", "pagamento atrasado, qual o prazo?"],
    },
    en: {
      title: "Payment terms and dates for invoices",
      body: "Invoices are paid 30 calendar days after the invoice is accepted, always on the 10th or 25th.",
      tags: ["terms", "payment date", "due"],
      subjects: ["When will my invoice be paid?", "payment is late, what are the terms"],
    },
  },
  {
    key: "password",
    pt: {
      title: "Recuperar a senha de acesso ao portal",
      body: "Na tela de login, clique em Esqueci minha senha e siga o link enviado ao e-mail cadastrado.",
      tags: ["senha", "login", "acesso"],
      subjects: ["Esqueci a senha do portal", "não consigo fazer login"],
    },
    en: {
      title: "Reset your portal password",
      body: "On the sign-in page click Forgot password and follow the link sent to the registered email.",
      tags: ["password", "login", "sign in"],
      subjects: ["Forgot my portal password", "cannot log in to the portal"],
    },
  },
  {
    key: "registration",
    pt: {
      title: "Cadastro de novo fornecedor",
      body: "Preencha o formulário de cadastro com CNPJ, contrato social e certidões; a homologação leva até 5 dias.",
      tags: ["cadastro", "cnpj", "homologação"],
      subjects: ["Como faço o cadastro da minha empresa?", "quero me cadastrar como fornecedor"],
    },
    en: {
      title: "Registering as a new supplier",
      body: "Fill in the registration form with your company number, articles and certificates; approval takes up to 5 days.",
      tags: ["registration", "onboarding", "approval"],
      subjects: ["How do I register my company", "want to sign up as a supplier"],
    },
  },
  {
    key: "purchase-order",
    pt: {
      title: "Onde encontrar o pedido de compra",
      body: "Os pedidos de compra aprovados ficam em Compras > Pedidos; o número do pedido vai na nota fiscal.",
      tags: ["pedido de compra", "compras"],
      subjects: ["Não recebi o pedido de compra", "número do pedido para emitir a nota"],
    },
    en: {
      title: "Where to find your purchase order",
      body: "Approved purchase orders are under Purchasing > Orders; put the order number on the invoice.",
      tags: ["purchase order", "po"],
      subjects: ["Did not receive the purchase order", "PO number needed for the invoice"],
    },
  },
  {
    key: "delivery-schedule",
    pt: {
      title: "Agendamento de entrega no centro de distribuição",
      body: "Agende a entrega com 48 horas de antecedência em Logística > Agendamentos, informando placa e volumes.",
      tags: ["entrega", "agendamento", "logística"],
      subjects: ["Como agendar a entrega no CD?", "preciso marcar horário para entregar mercadoria"],
    },
    en: {
      title: "Scheduling a delivery at the distribution centre",
      body: "Book the delivery 48 hours ahead in Logistics > Bookings, with the truck plate and the number of packages.",
      tags: ["delivery", "booking", "logistics"],
      subjects: ["How do I book a delivery slot", "need to schedule a delivery at the warehouse"],
    },
  },
  {
    key: "returns",
    pt: {
      title: "Devolução de mercadoria com avaria",
      body: "Itens com avaria são devolvidos com nota de devolução; a coleta é combinada com o transportador.",
      tags: ["devolução", "avaria"],
      subjects: ["Mercadoria devolvida por avaria", "recebi uma nota de devolução"],
    },
    en: {
      title: "Returns of damaged goods",
      body: "Damaged items are returned with a return note; pickup is arranged with the carrier.",
      tags: ["return", "damaged"],
      subjects: ["Goods returned as damaged", "received a return note for my goods"],
    },
  },
  {
    key: "contract",
    pt: {
      title: "Renovação e reajuste de contrato",
      body: "Contratos são renovados 60 dias antes do vencimento; pedidos de reajuste seguem o índice do contrato.",
      tags: ["contrato", "reajuste", "renovação"],
      subjects: ["Meu contrato vence mês que vem", "quero pedir reajuste de preço"],
    },
    en: {
      title: "Contract renewal and price adjustment",
      body: "Contracts are renewed 60 days before they expire; price adjustment requests follow the contract's index.",
      tags: ["contract", "renewal", "price adjustment"],
      subjects: ["Our contract expires next month", "request a price increase"],
    },
  },
  {
    key: "certificates",
    pt: {
      title: "Certidões negativas vencidas",
      body: "Mantenha as certidões negativas de débito em dia; com uma certidão vencida os pagamentos ficam bloqueados.",
      tags: ["certidão", "cnd", "bloqueio"],
      subjects: ["Pagamento bloqueado por certidão", "enviar certidão negativa atualizada"],
    },
    en: {
      title: "Expired tax clearance certificates",
      body: "Keep your tax clearance certificates up to date; with an expired certificate payments are blocked.",
      tags: ["certificate", "clearance", "blocked"],
      subjects: ["Payment blocked because of a certificate", "upload an updated clearance certificate"],
    },
  },
  {
    key: "withholding",
    pt: {
      title: "Retenção de impostos na nota de serviço",
      body: "Notas de serviço têm retenção de ISS, INSS e IR conforme o município; o valor líquido é o pago.",
      tags: ["retenção", "iss", "imposto", "serviço"],
      subjects: ["Por que descontaram ISS da minha nota?", "valor pago menor por retenção de imposto"],
    },
    en: {
      title: "Tax withholding on service invoices",
      body: "Service invoices have taxes withheld according to the city; the net amount is what gets paid.",
      tags: ["withholding", "tax", "service"],
      subjects: ["Why was tax withheld from my invoice", "paid less than invoiced because of withholding"],
    },
  },
  {
    key: "cancel-order",
    pt: {
      title: "Cancelamento de pedido de compra",
      body: "Para cancelar um pedido já aceito, registre a solicitação em Compras > Pedidos > Cancelar com o motivo.",
      tags: ["cancelamento", "cancelar"],
      subjects: ["Preciso cancelar um pedido", "cliente cancelou, como cancelo o pedido?"],
    },
    en: {
      title: "Cancelling a purchase order",
      body: "To cancel an order you already accepted, file the request in Purchasing > Orders > Cancel with the reason.",
      tags: ["cancel", "cancellation"],
      subjects: ["I need to cancel an order", "how do I cancel an accepted order"],
    },
  },
  {
    key: "quote",
    pt: {
      title: "Responder a uma cotação",
      body: "Cotações abertas ficam em Compras > Cotações; envie preço, prazo e validade da proposta até a data limite.",
      tags: ["cotação", "proposta", "orçamento"],
      subjects: ["Como envio minha proposta na cotação?", "prazo da cotação encerrou"],
    },
    en: {
      title: "Answering a request for quotation",
      body: "Open requests for quotation are under Purchasing > Quotes; send price, lead time and validity by the deadline.",
      tags: ["quotation", "quote", "proposal", "rfq"],
      subjects: ["How do I submit my quote", "the quotation deadline passed"],
    },
  },
  {
    key: "labels",
    pt: {
      title: "Etiquetas e embalagem das entregas",
      body: "Cada volume precisa de etiqueta com número do pedido e da nota; paletes com no máximo 1,2 m de altura.",
      tags: ["etiqueta", "embalagem", "palete"],
      subjects: ["Qual etiqueta colocar nas caixas?", "altura máxima do palete"],
    },
    en: {
      title: "Labels and packaging for deliveries",
      body: "Every package needs a label with the order and invoice numbers; pallets at most 1.2 m high.",
      tags: ["label", "packaging", "pallet"],
      subjects: ["Which label goes on the boxes", "maximum pallet height"],
    },
  },
];

export interface QualityArticle {
  readonly key: string;
  readonly lang: Lang;
  readonly title: string;
  readonly body: string;
  readonly tags: readonly string[];
}

/** 30 articles: 15 topics in each language. */
export const QUALITY_ARTICLES: readonly QualityArticle[] = TOPICS.flatMap((t) => [
  { key: t.key, lang: "pt-BR" as const, title: t.pt.title, body: t.pt.body, tags: t.pt.tags },
  { key: t.key, lang: "en" as const, title: t.en.title, body: t.en.body, tags: t.en.tags },
]);

/** 60 subjects, each with the article it should find. */
export const QUALITY_SUBJECTS: readonly {
  readonly subject: string;
  readonly lang: Lang;
  readonly expected: string;
}[] = TOPICS.flatMap((t) => [
  ...t.pt.subjects.map((subject) => ({ subject, lang: "pt-BR" as const, expected: t.key })),
  ...t.en.subjects.map((subject) => ({ subject, lang: "en" as const, expected: t.key })),
]);
