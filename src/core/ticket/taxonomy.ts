import type { Lang } from "../i18n/lang.js";

/** A configurable choice (department, type): a stable code plus its label in each language. */
export interface TaxonomyOption {
  readonly code: string;
  readonly labels: Readonly<Record<Lang, string>>;
}

export interface Taxonomy {
  readonly departments: readonly TaxonomyOption[];
  readonly types: readonly TaxonomyOption[];
}

export const DEFAULT_TAXONOMY: Taxonomy = {
  departments: [
    { code: "technical", labels: { "pt-BR": "Técnico", en: "Technical" } },
    { code: "sales", labels: { "pt-BR": "Comercial", en: "Sales" } },
    { code: "general", labels: { "pt-BR": "Geral", en: "General" } },
  ],
  types: [
    { code: "support", labels: { "pt-BR": "Suporte", en: "Support" } },
    { code: "incident", labels: { "pt-BR": "Incidente", en: "Incident" } },
    { code: "bug", labels: { "pt-BR": "Bug", en: "Bug" } },
    { code: "improvement", labels: { "pt-BR": "Melhoria", en: "Improvement" } },
  ],
};

export const labelOf = (options: readonly TaxonomyOption[], code: string, lang: Lang): string =>
  options.find((o) => o.code === code)?.labels[lang] ?? code;
