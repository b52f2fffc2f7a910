import { z } from "zod";
import { LANGS } from "../i18n/lang.js";
import { CHANNELS } from "../ticket/channel.js";
import { PRIORITIES } from "../ticket/priority.js";
import { PUBLIC_STATUSES } from "../ticket/status.js";

/** Bumped whenever a stored shape changes incompatibly; older sessions then restart with an apology. */
export const SESSION_VERSION = 1;

const ticketNumber = z.number().int().min(1);

/** An attachment received during a flow: its bytes wait in the blob store, only the reference is in the session. */
export const stashedFile = z.object({
  fileName: z.string().min(1).max(255),
  storageKey: z.string().min(1).max(300),
  size: z.number().int().min(0),
});
export type StashedFile = z.infer<typeof stashedFile>;

export const ticketDraft = z.object({
  subject: z.string().optional(),
  department: z.string().optional(),
  priority: z.enum(PRIORITIES).optional(),
  type: z.string().optional(),
  message: z.string().optional(),
  files: z.array(stashedFile).max(20).default([]),
  /** Similar tickets are offered once per flow. */
  similarOffered: z.boolean().default(false),
  /** Knowledge-base articles suggested during this flow: a ticket opened anyway is counted against them. */
  suggested: z.array(z.number().int().min(1)).max(12).default([]),
});
export type TicketDraft = z.infer<typeof ticketDraft>;

/** Fields asked one by one; `editing` sends the answer back to the summary instead of to the next field. */
const openStep = <S extends string>(step: S) =>
  z.object({ step: z.literal(step), draft: ticketDraft, editing: z.boolean().default(false) });

export const STATUS_FILTERS = ["all", ...PUBLIC_STATUSES] as const;
/** What the list shows: status, and the narrower filters and search words (a session from before them reads as none). */
const listView = z.object({
  filter: z.enum(STATUS_FILTERS),
  org: z.boolean(),
  priority: z.enum(PRIORITIES).nullable().default(null),
  department: z.string().max(64).nullable().default(null),
  text: z.string().max(200).nullable().default(null),
});
export type ListView = z.infer<typeof listView>;

export const DETAIL_ACTIONS = ["reply", "files", "contact", "close", "rate", "list", "menu"] as const;
export type DetailAction = (typeof DETAIL_ACTIONS)[number];

/** Every step of every flow, keyed by name (never by position), so reordering steps cannot misread a session. */
export const flowState = z.discriminatedUnion("step", [
  openStep("open.subject"),
  openStep("open.department"),
  openStep("open.priority"),
  openStep("open.type"),
  openStep("open.message"),
  openStep("open.files"),
  z.object({ step: z.literal("open.similar"), draft: ticketDraft, candidates: z.array(ticketNumber).max(3) }),
  z.object({ step: z.literal("open.summary"), draft: ticketDraft }),
  z.object({ step: z.literal("open.edit"), draft: ticketDraft }),
  z.object({ step: z.literal("open.attachments"), draft: ticketDraft }),
  z.object({ step: z.literal("tickets.list"), view: listView, shown: z.array(ticketNumber).max(10) }),
  z.object({ step: z.literal("tickets.filter"), view: listView }),
  z.object({ step: z.literal("tickets.filterBy"), view: listView, by: z.enum(["priority", "department"]) }),
  z.object({ step: z.literal("tickets.search"), view: listView }),
  z.object({
    step: z.literal("tickets.detail"),
    ticket: ticketNumber,
    view: listView.nullable(),
    /** The actions shown, in order, so a typed number means what the person saw. */
    offered: z.array(z.enum(DETAIL_ACTIONS)).max(DETAIL_ACTIONS.length).default([]),
  }),
  z.object({ step: z.literal("tickets.reply"), ticket: ticketNumber, view: listView.nullable() }),
  z.object({
    step: z.literal("tickets.files"),
    ticket: ticketNumber,
    view: listView.nullable(),
    /** The attachment ids listed, in order, so a typed number means what the person saw. */
    shown: z.array(z.string().min(1).max(64)).max(9).default([]),
  }),
  z.object({ step: z.literal("tickets.close"), ticket: ticketNumber, view: listView.nullable() }),
  z.object({ step: z.literal("rating.score"), ticket: ticketNumber }),
  z.object({
    step: z.literal("rating.comment"),
    ticket: ticketNumber,
    score: z.number().int().min(1).max(5),
  }),
  z.object({
    step: z.literal("offer.add"),
    ticket: ticketNumber,
    text: z.string().max(65_536),
    files: z.array(stashedFile).max(20),
  }),
]);
export type FlowState = z.infer<typeof flowState>;

