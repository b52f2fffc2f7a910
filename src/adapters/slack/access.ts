import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.js";
import type { SlackWebClient } from "./clients.js";

const TTL_MS = 60_000;

/** Where agents are listed: the members of the agents' channels, or of one user group when configured. */
export type AgentSource =
  | { readonly kind: "channels"; readonly channels: readonly string[] }
  | { readonly kind: "usergroup"; readonly id: string };

/**
 * Who is an agent, asked of Slack and cached for a minute. Identity comes only from the user id
 * Slack put in a signed request; membership is checked again on every action.
 */
export interface AgentAccess {
  /** The agents who work a channel: its members, or the user group's when one is configured. */
  membersOf(channel: string): Promise<ReadonlySet<string>>;
  isAgent(user: string): Promise<boolean>;
}

export const createAgentAccess = (deps: {
  client: SlackWebClient;
  source: AgentSource;
  clock: Clock;
  logger: Logger;
}): AgentAccess => {
  const cache = new Map<string, { until: number; members: Promise<ReadonlySet<string>> }>();

  const channelMembers = async (channel: string): Promise<ReadonlySet<string>> => {
    const members = new Set<string>();
    for await (const page of deps.client.paginate("conversations.members", { channel, limit: 200 })) {
      for (const id of (page as { members?: string[] }).members ?? []) members.add(id);
    }
    return members;
  };

  const groupMembers = async (usergroup: string): Promise<ReadonlySet<string>> => {
    const { users } = (await deps.client.usergroups.users.list({ usergroup })) as { users?: string[] };
    return new Set(users ?? []);
  };

  const cached = (key: string, load: () => Promise<ReadonlySet<string>>): Promise<ReadonlySet<string>> => {
    const now = deps.clock.now().getTime();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.members;
    const members = load();
    cache.set(key, { until: now + TTL_MS, members });
    // A failed lookup is not remembered: the next action asks Slack again.
    members.catch((error: unknown) => {
      deps.logger.warn({ err: error, source: key }, "slack: could not list agents");
      cache.delete(key);
    });
    return members;
  };

  const membersOf = (channel: string): Promise<ReadonlySet<string>> =>
    deps.source.kind === "usergroup"
      ? cached(`usergroup:${deps.source.id}`, () => groupMembers((deps.source as { id: string }).id))
      : cached(`channel:${channel}`, () => channelMembers(channel));

  return {
    membersOf,
    async isAgent(user) {
      if (deps.source.kind === "usergroup") return (await membersOf("")).has(user);
      for (const channel of deps.source.channels) if ((await membersOf(channel)).has(user)) return true;
      return false;
    },
  };
};
