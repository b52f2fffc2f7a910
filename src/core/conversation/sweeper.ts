import { conversationCatalogues } from "../i18n/index.js";
import type { OutboxDraft } from "../outbox/outbox-draft.js";
import type { ContactRecord } from "../ports/directory.js";
import type { OpenTurn } from "../ports/turn-store.js";
import type { ConversationDeps } from "./deps.js";
import { expireIfIdle, idleCutoff } from "./lifecycle.js";
import { releaseParked } from "./stash.js";
import type { SessionSummary } from "./state.js";

export const EXPIRED_NOTICE_KIND = "conversation.expired";

/** The "conversation ended" message; its key names the flow and its last activity, so it is written once. */
export const expiredNotice = (
  deps: ConversationDeps,
  contact: ContactRecord,
  summary: SessionSummary,
  now: Date,
): OutboxDraft => ({
  key: `${EXPIRED_NOTICE_KIND}:${summary.flowId}:${Date.parse(summary.updatedAt)}`,
  channel: contact.channel,
  kind: EXPIRED_NOTICE_KIND,
  ticketId: null,
  scope: `contact:${contact.id}`,
  payload: {
    kind: EXPIRED_NOTICE_KIND,
    contactId: contact.id,
    lang: summary.lang,
    text: conversationCatalogues[summary.lang].session.expired(deps.settings.idleMinutes),
  },
  availableAt: now,
});

/**
 * The sweep behind `expireIdle`. Each session is claimed under its contact's lock, so a message arriving
 * at the same moment either continues the flow or finds it ended, never both. A crash between the claim
 * and the outbox write loses that one notice; the abandonment is recorded first.
 */
export const expireIdleSessions = async (
  deps: ConversationDeps,
  now: Date,
  limit: number,
  withTurn: <T>(contact: ContactRecord, run: (turn: OpenTurn) => Promise<T>) => Promise<T>,
): Promise<number> => {
  const cutoff = idleCutoff(deps, now);
  let ended = 0;
  for (const contactId of await deps.turns.listIdle(cutoff, limit)) {
    try {
      const contact = await deps.directory.findContactById(contactId);
      if (!contact) {
        // Nobody left to tell: drop the session so it is not swept forever.
        await deps.turns.claimIdle(contactId, cutoff);
        continue;
      }
      const summary = await withTurn(contact, () => expireIfIdle(deps, contact, now));
      if (!summary) continue;
      await deps.outbox.enqueue([expiredNotice(deps, contact, summary, now)]);
      ended += 1;
    } catch (error) {
      // One broken session must not stop the sweep of the others.
      deps.logger?.error({ err: error, contactId }, "could not expire a conversation");
    }
  }
  await releaseOrphanedParking(deps, cutoff, limit, withTurn);
  return ended;
};

/**
 * Files parked by flows that are gone without having released them: a process that died mid-turn, or
 * sessions kept in memory by an instance that restarted. Under the contact's lock, and only while the
 * contact has no session, so a flow that is still going keeps its files however old they are.
 */
const releaseOrphanedParking = async (
  deps: ConversationDeps,
  cutoff: Date,
  limit: number,
  withTurn: <T>(contact: ContactRecord, run: (turn: OpenTurn) => Promise<T>) => Promise<T>,
): Promise<void> => {
  for (const contactId of await deps.parked.idleHolders(cutoff, limit)) {
    try {
      const contact = await deps.directory.findContactById(contactId);
      if (!contact) await releaseParked(deps, contactId, "all");
      else
        await withTurn(contact, async (turn) => {
          if (!turn.session?.state) await releaseParked(deps, contactId, "all");
        });
    } catch (error) {
      deps.logger?.error({ err: error, contactId }, "could not release a gone flow's files");
    }
  }
};