/** Choosing a language in the middle of a flow comes back to where the contact was. */
const languageState = z.object({ step: z.literal("language"), resume: flowState.nullable() });

const articleId = z.number().int().min(1);
/** What was suggested and where the flow goes on ("I still need help"); null resumes at the menu. */
const suggestions = {
  resume: flowState.nullable(),
  origin: z.enum(["subject", "message", "search"]),
  query: z.string().max(400),
  articles: z.array(articleId).max(3),
  tickets: z.array(ticketNumber).max(3),
};
/** Knowledge-base help (issue 18): asking for words, the suggestions, one article being read. */
const helpState = z.discriminatedUnion("step", [
  z.object({ step: z.literal("help.ask"), resume: flowState.nullable() }),
  z.object({ step: z.literal("help.suggest"), ...suggestions, searched: z.boolean() }),
  z.object({ step: z.literal("help.article"), ...suggestions, article: articleId }),
]);

export const conversationState = z.union([flowState, languageState, helpState]);
export type ConversationState = z.infer<typeof conversationState>;
export type StepName = ConversationState["step"];
export type StateOf<S extends StepName> = Extract<ConversationState, { step: S }>;

const FLOW_OF: Readonly<Record<string, string>> = {
  open: "open_ticket",
  tickets: "my_tickets",
  rating: "rating",
  offer: "free_text",
  language: "language",
};

/** The flow and step names recorded for an abandoned flow ("open_ticket" / "department"). */
export const flowAndStep = (step: StepName): { flow: string; step: string } => {
  const [prefix = step, name = step] = step.split(".");
  return { flow: FLOW_OF[prefix] ?? prefix, step: name };
};

export const session = z.object({
  v: z.literal(SESSION_VERSION),
  contactId: z.string().min(1),
  channel: z.enum(CHANNELS),
  lang: z.enum(LANGS),
  /** One flow, one id: the expiry notice is keyed by it. */
  flowId: z.string().min(1),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  state: conversationState,
  /** The away message (outside business hours) was already given in this conversation. */
  away: z.boolean().optional(),
  /**
   * The message this state answers, saved with it: a redelivery whose processing was not recorded
   * (the process died right after saving) finds its answer here instead of being applied twice.
   */
  answers: z.string().min(1).max(300).optional(),
});
export type Session = z.infer<typeof session>;

/** What outlives the state's TTL, for the sweeper: enough to record the abandonment and say goodbye. */
export const sessionSummary = z.object({
  v: z.literal(SESSION_VERSION),
  contactId: z.string().min(1),
  channel: z.enum(CHANNELS),
  lang: z.enum(LANGS),
  flowId: z.string().min(1),
  step: z.string().min(1),
  updatedAt: z.iso.datetime(),
  /** A score given and waiting for its optional comment is kept when the flow expires. */
  rating: z.object({ ticket: ticketNumber, score: z.number().int().min(1).max(5) }).nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummary>;

export const summarize = (s: Session): SessionSummary => ({
  v: SESSION_VERSION,
  contactId: s.contactId,
  channel: s.channel,
  lang: s.lang,
  flowId: s.flowId,
  step: s.state.step,
  updatedAt: s.updatedAt,
  rating: s.state.step === "rating.comment" ? { ticket: s.state.ticket, score: s.state.score } : null,
});

const parseJson = <T>(schema: z.ZodType<T>, raw: string): T | null => {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};

/** Null when the stored text is not a session of this version: the caller restarts the flow. */
export const parseSession = (raw: string): Session | null => parseJson(session, raw);
export const parseSummary = (raw: string): SessionSummary | null => parseJson(sessionSummary, raw);
