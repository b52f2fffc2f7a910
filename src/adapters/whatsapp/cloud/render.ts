import type { Prompt } from "../../../core/conversation/index.js";
import type { Lang } from "../../../core/i18n/index.js";
import { whatsappCatalogues } from "../i18n/index.js";
import { interactiveForm, type PromptForm, splitText } from "../prompt-forms.js";

/** A Cloud API message body without the recipient (`to`), which the sender adds. */
export type CloudMessageBody = Record<string, unknown>;

export const textBody = (text: string): CloudMessageBody => ({
  type: "text",
  text: { body: text, preview_url: false },
});

const formBodies = (form: PromptForm, lang: Lang): CloudMessageBody[] => {
  switch (form.kind) {
    case "text":
      return splitText(form.text).map(textBody);
    case "buttons":
      return [
        {
          type: "interactive",
          interactive: {
            type: "button",
            body: { text: form.body },
            action: {
              buttons: form.options.map((o) => ({ type: "reply", reply: { id: o.id, title: o.label } })),
            },
          },
        },
      ];
    case "list":
      return [
        {
          type: "interactive",
          interactive: {
            type: "list",
            body: { text: form.body },
            action: {
              button: whatsappCatalogues[lang].listButton,
              sections: [
                {
                  rows: form.options.map((o) => ({
                    id: o.id,
                    title: o.label,
                    ...(o.description ? { description: o.description } : {}),
                  })),
                },
              ],
            },
          },
        },
      ];
  }
};

/** Prompts as Cloud API messages: reply buttons, lists, or numbered text where they do not fit. */
export const renderPrompts = (prompts: readonly Prompt[], lang: Lang): CloudMessageBody[] =>
  prompts.flatMap((prompt) => formBodies(interactiveForm(prompt), lang));

/** The approved template that invites the supplier to write again; it takes no parameters. */
export const templateBody = (template: {
  readonly name: string;
  readonly language: string;
}): CloudMessageBody => ({
  type: "template",
  template: { name: template.name, language: { code: template.language } },
});

/** An uploaded file: photos show inline, anything else as a document with its name. */
export const mediaBody = (
  mediaId: string,
  file: { readonly fileName: string; readonly contentType: string; readonly document?: boolean },
): CloudMessageBody =>
  !file.document && (file.contentType === "image/png" || file.contentType === "image/jpeg")
    ? { type: "image", image: { id: mediaId } }
    : { type: "document", document: { id: mediaId, filename: file.fileName } };
