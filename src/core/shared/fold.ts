/** Case- and accent-insensitive form of a text: "Não" and "nao" fold to the same string. */
export const fold = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .trim();
