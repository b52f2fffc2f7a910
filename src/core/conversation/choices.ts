import { fold } from "../shared/fold.js";
import type { InboundInput } from "./inbound.js";
import type { PromptOption } from "./prompt.js";

/** An answer to a question: shown as `label`, also recognised by its aliases (its label in the other language, its code). */
export interface Choice<V> {
  readonly id: string;
  readonly label: string;
  readonly aliases?: readonly string[];
  readonly description?: string;
  readonly value: V;
}

export const toOptions = <V>(choices: readonly Choice<V>[]): PromptOption[] =>
  choices.map((c) => ({
    id: c.id,
    label: c.label,
    ...(c.description ? { description: c.description } : {}),
  }));

const NUMBER = /^(\d{1,3})[.)]?$/;

/**
 * Which choice an input picks: a button payload by id, typed text by number ("2", "2."), by label or
 * alias, case- and accent-insensitive. Null when it picks none.
 */
export const matchChoice = <V>(input: InboundInput, choices: readonly Choice<V>[]): Choice<V> | null => {
  if (input.kind === "choice") return choices.find((c) => c.id === input.id) ?? null;
  if (input.kind !== "text") return null;
  const text = fold(input.text);
  const number = NUMBER.exec(text);
  if (number) return choices[Number(number[1]) - 1] ?? null;
  return (
    choices.find((c) => [c.label, ...(c.aliases ?? []), c.id].some((name) => fold(name) === text)) ?? null
  );
};

/** A yes/no question's two answers; "sim", "yes", "não", "no" work whatever the labels say. */
export const yesNoChoices = (
  yes: { id: string; label: string },
  no: { id: string; label: string },
  words: { yes: readonly string[]; no: readonly string[] },
): Choice<boolean>[] => [
  { ...yes, aliases: words.yes, value: true },
  { ...no, aliases: words.no, value: false },
];
