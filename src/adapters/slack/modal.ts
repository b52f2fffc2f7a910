import type { types } from "@slack/bolt";
import { z } from "zod";
import { catalogues, type Lang } from "../../core/i18n/index.js";
import { createTicketCommand, LIMITS as TICKET_LIMITS } from "../../core/ticket/commands.js";
import { PRIORITIES } from "../../core/ticket/priority.js";
import type { Taxonomy } from "../../core/ticket/taxonomy.js";
import { validate } from "../../core/ticket/validation.js";
import { checkBeforeDownload, type SlackFile, slackFile } from "./files.js";
import { slackCatalogues } from "./i18n/index.js";
import { MODAL_BLOCKS, type ModalBlock, VIEW } from "./ids.js";
import { clip, LIMITS } from "./text.js";

/** What the form needs to know: the language, the choices and the attachment rules. */
export interface FormContext {
  readonly lang: Lang;
  readonly taxonomy: Taxonomy;
  readonly rules: { readonly maxFiles: number; readonly maxBytes: number; readonly types: readonly string[] };
}

/** The message a :ticket: reaction started from, carried in the view's private_metadata. */
const metadata = z.object({
  source: z
    .object({ channel: z.string().regex(/^[A-Z0-9]+$/), ts: z.string().regex(/^\d+\.\d+$/) })
    .nullable(),
  files: z.array(z.object({ id: z.string().min(1).max(40), name: z.string().max(255) })).max(10),
  /** Articles suggested in this form so far: a ticket opened anyway is counted against them. */
  suggested: z.array(z.number().int().min(1)).max(20).optional(),
});
export type ModalOrigin = z.infer<typeof metadata>;
const NO_ORIGIN: ModalOrigin = { source: null, files: [] };

export interface ModalPrefill extends ModalOrigin {
  readonly subject: string;
  readonly message: string;
}

const plain = (text: string) => ({ type: "plain_text" as const, text });
const option = (text: string, value: string) => ({ text: plain(clip(text, LIMITS.optionText)), value });

const select = (
  block: ModalBlock,
  label: string,
  placeholder: string,
  options: ReturnType<typeof option>[],
): types.InputBlock => ({
  type: "input",
  block_id: block,
  label: plain(label),
  element: { type: "static_select", action_id: "value", placeholder: plain(placeholder), options },
});

/** The form again as the subject is typed: where it came from, and the articles its subject matches. */
export interface ModalSuggestions {
  readonly origin: ModalOrigin;
  readonly articles: readonly types.KnownBlock[];
}

/**
 * The ticket form: the same fields and limits as the chat flow, optionally filled from a message.
 * Typing the subject dispatches an action, answered with the form again and the articles it matches.
 */
export const ticketModal = (
  form: FormContext,
  prefill?: ModalPrefill,
  suggestions?: ModalSuggestions,
): types.ModalView => {
  const s = slackCatalogues[form.lang].modal;
  const core = catalogues[form.lang];
  const label = (field: ModalBlock) => core.field[field] ?? field;
  const origin: ModalOrigin =
    suggestions?.origin ?? (prefill ? { source: prefill.source, files: prefill.files } : NO_ORIGIN);
  const blocks: types.KnownBlock[] = [];
  if (prefill?.source) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "plain_text",
          text: clip(s.fromMessage(prefill.files.map((f) => f.name)), LIMITS.contextText),
        },
      ],
    });
  }
  blocks.push(
    {
      type: "input",
      block_id: "subject",
      label: plain(label("subject")),
      hint: plain(s.subjectHint(TICKET_LIMITS.subject.min, TICKET_LIMITS.subject.max)),
      dispatch_action: true,
      element: {
        type: "plain_text_input",
        action_id: "value",
        max_length: TICKET_LIMITS.subject.max,
        dispatch_action_config: { trigger_actions_on: ["on_character_entered"] },
        ...(prefill?.subject ? { initial_value: clip(prefill.subject, TICKET_LIMITS.subject.max) } : {}),
      },
    },
    ...(suggestions?.articles ?? []),
    select(
      "department",
      label("department"),
      s.choose,
      form.taxonomy.departments.map((d) => option(d.labels[form.lang], d.code)),
    ),
    select(
      "priority",
      label("priority"),
      s.choose,
      PRIORITIES.map((p) => option(core.priority[p], p)),
    ),
    select(
      "type",
      label("type"),
      s.choose,
      form.taxonomy.types.map((t) => option(t.labels[form.lang], t.code)),
    ),
    {
      type: "input",
      block_id: "message",
      label: plain(label("message")),
      hint: plain(s.messageHint(TICKET_LIMITS.message.max)),
      element: {
        type: "plain_text_input",
        action_id: "value",
        multiline: true,
        max_length: TICKET_LIMITS.message.max,
        ...(prefill?.message ? { initial_value: clip(prefill.message, TICKET_LIMITS.message.max) } : {}),
      },
    },
  );
  const room = form.rules.maxFiles - origin.files.length;
  if (room > 0) {
    blocks.push({
      type: "input",
      block_id: "attachments",
      optional: true,
      label: plain(label("attachments")),
      hint: plain(
        s.filesHint(form.rules.maxFiles, form.rules.types, Math.round(form.rules.maxBytes / (1024 * 1024))),
      ),
      element: {
        type: "file_input",
        action_id: "value",
        max_files: Math.min(room, 10),
        filetypes: [...form.rules.types],
      },
    });
  }
  return {
    type: "modal",
    callback_id: VIEW.ticketModal,
    title: plain(clip(s.title, 24)),
    submit: plain(clip(s.submit, 24)),
    close: plain(clip(s.close, 24)),
    private_metadata: JSON.stringify(origin),
    blocks,
  };
};

