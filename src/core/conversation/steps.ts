import { articleStep } from "./flows/help-article.js";
import { askHelpStep } from "./flows/help-search.js";
import { suggestStep } from "./flows/help-suggest.js";
import { languageStep } from "./flows/language.js";
import { offerStep } from "./flows/offer.js";
import { attachmentsStep } from "./flows/open-attachments.js";
import { departmentStep, messageStep, priorityStep, subjectStep, typeStep } from "./flows/open-fields.js";
import { filesStep } from "./flows/open-files.js";
import { editStep, similarStep, summaryStep } from "./flows/open-review.js";
import { ratingCommentStep, ratingScoreStep } from "./flows/rating.js";
import { ticketCloseStep, ticketDetailStep, ticketReplyStep } from "./flows/ticket-detail.js";
import { ticketFilesStep } from "./flows/ticket-files.js";
import {
  ticketsFilterByStep,
  ticketsFilterStep,
  ticketsListStep,
  ticketsSearchStep,
} from "./flows/tickets-list.js";
import type { ConversationState, StateOf, StepName } from "./state.js";
import type { Step } from "./turn.js";

/** Every step by name; the mapped type makes a missing step a compile error. */
export const STEPS: { readonly [K in StepName]: Step<StateOf<K>> } = {
  "open.subject": subjectStep,
  "open.department": departmentStep,
  "open.priority": priorityStep,
  "open.type": typeStep,
  "open.message": messageStep,
  "open.files": filesStep,
  "open.similar": similarStep,
  "open.summary": summaryStep,
  "open.edit": editStep,
  "open.attachments": attachmentsStep,
  "tickets.list": ticketsListStep,
  "tickets.filter": ticketsFilterStep,
  "tickets.filterBy": ticketsFilterByStep,
  "tickets.search": ticketsSearchStep,
  "tickets.detail": ticketDetailStep,
  "tickets.reply": ticketReplyStep,
  "tickets.files": ticketFilesStep,
  "tickets.close": ticketCloseStep,
  "rating.score": ratingScoreStep,
  "rating.comment": ratingCommentStep,
  "offer.add": offerStep,
  language: languageStep,
  "help.ask": askHelpStep,
  "help.suggest": suggestStep,
  "help.article": articleStep,
};

/** The handler of a state's step, typed for that state. */
export const stepOf = <S extends ConversationState>(state: S): Step<S> =>
  STEPS[state.step] as unknown as Step<S>;
