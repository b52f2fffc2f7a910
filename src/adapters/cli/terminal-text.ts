/**
 * Characters a terminal would act on instead of showing: C0 controls but tab and newline (BEL, ESC
 * and so every ANSI sequence, backspace, carriage return), DEL, C1 controls (8-bit CSI among them),
 * the bidirectional overrides and isolates that reorder what follows, and lone surrogates.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to escape
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const escaped = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * Text as the terminal must show it: every character above written as `\uXXXX`, so supplier text
 * can neither colour, move nor clear the agent's terminal, nor hide part of a line. The same escape
 * is valid inside JSON strings, so `--json` output stays parseable.
 */
export const terminalSafe = (text: string): string => text.replace(UNSAFE, escaped);
