import { invitationCodeOf } from "../contacts/invitation-input.js";
import { accessCatalogues } from "../i18n/access-catalogue.js";
import { catalogues, conversationCatalogues } from "../i18n/index.js";
import { type Lang, langFromLocale } from "../i18n/lang.js";
import type { ContactRecord } from "../ports/directory.js";
import { ContactLockTimeoutError, type OpenTurn } from "../ports/turn-store.js";
import { DependencyUnavailableError, TurnLostError } from "../ports/unavailable.js";
import { actorOf, identityOf } from "../ticket/requester-of.js";
import { converse, present } from "./converse.js";
import type { ConversationDeps } from "./deps.js";
import { checkRatable, ratingPrompt } from "./flows/rating.js";
import { contactView, langOf, resolveContact } from "./identity.js";
import { type InboundMessage, type ParsedInbound, parseInbound } from "./inbound.js";
import {
  expireIfIdle,
  idleCutoff,
  nextSession,
  readSession,
  recordAbandoned,
  stoppedAt,
} from "./lifecycle.js";
import type { EngineReply, Prompt } from "./prompt.js";
import { parkedIn, releaseParked } from "./stash.js";
import { expireIdleSessions } from "./sweeper.js";
import { type Turn, text } from "./turn.js";

/**
 * The conversation engine every chat channel shares. Channels translate platform updates into
 * `InboundMessage`s, call `handle`, and render the returned prompts; they hold no dialogue logic.
 */
export interface ConversationEngine {
  /**
   * Answers one inbound message. Messages of one contact are processed one at a time in arrival order
   * (also across instances sharing Redis); a redelivered message id is answered once (`outcome: "duplicate"`).
   * Something the person sent never throws: a bug on our side comes back as `outcome: "failed"` with
   * an apology. A store that cannot be reached, a turn that could not start in time or lost its lock
   * throws (DependencyUnavailableError, ContactLockTimeoutError, TurnLostError; see `isRetryLater`):
   * nothing of the message was kept and no apology was sent, so the channel answers the platform that
   * it should deliver the message again. InboundMessageError means the adapter handed over something
   * that is not a message.
   */
  handle(message: InboundMessage, options?: HandleOptions): Promise<EngineReply>;
  /**
   * Ends every flow idle past the timeout (up to `limit`): records it as abandoned with its step and
   * enqueues the localized "conversation ended" notice in the outbox (kind `conversation.expired`).
   * Safe to run on several instances at once. Returns how many flows it ended.
   */
  expireIdle(now?: Date, limit?: number): Promise<number>;
  /**
   * The rating question for a ticket an agent closed, for the notification path to send. Re-checks that
   * the contact may rate it (visible to them, closed, not rated), else null. With no flow in progress it
   * also becomes the current question, so a typed "5" answers it; its buttons (`rate:<ticket>:<score>`)
   * work at any time.
   */
  requestRating(contactId: string, ticketNumber: number): Promise<EngineReply | null>;
}

/** What became of an answer handed to the channel: on its way now, or queued for a retry. */
export type AnswerDelivery = "sent" | "queued";

export interface HandleOptions {
  /**
   * Sends the reply to the person, inside the contact's turn and before it is saved, so an answer
   * computed by a process that died before saving is computed and sent again by the redelivery. The
   * channel sends at once when it can; when the platform fails (5xx, 429, timeout) it queues the
   * answer in the outbox for retries and says "queued". With `behind` set, an earlier answer of this
   * contact may still be queued: this one must go after it.
   */
  readonly deliver?: (reply: EngineReply, options: { readonly behind: boolean }) => Promise<AnswerDelivery>;
}

/** Failures that mean "deliver this again later", not "something went wrong": answered 503 upstream. */
export const isRetryLater = (error: unknown): boolean =>
  error instanceof DependencyUnavailableError ||
  error instanceof ContactLockTimeoutError ||
  error instanceof TurnLostError;

const lockKey = (channel: string, platformUserId: string) => `${channel}:${platformUserId}`;