/** Shown at once when a form has to wait for Slack (fetching the marked message), then replaced. */
export const loadingModal = (lang: Lang): types.ModalView => {
  const s = slackCatalogues[lang].modal;
  return {
    type: "modal",
    callback_id: `${VIEW.ticketModal}_loading`,
    title: plain(clip(s.title, 24)),
    close: plain(clip(s.close, 24)),
    blocks: [{ type: "section", text: plain(s.loading) }],
  };
};

/** The parts of a view_submission the form reads; anything else in it is ignored. */
const stateValue = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  files: z.array(slackFile).nullish(),
});
const submittedView = z.object({
  id: z.string(),
  private_metadata: z.string().default(""),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), stateValue)) }),
});

export interface ModalSubmission {
  readonly viewId: string;
  /** Typed text as is; a menu with nothing chosen is undefined, which the core reports as required. */
  readonly fields: {
    subject: string;
    department?: string;
    priority?: string;
    type?: string;
    message: string;
  };
  readonly uploaded: readonly SlackFile[];
  readonly origin: ModalOrigin;
}

export const parseOrigin = (raw: string): ModalOrigin => {
  try {
    const parsed = metadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : NO_ORIGIN;
  } catch {
    return NO_ORIGIN;
  }
};

export const readSubmission = (view: unknown): ModalSubmission | null => {
  const parsed = submittedView.safeParse(view);
  if (!parsed.success) return null;
  const values = parsed.data.state.values;
  const get = (block: ModalBlock) => values[block]?.value;
  const text = (block: ModalBlock) => get(block)?.value ?? "";
  const chosen = (block: ModalBlock) => {
    const value = get(block)?.selected_option?.value;
    return value ? { [block]: value } : {};
  };
  return {
    viewId: parsed.data.id,
    fields: {
      subject: text("subject"),
      ...chosen("department"),
      ...chosen("priority"),
      ...chosen("type"),
      message: text("message"),
    },
    uploaded: get("attachments")?.files ?? [],
    origin: parseOrigin(parsed.data.private_metadata),
  };
};

/**
 * The core's own rules, checked before the form closes: each problem shows under its field
 * (response_action "errors"). File contents are checked later by the core, once downloaded.
 */
export const submissionErrors = (
  submission: ModalSubmission,
  form: FormContext,
): Partial<Record<ModalBlock, string>> | null => {
  const core = catalogues[form.lang];
  const errors: Partial<Record<ModalBlock, string>> = {};
  const checked = validate(createTicketCommand(form.taxonomy), { ...submission.fields, attachments: [] });
  // A menu left empty is "required", which the core reports only for missing text.
  for (const block of ["department", "priority", "type"] as const) {
    if (submission.fields[block] === undefined) errors[block] = core.problem(block, { code: "REQUIRED" });
  }
  if (!checked.ok && checked.error.code === "VALIDATION_FAILED") {
    for (const issue of checked.error.issues) {
      const block = MODAL_BLOCKS.find((b) => b === issue.field);
      if (block && !errors[block]) errors[block] = core.problem(issue.field, issue.problem);
    }
  }
  const files = checkBeforeDownload(submission.uploaded, {
    ...form.rules,
    maxFiles: form.rules.maxFiles - submission.origin.files.length,
  });
  if (!files.ok) errors.attachments = core.error(files.error);
  return Object.keys(errors).length > 0 ? errors : null;
};
