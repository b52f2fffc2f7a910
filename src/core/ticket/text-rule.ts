import type { FieldProblem } from "./errors.js";

/**
 * The one rule for free text from any door (chat, Slack, REST, CLI), before anything is stored:
 *
 * - line ends are normalized: CRLF and a lone CR become LF;
 * - other control characters (C0 except tab and newline, DEL, C1) are refused, not stripped: they
 *   are invisible, so a silent removal would store something other than what the sender saw, and
 *   PostgreSQL cannot store NUL at all;
 * - lone surrogates (half an emoji, from a client that cut a string badly) are refused: they are
 *   not text in any encoding, and jsonb refuses them;
 * - the text is NFC-normalized, so "é" typed as e + combining accent is stored, counted and
 *   searched as the one character it looks like.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this rule's job.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROLS = new RegExp(CONTROL.source, "g");
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** "U+0000": how a character is named in messages, since it cannot be shown. */
const codePointOf = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

const normalizeLineEnds = (value: string): string => value.replace(/\r\n?/g, "\n");

/** What makes a text unstorable, or null. Lone surrogates are reported first: they are never a typo. */
export const textProblem = (value: string): FieldProblem | null => {
  if (LONE_SURROGATE.test(value)) return { code: "INVALID_UNICODE" };
  const control = CONTROL.exec(normalizeLineEnds(value));
  return control ? { code: "CONTROL_CHARACTER", codePoint: codePointOf(control[0]) } : null;
};

/** The stored form of a text that passed `textProblem`. */
export const normalizeText = (value: string): string => normalizeLineEnds(value).normalize("NFC");

/**
 * For text that is looked with and never stored (search words, filter values) or that comes from a
 * platform rather than a person who could be asked again (display names, group titles, file names):
 * what cannot be stored becomes a space or U+FFFD instead of a refusal.
 */
export const cleanText = (value: string): string =>
  normalizeText(value.replace(LONE_SURROGATES, "\uFFFD")).replace(CONTROLS, " ");
