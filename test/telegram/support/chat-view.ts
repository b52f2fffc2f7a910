import type { ChatMessage } from "../../../testkit/fake-telegram-api.js";

/** A chat's messages as its person sees them: text, then buttons as "[A] [B]" rows, files by name. */
export const renderChat = (messages: readonly ChatMessage[]): string =>
  messages
    .map((m) => {
      const head = m.kind === "text" ? m.text : `[${m.kind} ${m.fileName}]${m.text ? ` ${m.text}` : ""}`;
      const rows = (m.keyboard ?? []).map((row) => row.map((b) => `[${b.text}]`).join(" "));
      return [head, ...rows].join("\n");
    })
    .join("\n\n");
