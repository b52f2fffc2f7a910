import { z } from "zod";
import type { Lang } from "../i18n/lang.js";
import { TICKET_STATUSES, type TicketStatus } from "../ticket/status.js";
import type { Taxonomy } from "../ticket/taxonomy.js";
import { oneOf, text } from "../ticket/validation.js";

/** What a saved reply may name in `{{…}}`; filled from the ticket and the agent sending it. */
export const SAVED_REPLY_VARIABLES = [
  "requester_name",
  "ticket_id",
  "subject",
  "agent_name",
  "department",
] as const;
export type SavedReplyVariable = (typeof SAVED_REPLY_VARIABLES)[number];

/** A named text agents send instead of typing it, in one or both languages. */
export interface SavedReply {
  readonly name: string;
  /** The department whose tickets it serves; null for every ticket. */
  readonly department: string | null;
  readonly texts: Readonly<Partial<Record<Lang, string>>>;
  /** Where sending it leaves the ticket; null for the usual "waiting on the requester". */
  readonly status: TicketStatus | null;
  readonly updatedAt: Date;
  readonly updatedBy: string;
}

export const SAVED_REPLY_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

const knownVariables = (value: string, ctx: z.core.$RefinementCtx<string>) => {
  for (const [, name] of value.matchAll(VARIABLE))
    if (!(SAVED_REPLY_VARIABLES as readonly string[]).includes(name ?? ""))
      ctx.addIssue({
        code: "custom",
        message: "NOT_ONE_OF",
        params: { problem: { code: "NOT_ONE_OF", allowed: SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`) } },
      });
};

/** A saved reply's text: the ticket rule's limits (it becomes a reply), and only known variables. */
const replyText = text(1, 1000).superRefine(knownVariables).optional();

export const savedReplyInput = (taxonomy: Taxonomy) =>
  z
    .object({
      name: z
        .string()
        .transform((v) => v.trim().toLowerCase())
        .pipe(z.string().regex(SAVED_REPLY_NAME)),
      department: oneOf(taxonomy.departments.map((d) => d.code))
        .nullable()
        .default(null),
      texts: z.object({ "pt-BR": replyText, en: replyText }),
      status: z.enum(TICKET_STATUSES).nullable().default(null),
    })
    .superRefine((input, ctx) => {
      if (!input.texts["pt-BR"] && !input.texts.en)
        ctx.addIssue({
          code: "custom",
          path: ["texts"],
          message: "REQUIRED",
          params: { problem: { code: "REQUIRED" } },
        });
    });
export type SavedReplyInput = z.output<ReturnType<typeof savedReplyInput>>;

/** The text in `lang`, or in the other language when that one was not written. */
export const textIn = (reply: SavedReply, lang: Lang): { lang: Lang; text: string } => {
  const own = reply.texts[lang];
  if (own) return { lang, text: own };
  const [other, value] = Object.entries(reply.texts).find(([, v]) => v) as [Lang, string];
  return { lang: other, text: value };
};

/** Fills `{{variable}}` from `values`; the values are plain text (the channel escapes when it renders). */
export const fillVariables = (
  template: string,
  values: Readonly<Record<SavedReplyVariable, string>>,
): string =>
  template.replace(VARIABLE, (whole, name: string) =>
    (SAVED_REPLY_VARIABLES as readonly string[]).includes(name) ? values[name as SavedReplyVariable] : whole,
  );

/** Whether the reply may be used on a ticket of this department. */
export const servesDepartment = (reply: SavedReply, department: string): boolean =>
  reply.department === null || reply.department === department;