export const createConversationEngine = (deps: ConversationDeps): ConversationEngine => {
  const { settings } = deps;

  const turnFor = (contact: ContactRecord, lang: Lang, sourceKey: string): Turn => ({
    deps,
    contact,
    actor: actorOf(contact),
    identity: identityOf(contact),
    lang,
    t: conversationCatalogues[lang],
    core: catalogues[lang],
    sourceKey,
  });

  const reply = (
    contact: ContactRecord | null,
    lang: Lang,
    prompts: readonly Prompt[],
    outcome: EngineReply["outcome"],
  ): EngineReply => ({ contact: contact && contactView(contact, lang), lang, prompts, outcome });

  /** Outside business hours, the first message of a conversation hears when support is back. */
  const awayNotice = (
    session: { away?: boolean | undefined } | null,
    now: Date,
    lang: Lang,
  ): Prompt | null => {
    const hours = deps.awayHours;
    if (!hours || session?.away || hours.isOpen(now)) return null;
    const next = hours.nextOpening(now);
    const when = next ? conversationCatalogues[lang].dateTime(next, hours.hours.timeZone) : null;
    return text(conversationCatalogues[lang].session.away(when));
  };

  /** One message of a known contact, inside its turn: the answer and the session to save after it. */
  const answer = async (contact: ContactRecord, inbound: ParsedInbound, open: OpenTurn) => {
    const now = deps.clock.now();
    let lang = langOf(contact, inbound.from.locale, settings.defaultLang);
    const notices: Prompt[] = [];
    const stored = open.session;
    const idle = stored?.lastActivityAt != null && stored.lastActivityAt <= idleCutoff(deps, now);
    const expired = idle ? await expireIfIdle(deps, contact, now) : null;
    if (expired) notices.push(text(conversationCatalogues[lang].session.expired(settings.idleMinutes)));
    const { session, corrupt } = expired
      ? { session: null, corrupt: false }
      : await readSession(deps, contact.id, stored, now);
    if (corrupt) notices.push(text(conversationCatalogues[lang].session.corrupt));

    const state = session?.state ?? null;
    const away = awayNotice(session, now, lang);
    if (away) notices.push(away);
    const sourceKey = `${inbound.channel}:${inbound.messageId}`;
    const outcome = await converse(turnFor(contact, lang, sourceKey), state, inbound.input);
    if (outcome.abandoned && state)
      await recordAbandoned(deps, contact.id, stoppedAt(state), outcome.abandoned, now);
    lang = outcome.lang ?? lang;
    const presented = await present(turnFor(contact, lang, sourceKey), outcome);
    // Files the flow held and no longer does (it ended, was cancelled or switched, or dropped them):
    // released once the new state is saved, so a crash before that never loses files a flow still names.
    const held = parkedIn(state);
    const kept = parkedIn(presented.state);
    const dropped: readonly string[] | "all" =
      held.size === 0 ? [] : presented.state === null ? "all" : [...held].filter((k) => !kept.has(k));
    return {
      reply: reply(contact, lang, [...notices, ...presented.prompts], "answered"),
      next: nextSession(contact, session, presented.state, lang, now, away !== null),
      dropped,
    };
  };

  /** The person sent an invitation code: activated with a welcome, or told the code opens nothing. */
  const redeemInvitation = async (
    contacts: NonNullable<ConversationDeps["contacts"]>,
    inbound: ParsedInbound,
    code: string,
  ): Promise<EngineReply> => {
    const activated = await contacts.activate(
      {
        channel: inbound.channel,
        platformUserId: inbound.from.platformUserId,
        displayName: inbound.from.displayName || inbound.from.platformUserId,
        locale: langFromLocale(inbound.from.locale) ?? null,
      },
      code,
    );
    if (!activated.ok) {
      const lang = langOf(null, inbound.from.locale, settings.defaultLang);
      return reply(null, lang, [text(accessCatalogues[lang].invalidCode)], "refused");
    }
    const { contact } = activated;
    const lang = langOf(contact, inbound.from.locale, settings.defaultLang);
    const organization = await deps.directory.findOrganization(contact.person.organizationId);
    return reply(
      contact,
      lang,
      [text(accessCatalogues[lang].welcome(contact.person.name, organization?.name ?? ""))],
      "answered",
    );
  };

  const failed = (contact: ContactRecord | null, inbound: ParsedInbound, error: unknown): EngineReply => {
    deps.logger?.error(
      { err: error, channel: inbound.channel, messageId: inbound.messageId },
      "conversation failed",
    );
    const lang = langOf(contact, inbound.from.locale, settings.defaultLang);
    return reply(
      contact,
      lang,
      [{ kind: "error", text: conversationCatalogues[lang].session.failed }],
      "failed",
    );
  };

  /** Runs `work` in a turn of its own (no message): the sweeper and rating requests. */
  const inTurn = async <T>(contact: ContactRecord, work: (open: OpenTurn) => Promise<T>): Promise<T> => {
    const started = await deps.turns.begin({
      lockKey: lockKey(contact.channel, contact.platformUserId),
      contactId: contact.id,
      messageKey: null,
      rememberMs: settings.rememberMs,
    });
    if (started.kind !== "open") throw new Error("a turn without a message cannot have been handled");
    return work(started);
  };

  return {
    async handle(message, options = {}) {
      const inbound = parseInbound(message);
      const deliver = options.deliver;
      const code = deps.contacts ? invitationCodeOf(inbound.input) : null;
      if (code && deps.contacts) {
        const answered = await redeemInvitation(deps.contacts, inbound, code);
        await deliver?.(answered, { behind: false });
        return answered;
      }
      let contact: ContactRecord | null;
      try {
        contact = await resolveContact(deps, inbound);
      } catch (error) {
        if (isRetryLater(error)) throw error;
        const failure = failed(null, inbound, error);
        await deliver?.(failure, { behind: false }).catch(() => undefined);
        return failure;
      }
      if (!contact) {
        const lang = langOf(null, inbound.from.locale, settings.defaultLang);
        const refused = reply(
          null,
          lang,
          [text(conversationCatalogues[lang].session.notRegistered(inbound.from.platformUserId))],
          "refused",
        );
        await deliver?.(refused, { behind: false });
        return refused;
      }
      if (contact.deactivatedAt) {
        // Refused before any turn begins: no session, no handled-message record, nothing stored.
        const lang = langOf(contact, inbound.from.locale, settings.defaultLang);
        const refused = reply(null, lang, [text(accessCatalogues[lang].deactivated)], "refused");
        await deliver?.(refused, { behind: false });
        return refused;
      }
      const key = lockKey(inbound.channel, inbound.from.platformUserId);
      const started = await deps.turns.begin({
        lockKey: key,
        contactId: contact.id,
        messageKey: `${inbound.channel}:${inbound.messageId}`,
        rememberMs: message.redeliveryWindowMs ?? settings.rememberMs,
      });
      if (started.kind === "done")
        return reply(contact, langOf(contact, inbound.from.locale, settings.defaultLang), [], "duplicate");

      let sent = false;
      try {
        const { reply: answered, next, dropped } = await answer(contact, inbound, started);
        const delivered = deliver ? await deliver(answered, { behind: started.answersQueued }) : "sent";
        sent = true;
        if (!(await started.commit(next, { queued: delivered === "queued" }))) throw new TurnLostError(key);
        await releaseParked(deps, contact.id, dropped);
        return answered;
      } catch (error) {
        await started.abort().catch(() => undefined);
        // Nothing was kept: the platform's redelivery does it all again, so the person hears nothing now.
        if (isRetryLater(error)) throw error;
        const failure = failed(contact, inbound, error);
        if (deliver && !sent)
          await deliver(failure, { behind: started.answersQueued }).catch(() => undefined);
        return failure;
      }
    },

    expireIdle: (now = deps.clock.now(), limit = 100) =>
      expireIdleSessions(deps, now, limit, (contact, run) =>
        inTurn(contact, async (open) => {
          try {
            return await run(open);
          } finally {
            await open.abort();
          }
        }),
      ),

    async requestRating(contactId, ticketNumber) {
      const contact = await deps.directory.findContactById(contactId);
      if (!contact) return null;
      return inTurn(contact, async (open) => {
        try {
          const now = deps.clock.now();
          const lang = langOf(contact, null, settings.defaultLang);
          const turn = turnFor(contact, lang, `rating-request:${contactId}:${ticketNumber}`);
          const ratable = await checkRatable(turn, ticketNumber);
          if (!ratable.ok) {
            await open.abort();
            return null;
          }
          const stored = open.session;
          const idle = stored?.lastActivityAt != null && stored.lastActivityAt <= idleCutoff(deps, now);
          if (idle) await expireIfIdle(deps, contact, now);
          // Busy in a flow: the buttons still answer it; otherwise it becomes the current question.
          if (stored?.state != null && !idle) await open.abort();
          else {
            const rating = nextSession(
              contact,
              null,
              { step: "rating.score", ticket: ticketNumber },
              lang,
              now,
            );
            if (!(await open.commit(rating, { queued: open.answersQueued })))
              throw new TurnLostError(contact.id);
          }
          return reply(contact, lang, [ratingPrompt(turn, ratable.ticket)], "answered");
        } catch (error) {
          await open.abort().catch(() => undefined);
          throw error;
        }
      });
    },
  };
};
