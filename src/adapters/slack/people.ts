import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.js";
import type { SlackWebClient } from "./clients.js";

export interface SlackPerson {
  readonly id: string;
  readonly name: string;
  /** Slack's locale for the person ("pt-BR", "en-US"), when Slack shares it. */
  readonly locale: string | null;
  readonly isBot: boolean;
}

interface UsersInfo {
  user?: {
    id?: string;
    name?: string;
    real_name?: string;
    is_bot?: boolean;
    locale?: string;
    profile?: { display_name?: string; real_name?: string };
  };
}

const TTL_MS = 10 * 60_000;
const FAILED_TTL_MS = 30_000;

/**
 * Names and locales of Slack users, cached for a few minutes. A failed lookup falls back to the
 * user id, so a name never blocks handling a message.
 */
export interface People {
  get(id: string): Promise<SlackPerson>;
}

export const createPeople = (deps: { client: SlackWebClient; clock: Clock; logger: Logger }): People => {
  const cache = new Map<string, { until: number; person: Promise<SlackPerson> }>();

  const fetchPerson = async (id: string): Promise<{ person: SlackPerson; ttl: number }> => {
    try {
      const { user } = (await deps.client.users.info({ user: id, include_locale: true })) as UsersInfo;
      const name =
        user?.profile?.display_name || user?.real_name || user?.profile?.real_name || user?.name || id;
      return {
        person: {
          id,
          name,
          locale: user?.locale ?? null,
          isBot: user?.is_bot === true || id === "USLACKBOT",
        },
        ttl: TTL_MS,
      };
    } catch (error) {
      deps.logger.warn({ err: error, user: id }, "slack: users.info failed; using the user id as name");
      return { person: { id, name: id, locale: null, isBot: false }, ttl: FAILED_TTL_MS };
    }
  };

  return {
    get(id) {
      const now = deps.clock.now().getTime();
      const cached = cache.get(id);
      if (cached && cached.until > now) return cached.person;
      const person = fetchPerson(id).then(({ person, ttl }) => {
        cache.set(id, { until: deps.clock.now().getTime() + ttl, person: Promise.resolve(person) });
        return person;
      });
      cache.set(id, { until: now + FAILED_TTL_MS, person });
      return person;
    },
  };
};
