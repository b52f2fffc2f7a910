export const LANGS = ["pt-BR", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "pt-BR";

/** Maps a platform locale ("pt", "pt-BR", "en-US", "es") to a supported language, or null when unknown. */
export const langFromLocale = (locale: string | null | undefined): Lang | null => {
  const base = locale?.trim().toLowerCase().split(/[-_]/)[0];
  if (base === "pt") return "pt-BR";
  if (base === "en") return "en";
  return null;
};
