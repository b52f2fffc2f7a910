import { catalogues, conversationCatalogues } from "../i18n/index.js";
import type { Lang } from "../i18n/lang.js";
import type { ContactRecord } from "../ports/directory.js";
import { actorOf, identityOf } from "../ticket/requester-of.js";
import { converse, present } from "./converse.js";
import type { ConversationDeps } from "./deps.js";
import { checkRatable, ratingPrompt } from "./flows/rating.js";
import { contactView, langOf, resolveContact } from "./identity.js";
import { type InboundMessage, type ParsedInbound, parseInbound } from "./inbound.js";
import { expireIfIdle, loadSession, persist, recordAbandoned, stoppedAt } from "./lifecycle.js";
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
   * Never throws for anything the person sent or for a failing dependency: the reply then has
   * `outcome: "failed"` and an apology, and a redelivery of the same message is processed again.
   * Throws `InboundMessageError` only when the adapter hands over something that is not a message.
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

export interface HandleOptions {
  /**
   * Sends the reply to the person, inside the contact's lock. With it, an answer computed by a process
   * that died before sending it goes out when the platform delivers the message again, and a
   * redelivery racing the first delivery waits for it instead of answering twice. Sending failures
   * are the channel's to report; this should not throw for them.
   */
  readonly deliver?: (reply: EngineReply) => Promise<void>;
}

/** The channel's sender for one message, and whether anything was handed to it yet. */
interface Delivery {
  send(reply: EngineReply): Promise<void>;
  sent(): boolean;
}

