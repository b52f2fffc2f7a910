/**
 * An article's Markdown as plain text every chat shows the same way: headings become their words,
 * emphasis marks go, links become "text (address)", list bullets become "•". Channels escape it as
 * any other text.
 */
export const articleChatText = (markdown: string): string =>
  markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/^(\s*)[-*+]\s+/, "$1• ")
        .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, "$1 ($2)")
        .replace(/\*\*([^*]+)\*\*/g, "$1")
        .replace(/__([^_]+)__/g, "$1")
        .replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,;:!?]|$)/g, "$1$2")
        .replace(/`([^`]+)`/g, "$1"),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

/** Under WhatsApp's and Telegram's 4096 characters, with room for what a channel adds. */
export const CHAT_PART_LIMIT = 3_500;

/**
 * Cuts a long text into parts of at most `limit` characters, at paragraph breaks when it can, then
 * at line breaks, then at spaces; never inside a character (an emoji stays whole).
 */
export const splitForChat = (text: string, limit = CHAT_PART_LIMIT): string[] => {
  const parts: string[] = [];
  let rest = text.trim();
  while ([...rest].length > limit) {
    const head = [...rest].slice(0, limit).join("");
    const cut = [head.lastIndexOf("\n\n"), head.lastIndexOf("\n"), head.lastIndexOf(" ")].find(
      (i) => i > limit / 2,
    );
    const end = cut ?? head.length;
    parts.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  if (rest) parts.push(rest);
  return parts;
};
