import { randomUUID } from "node:crypto";
import type { Lang } from "../i18n/lang.js";
import type { AbandonReason } from "../ports/abandoned-flows.js";
import type { ContactRecord } from "../ports/directory.js";
import type { SessionEntry, StoredSession } from "../ports/turn-store.js";
import { actorOf } from "../ticket/requester-of.js";
import type { ConversationDeps } from "./deps.js";
import { saveRating } from "./flows/rating.js";
import { releaseParked } from "./stash.js";
import {
  type ConversationState,
  flowAndStep,
  parseSession,
  parseSummary,
  SESSION_VERSION,
  type Session,
  type SessionSummary,
  type StepName,
  summarize,
} from "./state.js";

/** Looking around leaves nothing unfinished: these steps end without being counted as abandoned. */
const BROWSING: ReadonlySet<string> = new Set<StepName>([
  "tickets.list",
  "tickets.filter",
  "tickets.filterBy",
  "tickets.search",
  "tickets.detail",
  "tickets.files",
  "language",
]);

/** The step a flow stopped at; a language question asked mid-flow stands for the step it interrupted. */
export const stoppedAt = (state: ConversationState): string =>
  state.step === "language" ? (state.resume?.step ?? state.step) : state.step;

export const recordAbandoned = async (
  deps: ConversationDeps,
  contactId: string,
  step: string,
  reason: AbandonReason,
  at: Date,
): Promise<void> => {
  if (BROWSING.has(step)) return;
  const names = reason === "corrupt" ? { flow: "unknown", step: "unknown" } : flowAndStep(step as StepName);
  await deps.abandoned.record({ contactId, ...names, reason, at });
};

export const idleCutoff = (deps: ConversationDeps, now: Date): Date =>
  new Date(now.getTime() - deps.settings.idleMinutes * 60_000);

/** What ending an idle flow does besides saying so: record it, and keep a score given before the comment. */
const finishExpired = async (
  deps: ConversationDeps,
  contact: ContactRecord,
  summary: SessionSummary,
  now: Date,
) => {
  await recordAbandoned(deps, contact.id, summary.step, "timeout", now);
  await releaseParked(deps, contact.id, "all");
  if (summary.rating)
    await saveRating({ deps, actor: actorOf(contact) }, summary.rating.ticket, summary.rating.score);
};

/**
 * Claims the contact's session if it is idle past the timeout (exactly one of the sweeper and a new
 * message gets it) and ends it. Returns the ended flow's summary, or null when nothing expired.
 */
export const expireIfIdle = async (
  deps: ConversationDeps,
  contact: ContactRecord,
  now: Date,
): Promise<SessionSummary | null> => {
  const claimed = await deps.turns.claimIdle(contact.id, idleCutoff(deps, now));
  if (claimed === null) return null;
  const summary = parseSummary(claimed);
  if (!summary) {
    deps.logger?.warn(
      { contactId: contact.id },
      "expired conversation summary did not parse; nothing recorded",
    );
    return null;
  }
  await finishExpired(deps, contact, summary, now);
  return summary;
};

/** The session a turn found, parsed; `corrupt` when it was there but did not parse (it is then replaced). */
export type Loaded = { readonly session: Session | null; readonly corrupt: boolean };

export const readSession = async (
  deps: ConversationDeps,
  contactId: string,
  stored: StoredSession | null,
  now: Date,
): Promise<Loaded> => {
  if (stored?.state == null) return { session: null, corrupt: false };
  const session = parseSession(stored.state);
  if (session && session.contactId === contactId) return { session, corrupt: false };
  deps.logger?.warn({ contactId }, "stored conversation did not parse; restarting the flow");
  await recordAbandoned(deps, contactId, "unknown", "corrupt", now);
  await releaseParked(deps, contactId, "all");
  return { session: null, corrupt: true };
};

/** What the turn writes for the next message: the state and its summary, or null when no flow goes on. */
export const nextSession = (
  contact: ContactRecord,
  previous: Session | null,
  state: ConversationState | null,
  lang: Lang,
  now: Date,
  away = false,
): SessionEntry | null => {
  if (state === null) return null;
  const sameFlow =
    previous !== null && flowAndStep(previous.state.step).flow === flowAndStep(state.step).flow;
  const session: Session = {
    v: SESSION_VERSION,
    contactId: contact.id,
    channel: contact.channel,
    lang,
    flowId: sameFlow ? previous.flowId : randomUUID(),
    startedAt: sameFlow ? previous.startedAt : now.toISOString(),
    updatedAt: now.toISOString(),
    state,
    ...(away || previous?.away ? { away: true } : {}),
  };
  return {
    state: JSON.stringify(session),
    summary: JSON.stringify(summarize(session)),
    lastActivityAt: now,
  };
};
