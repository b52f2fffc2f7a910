import { formatBytes } from "../../i18n/catalogue.js";
import type { TicketDetail } from "../../ticket/service.js";
import type { AttachmentMeta } from "../../ticket/ticket.js";
import { type Choice, matchChoice, toOptions } from "../choices.js";
import { fileCopyDraft, stillSendable } from "../file-copy.js";
import type { StateOf } from "../state.js";
import { lookup } from "../ticket-views.js";
import { coreError, error, goTo, invalidChoice, type Step, stay, text } from "../turn.js";

type FilesState = StateOf<"tickets.files">;
const MAX_LISTED = 9;

/** The files of a ticket's messages the person may see (the detail already left internal notes out). */
export const visibleFiles = (detail: TicketDetail): AttachmentMeta[] =>
  detail.events.filter((e) => e.kind === "MESSAGE").flatMap((e) => e.attachments);

const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : formatBytes(bytes));
const choices = (files: readonly AttachmentMeta[]): Choice<string>[] =>
  files.map((f) => ({ id: `file.${f.id}`, label: `${f.fileName} (${sizeOf(f.size)})`, value: f.id }));

const backToDetail = (state: FilesState): StateOf<"tickets.detail"> => ({
  step: "tickets.detail",
  ticket: state.ticket,
  view: state.view,
  offered: [],
});

/**
 * "Get a file": the ticket's files as a list; the one picked is checked again and sent to the
 * person's chat as a document. Every visit and every pick asks the service again (access).
 */
export const ticketFilesStep: Step<FilesState> = {
  async ask(turn, state) {
    const found = await turn.deps.service.detail(turn.actor, lookup(state.ticket));
    if (!found.ok) return { prompts: [coreError(turn, found.error)], state: null };
    // The latest files when there are more than a list holds.
    const files = visibleFiles(found.value).slice(-MAX_LISTED);
    if (files.length === 0) return { prompts: [], state: null };
    return {
      prompts: [{ kind: "choice", text: turn.t.tickets.filesWhich, options: toOptions(choices(files)) }],
      state: { ...state, shown: files.map((f) => f.id) },
    };
  },
  async answer(turn, state, input) {
    const found = await turn.deps.service.detail(turn.actor, lookup(state.ticket));
    if (!found.ok) return goTo(null, coreError(turn, found.error));
    const files = visibleFiles(found.value);
    const listed = state.shown.flatMap((id) => files.filter((f) => f.id === id));
    const picked = matchChoice(input, choices(listed));
    if (!picked) return invalidChoice(turn, state);
    const file = listed.find((f) => f.id === picked.value)!;
    const bytes = await turn.deps.blobs.get(file.storageKey).catch(() => null);
    const { attachmentRules, inspector } = turn.deps;
    if (!bytes || !(await stillSendable(file, new Uint8Array(bytes), attachmentRules, inspector)))
      return stay(state, error(turn.t.tickets.fileUnavailable(file.fileName)));
    const { ticket } = found.value;
    const now = turn.deps.clock.now();
    await turn.deps.outbox.enqueue([
      fileCopyDraft(turn.contact, turn.lang, ticket, file, turn.sourceKey, now),
    ]);
    return goTo(null, text(turn.t.tickets.fileSending(file.fileName)));
  },
  back: async (_turn, state) => goTo(backToDetail(state)),
};
