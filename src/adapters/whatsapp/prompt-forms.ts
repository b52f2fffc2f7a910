import { optionsOf, type Prompt, type PromptOption, renderAsText } from "../../core/conversation/index.js";

/** WhatsApp's limits for interactive messages (Cloud API) and plain text. */
export const LIMITS = {
  buttons: 3,
  buttonTitle: 20,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  interactiveBody: 1024,
  text: 4096,
} as const;

/**
 * How a prompt is shown: reply buttons for up to three short options, a list for up to ten,
 * numbered text for anything that does not fit (and always on WhatsApp Web, which has no
 * reliable buttons). Typing the number or the label answers a prompt whatever its form.
 */
export type PromptForm =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "buttons"; readonly body: string; readonly options: readonly PromptOption[] }
  | { readonly kind: "list"; readonly body: string; readonly options: readonly PromptOption[] };

const chars = (s: string) => [...s].length;

/** Everything a prompt says except its options, which the buttons or the list carry. */
const bodyOf = (prompt: Prompt): string => renderAsText({ ...prompt, options: [] } as Prompt).trimEnd();

export const textForm = (prompt: Prompt): PromptForm => ({ kind: "text", text: renderAsText(prompt) });

export const interactiveForm = (prompt: Prompt): PromptForm => {
  const options = optionsOf(prompt);
  if (options.length === 0) return textForm(prompt);
  const body = bodyOf(prompt);
  if (chars(body) === 0 || chars(body) > LIMITS.interactiveBody) return textForm(prompt);
  const fits = (max: number) => options.every((o) => chars(o.label) <= max);
  // Buttons show only distinct titles; descriptions need a list.
  const distinct = new Set(options.map((o) => o.label)).size === options.length;
  if (
    options.length <= LIMITS.buttons &&
    fits(LIMITS.buttonTitle) &&
    distinct &&
    options.every((o) => !o.description)
  ) {
    return { kind: "buttons", body, options };
  }
  const describable = options.every((o) => !o.description || chars(o.description) <= LIMITS.rowDescription);
  if (options.length <= LIMITS.rows && fits(LIMITS.rowTitle) && describable)
    return { kind: "list", body, options };
  return textForm(prompt);
};

/** Cuts a long text into messages WhatsApp accepts, at a line break when one is near the limit. */
export const splitText = (text: string, max: number = LIMITS.text): string[] => {
  const points = [...text];
  const parts: string[] = [];
  let start = 0;
  while (points.length - start > max) {
    let end = start + max;
    const newline = points.lastIndexOf("\n", end - 1);
    if (newline > start + max / 2) end = newline;
    parts.push(points.slice(start, end).join(""));
    start = points[end] === "\n" ? end + 1 : end;
  }
  parts.push(points.slice(start).join(""));
  return parts;
};
