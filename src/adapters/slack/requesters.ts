import { type Lang, langFromLocale } from "../../core/i18n/index.js";
import type { ContactRecord } from "../../core/ports/directory.js";
import { actorOf, identityOf, type RequesterActor } from "../../core/ticket/requester-of.js";
import type { RequesterIdentity } from "../../core/ticket/service.js";
import type { SlackDeps } from "./deps.js";

/** An internal requester: a workspace member opening and following tickets from Slack. */
export interface SlackRequester {
  readonly contact: ContactRecord;
  readonly actor: RequesterActor;
  readonly identity: RequesterIdentity;
  readonly lang: Lang;
}

const QUICK_LOOKUP_MS = 500;

/**
 * Workspace members are requesters on channel SLACK (platform user id = their Slack user id),
 * grouped in one organization per workspace. Slack already verified who they are, so they are
 * let in under either access policy.
 */
export interface Requesters {
  resolve(
    user: string,
    team: { readonly id: string; readonly domain?: string | null },
  ): Promise<SlackRequester>;
  /**
   * The person's language without making them wait: used before views.open, which must happen
   * within Slack's 3-second trigger window. Falls back to the default when the lookup is slow.
   */
  quickLang(user: string): Promise<Lang>;
}

export const createRequesters = (deps: Pick<SlackDeps, "directory" | "people" | "shared">): Requesters => ({
  async resolve(user, team) {
    const person = await deps.people.get(user);
    const contact = await deps.directory.ensureContact({
      channel: "SLACK",
      platformUserId: user,
      displayName: person.name,
      organization: { key: `slack:${team.id}`, name: team.domain || team.id },
      registered: false,
      locale: langFromLocale(person.locale),
    });
    return {
      contact,
      actor: actorOf(contact),
      identity: identityOf(contact),
      lang: langFromLocale(contact.locale) ?? langFromLocale(person.locale) ?? deps.shared.defaultLang,
    };
  },

  async quickLang(user) {
    const fallback = deps.shared.defaultLang;
    const lookup = deps.directory
      .findContact("SLACK", user)
      .then((c) => langFromLocale(c?.locale) ?? fallback)
      .catch(() => fallback);
    const timeout = new Promise<Lang>((resolve) =>
      setTimeout(() => resolve(fallback), QUICK_LOOKUP_MS).unref(),
    );
    return Promise.race([lookup, timeout]);
  },
});
