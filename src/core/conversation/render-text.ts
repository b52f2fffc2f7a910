import type { Prompt, TicketDetailView } from "./prompt.js";

const numbered = (options: readonly { label: string; description?: string }[]): string[] =>
  options.map((o, i) => `${i + 1}. ${o.label}${o.description ? ` — ${o.description}` : ""}`);

const fieldLines = (fields: readonly { label: string; value: string }[]): string[] =>
  fields.map((f) => `${f.label}: ${f.value}`);

/** A ticket's fields, history and time in each status, one line each: the body of a ticketDetail prompt. */
export const ticketDetailLines = (t: TicketDetailView): string[] => [
  `${t.ref} — ${t.subject}`,
  ...fieldLines(t.fields),
  "",
  `${t.historyTitle}:`,
  ...t.history.map((h) => `${h.at} ${h.who}: ${h.text}`),
  "",
  `${t.timeInStatusTitle}:`,
  ...t.timeInStatus.map((s) => `${s.label}: ${s.duration}`),
];

/**
 * A prompt as plain text with numbered options, for channels without buttons (console, SMS-like
 * fallbacks) and for button channels that hit their limits. Numbers answer the prompt: the engine reads
 * "2" as the second option of the last prompt with options.
 */
export const renderAsText = (prompt: Prompt): string => {
  switch (prompt.kind) {
    case "text":
    case "error":
      return prompt.text;
    case "choice":
    case "files":
    case "ticketList":
      return [prompt.text, ...numbered(prompt.options)].join("\n");
    case "summary":
      return [prompt.text, ...fieldLines(prompt.fields), "", ...numbered(prompt.options)].join("\n");
    case "ticketDetail":
      return [...ticketDetailLines(prompt.ticket), "", prompt.text, ...numbered(prompt.options)].join("\n");
  }
};
