import type { InboundInput } from "../../core/conversation/index.js";

/** What a typed line asks for: a message to the engine, files to read first, or leaving. */
export type ConsoleLine =
  | { readonly kind: "input"; readonly input: InboundInput }
  | { readonly kind: "files"; readonly paths: readonly string[]; readonly caption?: string }
  | { readonly kind: "quit" }
  | { readonly kind: "empty" };

const QUIT = new Set(["/quit", "/exit", "/sair"]);

/**
 * Text is sent as typed. Slash commands stand in for what other channels have natively:
 *   /file PATH [PATH...] [-- caption]   attach files (like sending a document)
 *   /tap OPTION-ID                      press a button (the id shown by /ids)
 *   /new, /tickets, /ticket 12, /help, /cancel, /back, /language en, /menu   channel commands
 *   /quit                               leave the chat
 */
export const parseConsoleLine = (line: string): ConsoleLine => {
  const trimmed = line.trim();
  if (!trimmed) return { kind: "empty" };
  if (QUIT.has(trimmed.toLowerCase())) return { kind: "quit" };
  if (!trimmed.startsWith("/") || trimmed.startsWith("//")) {
    return { kind: "input", input: { kind: "text", text: trimmed.replace(/^\/\//, "/") } };
  }
  const [head = "", ...rest] = trimmed.slice(1).split(/\s+/);
  const name = head.toLowerCase();
  if (name === "file" || name === "arquivo") {
    const split = rest.indexOf("--");
    const paths = split === -1 ? rest : rest.slice(0, split);
    const caption = split === -1 ? undefined : rest.slice(split + 1).join(" ");
    return { kind: "files", paths, ...(caption ? { caption } : {}) };
  }
  if (name === "tap") return { kind: "input", input: { kind: "choice", id: rest.join(" ") } };
  return { kind: "input", input: { kind: "command", name, args: rest } };
};
