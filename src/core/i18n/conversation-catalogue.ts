import type { PublicStatus } from "../ticket/status.js";

/** Words that mean the same thing at every step. Both languages' words are accepted whatever the contact's language. */
export interface ConversationWords {
  readonly cancel: readonly string[];
  readonly back: readonly string[];
  readonly help: readonly string[];
  readonly menu: readonly string[];
  /** Only understood outside a flow, where they show the menu rather than being taken as a message. */
  readonly greetings: readonly string[];
  readonly language: readonly string[];
  readonly newTicket: readonly string[];
  readonly myTickets: readonly string[];
  /** Ask for a link to one's tickets in the web browser. */
  readonly browser: readonly string[];
  readonly yes: readonly string[];
  readonly no: readonly string[];
  /** Finish sending files (besides the Done / Skip labels). */
  readonly filesDone: readonly string[];
}

export type StatusFilter = "all" | PublicStatus;

/** Every sentence of the chat dialogue, per language; the engine never writes its own copy. */
export interface ConversationCatalogue {
  readonly words: ConversationWords;
  readonly languageName: string;
  readonly dateTime: (date: Date, timeZone: string) => string;
  readonly duration: (ms: number) => string;

  readonly menu: {
    readonly greeting: (name: string) => string;
    readonly more: string;
    readonly notUnderstood: string;
    readonly newTicket: string;
    readonly myTickets: string;
    readonly language: string;
    readonly help: string;
  };
  readonly help: {
    readonly general: string;
    /** Extra explanation of one step, keyed by step name; the question is asked again after it. */
    readonly step: Readonly<Record<string, string>>;
  };
  readonly session: {
    readonly expired: (minutes: number) => string;
    /** Outside business hours, once per conversation: when support opens again (null: not within a year). */
    readonly away: (nextOpening: string | null) => string;
    readonly corrupt: string;
    readonly unreadable: string;
    readonly cancelled: string;
    readonly nothingToCancel: string;
    readonly backToMenu: string;
    readonly notRegistered: (who: string) => string;
    readonly failed: string;
    readonly browserLink: (url: string, minutes: number) => string;
    readonly browserOff: string;
  };
  readonly choice: {
    readonly invalid: string;
    readonly filesNotExpected: string;
  };
  readonly open: {
    readonly askSubject: (min: number, max: number) => string;
    readonly askDepartment: string;
    readonly askPriority: string;
    readonly askType: string;
    readonly askMessage: (max: number) => string;
    readonly askFiles: (max: number, types: readonly string[]) => string;
    readonly moreFiles: (received: number, max: number) => string;
    readonly filesReceived: (names: readonly string[]) => string;
    readonly filesFull: (max: number) => string;
    readonly filesExpected: string;
    readonly filesDone: string;
    readonly filesSkip: string;
    readonly similar: string;
    readonly similarNone: string;
    readonly addedToExisting: (ref: string) => string;
    readonly summary: string;
    readonly noFiles: string;
    readonly confirm: string;
    readonly edit: string;
    readonly cancel: string;
    readonly editWhich: string;
    /** Editing the attachments: pick one to remove, add more, or leave them. */
    readonly filesWhich: string;
    readonly removeFile: (name: string) => string;
    readonly addFiles: string;
    readonly keepFiles: string;
    readonly fileRemoved: (name: string) => string;
    readonly created: (ref: string) => string;
  };
  readonly tickets: {
    readonly title: (filter: StatusFilter, org: boolean) => string;
    readonly empty: (filter: StatusFilter) => string;
    readonly more: (shown: number) => string;
    readonly lastReply: (at: string, who: string) => string;
    readonly created: (at: string) => string;
    readonly filter: string;
    readonly showOrg: string;
    readonly showMine: string;
    readonly menu: string;
    readonly filterQuestion: string;
    readonly filterLabel: Readonly<Record<StatusFilter, string>>;
    /** Search, narrower filters and the supplier's numbers (the seed portal's dashboard). */
    readonly search: string;
    readonly askSearch: string;
    readonly byPriority: string;
    readonly byDepartment: string;
    readonly anyPriority: string;
    readonly anyDepartment: string;
    readonly filterByQuestion: string;
    readonly narrowedBy: (parts: readonly string[]) => string;
    readonly numbers: string;
    readonly numbersText: (n: {
      total: number;
      open: number;
      answered: number;
      closed: number;
      high: number;
      org: boolean;
    }) => string;
    readonly detailQuestion: string;
    readonly fields: {
      readonly status: string;
      readonly priority: string;
      readonly department: string;
      readonly type: string;
      readonly requester: string;
      readonly opened: string;
      readonly lastReply: string;
      readonly readBySupport: string;
      readonly contactRequested: string;
      readonly rating: string;
    };
    readonly yes: string;
    readonly no: string;
    /** "Read by support": when it was read. */
    readonly readAt: (at: string) => string;
    readonly none: string;
    readonly historyTitle: string;
    readonly timeInStatusTitle: string;
    readonly you: string;
    readonly support: (name: string) => string;
    readonly event: {
      readonly status: (from: string, to: string) => string;
      readonly contactRequested: string;
      readonly contactDone: string;
      readonly rated: (score: number, comment: string | null) => string;
      readonly files: (names: readonly string[]) => string;
    };
    readonly reply: string;
    readonly requestContact: string;
    /** The ticket's files, to receive one as a document. */
    readonly files: string;
    readonly filesWhich: string;
    readonly fileSending: (name: string) => string;
    readonly fileUnavailable: (name: string) => string;
    readonly close: string;
    readonly rate: string;
    readonly backToList: string;
    readonly askReply: (ref: string, max: number) => string;
    readonly replied: (ref: string) => string;
    readonly contactRequestedDone: (ref: string) => string;
    readonly confirmClose: (ref: string) => string;
    readonly closeYes: string;
    readonly closeNo: string;
    readonly closed: (ref: string) => string;
  };
  readonly rating: {
    readonly ask: (ref: string, subject: string) => string;
    /** Names of the scores 1 to 5, also accepted as answers. */
    readonly scoreNames: readonly string[];
    readonly askComment: (max: number) => string;
    readonly skip: string;
    readonly thanks: (ref: string) => string;
  };
  readonly offer: {
    readonly addTo: (ref: string, subject: string) => string;
    readonly yes: string;
    readonly no: string;
    readonly added: (ref: string) => string;
  };
  readonly language: {
    readonly ask: string;
    readonly set: string;
  };
}

/** Calendar parts of a date in a time zone, independent of the ICU version's punctuation. */
export const dateParts = (date: Date, timeZone: string) => {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
  };
};

/** "5 min", "2 h 05 min", "3 d 4 h": the same shape in both languages. */
export const compactDuration = (ms: number): string => {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
};