const tracked = (deliver: NonNullable<HandleOptions["deliver"]>): Delivery => {
  let sent = false;
  return {
    send(reply) {
      sent = true;
      return deliver(reply);
    },
    sent: () => sent,
  };
};

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

  /**
   * One message of a known contact, inside the contact's lock and after the duplicate check. `settle`
   * records the message as processed; it is ordered against saving the conversation so that a crash
   * between the two never applies the message twice (see the two branches at the end).
   */
  const answer = async (
    contact: ContactRecord,
    inbound: ParsedInbound,
    settle: (reply: EngineReply) => Promise<void>,
  ): Promise<EngineReply> => {
    const now = deps.clock.now();
    let lang = langOf(contact, inbound.from.locale, settings.defaultLang);
    const notices: Prompt[] = [];
    if (await expireIfIdle(deps, contact, now)) {
      notices.push(text(conversationCatalogues[lang].session.expired(settings.idleMinutes)));
    }
    const { session, corrupt } = await loadSession(deps, contact.id, now);
    if (corrupt) notices.push(text(conversationCatalogues[lang].session.corrupt));

    const state = session?.state ?? null;
    const sourceKey = `${inbound.channel}:${inbound.messageId}`;
    if (session?.answers === sourceKey) {
      // Applied already, but never recorded as processed: ask again where it left the conversation.
      const again = await present(turnFor(contact, lang, sourceKey), { say: [], next: session.state });
      await persist(deps, contact, session, again.state, lang, now, sourceKey);
      const asked = reply(contact, lang, [...notices, ...again.prompts], "answered");
      await settle(asked);
      return asked;
    }
    const outcome = await converse(turnFor(contact, lang, sourceKey), state, inbound.input);
    if (outcome.abandoned && state)
      await recordAbandoned(deps, contact.id, stoppedAt(state), outcome.abandoned, now);
    lang = outcome.lang ?? lang;
    const presented = await present(turnFor(contact, lang, sourceKey), outcome);
    const answered = reply(contact, lang, [...notices, ...presented.prompts], "answered");
    if (presented.state === null) {
      // The flow ends and its session goes, and with it the mark above: recorded first, so a redelivery
      // after a crash sends this answer rather than taking the message to the menu.
      await settle(answered);
      await persist(deps, contact, session, null, lang, now);
    } else {
      await persist(deps, contact, session, presented.state, lang, now, sourceKey);
      await settle(answered);
    }
    // Files the flow held and no longer does (it ended, was cancelled or switched, or dropped them):
    // released once the new state is saved, so a crash before that never loses files a flow still names.
    const held = parkedIn(state);
    if (held.size > 0) {
      const kept = parkedIn(presented.state);
      await releaseParked(
        deps,
        contact.id,
        presented.state === null ? "all" : [...held].filter((k) => !kept.has(k)),
      );
    }
    return answered;
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

  /** A redelivery: nothing to say, unless the answer to the first delivery never went out. */
  const redelivered = async (
    contact: ContactRecord,
    inbound: ParsedInbound,
    key: string,
    delivery: Delivery | null,
  ): Promise<EngineReply> => {
    const pending = delivery ? await deps.dedupe.pendingAnswer(key) : null;
    if (!pending || !delivery) {
      return reply(contact, langOf(contact, inbound.from.locale, settings.defaultLang), [], "duplicate");
    }
    const replayed = reply(contact, pending.lang, pending.prompts, "duplicate");
    await delivery.send(replayed);
    await deps.dedupe.answered(key);
    return replayed;
  };

  const handleLocked = async (inbound: ParsedInbound, delivery: Delivery | null): Promise<EngineReply> => {
    let contact: ContactRecord | null = null;
    let claimed: string | null = null;
    let settled: EngineReply | null = null;
    try {
      contact = await resolveContact(deps, inbound);
      if (!contact) {
        const lang = langOf(null, inbound.from.locale, settings.defaultLang);
        const refused = reply(
          null,
          lang,
          [text(conversationCatalogues[lang].session.notRegistered(inbound.from.platformUserId))],
          "refused",
        );
        await delivery?.send(refused);
        return refused;
      }
      const key = `${inbound.channel}:${inbound.messageId}`;
      if ((await deps.dedupe.claim(key)) === "done")
        return await redelivered(contact, inbound, key, delivery);
      claimed = key;
      const answered = await answer(contact, inbound, async (done) => {
        // Kept until sent: if this process dies in between, the platform's redelivery sends it.
        await deps.dedupe.settle(key, delivery ? { lang: done.lang, prompts: done.prompts } : null);
        settled = done;
      });
      if (delivery) {
        await delivery.send(answered);
        await deps.dedupe.answered(key);
      }
      return answered;
    } catch (error) {
      const failure = failed(contact, inbound, error);
      if (!settled) {
        // Before it was settled nothing of the message counts: its redelivery is processed afresh.
        if (claimed) await deps.dedupe.release(claimed).catch(() => undefined);
        await delivery?.send(failure).catch(() => undefined);
      } else if (delivery && !delivery.sent()) {
        // Processed and recorded, only the cleanup after it failed: the person still gets the answer.
        await delivery
          .send(settled)
          .then(() => deps.dedupe.answered(claimed!))
          .catch(() => undefined);
      }
      return failure;
    }
  };

  return {
    async handle(message, options = {}) {
      const inbound = parseInbound(message);
      const delivery = options.deliver ? tracked(options.deliver) : null;
      try {
        return await deps.lock.run(lockKey(inbound.channel, inbound.from.platformUserId), () =>
          handleLocked(inbound, delivery),
        );
      } catch (error) {
        // The lock failed (Redis away) before or after the work: the person hears of it only if nothing was sent.
        const failure = failed(null, inbound, error);
        if (delivery && !delivery.sent()) await delivery.send(failure).catch(() => undefined);
        return failure;
      }
    },

    expireIdle: (now = deps.clock.now(), limit = 100) =>
      expireIdleSessions(deps, now, limit, (contact, run) =>
        deps.lock.run(lockKey(contact.channel, contact.platformUserId), run),
      ),

    async requestRating(contactId, ticketNumber) {
      const contact = await deps.directory.findContactById(contactId);
      if (!contact) return null;
      return deps.lock.run(lockKey(contact.channel, contact.platformUserId), async () => {
        const now = deps.clock.now();
        const lang = langOf(contact, null, settings.defaultLang);
        const turn = turnFor(contact, lang, `rating-request:${contactId}:${ticketNumber}`);
        const ratable = await checkRatable(turn, ticketNumber);
        if (!ratable.ok) return null;
        await expireIfIdle(deps, contact, now);
        const { session } = await loadSession(deps, contact.id, now);
        if (!session)
          await persist(deps, contact, null, { step: "rating.score", ticket: ticketNumber }, lang, now);
        return reply(contact, lang, [ratingPrompt(turn, ratable.ticket)], "answered");
      });
    },
  };
};
