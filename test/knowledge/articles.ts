import type { ArticleFields, KnowledgeBase } from "../../src/core/ports/knowledge-base.js";

/** The articles the chat transcripts are played against, in both languages; one draft that must never show. */
export const SAMPLE_ARTICLES: readonly (ArticleFields & { readonly draft?: boolean })[] = [
  {
    title: "Como emitir a segunda via do boleto",
    body: [
      "Entre no [portal do fornecedor](https://portal.example.com).",
      "",
      "- Abra **Financeiro > Boletos**.",
      "- Escolha o boleto e toque em _Segunda via_.",
    ].join("\n"),
    lang: "pt-BR",
    department: "sales",
    tags: ["boleto", "pagamento"],
  },
  {
    title: "Nota fiscal rejeitada: o que fazer",
    body: "## Confira o código de rejeição\n\nO código aparece no retorno da SEFAZ. Corrija o campo e reenvie a nota.",
    lang: "pt-BR",
    department: "technical",
    tags: ["nota fiscal", "sefaz"],
  },
  {
    title: "Alterar os dados bancários do fornecedor",
    body: "Envie o comprovante da nova conta pelo portal; a troca vale no próximo pagamento.",
    lang: "pt-BR",
    department: "sales",
    tags: ["banco", "conta"],
  },
  {
    title: "Rascunho sobre boleto",
    body: "Ainda não publicado.",
    lang: "pt-BR",
    department: null,
    tags: ["boleto"],
    draft: true,
  },
  {
    title: "How to get a copy of your payment slip",
    body: "Sign in to the supplier portal.\n\n- Open **Finance > Payment slips**.\n- Pick the slip and tap _Copy_.",
    lang: "en",
    department: "sales",
    tags: ["payment", "slip"],
  },
  {
    title: "Invoice rejected: what to do",
    body: "# Check the rejection code\n\nThe tax authority's answer names it. Fix the field and send the invoice again.",
    lang: "en",
    department: "technical",
    tags: ["invoice", "tax"],
  },
  {
    title: "Change your bank details",
    body: "Send proof of the new account through the portal; it applies from the next payment.",
    lang: "en",
    department: "sales",
    tags: ["bank", "account"],
  },
];

export const seedArticles = async (kb: KnowledgeBase, at = new Date("2026-01-05T12:00:00Z")) => {
  for (const { draft, ...fields } of SAMPLE_ARTICLES)
    await kb.create(fields, draft ? "DRAFT" : "PUBLISHED", "seed", at);
};
