/** A Markdown file's front matter (`---` lines of `key: value`) and the body after it. */
export interface MarkdownFile {
  readonly fields: Readonly<Record<string, string | string[]>>;
  readonly body: string;
}

/** `language` is what authors write; the article's field is `lang`. */
const ALIASES: Readonly<Record<string, string>> = { language: "lang" };

const unquote = (value: string): string => {
  const v = value.trim();
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0] ? v.slice(1, -1) : v;
};

/** `[a, b]` or `a, b` as a list; anything else as one value. */
const fieldValue = (key: string, raw: string): string | string[] => {
  const v = raw.trim();
  if (v.startsWith("[") && v.endsWith("]"))
    return v
      .slice(1, -1)
      .split(",")
      .map(unquote)
      .filter((x) => x.length > 0);
  if (key === "tags")
    return v
      .split(",")
      .map(unquote)
      .filter((x) => x.length > 0);
  return unquote(v);
};

/**
 * Reads the small YAML subset article files use: one `key: value` per line, lists as `[a, b]`.
 * Null when the file does not start with a front matter block.
 */
export const parseMarkdownFile = (text: string): MarkdownFile | null => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") return null;
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  if (end < 0) return null;
  const fields: Record<string, string | string[]> = {};
  for (const line of lines.slice(1, end)) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    const named = line.slice(0, colon).trim().toLowerCase();
    const key = ALIASES[named] ?? named;
    fields[key] = fieldValue(key, line.slice(colon + 1));
  }
  return {
    fields,
    body: lines
      .slice(end + 1)
      .join("\n")
      .trim(),
  };
};
