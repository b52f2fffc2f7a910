/** Block Kit's limits that user content can reach. */
export const LIMITS = {
  sectionText: 3000,
  header: 150,
  optionText: 75,
  buttonText: 75,
  contextText: 2000,
} as const;

/** Cuts to `max` characters (not UTF-16 units), marking the cut. */
export const clip = (text: string, max: number): string => {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
};

/** User text inside mrkdwn: Slack only needs &, < and > escaped. */
export const escapeMrkdwn = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Each line as a quote. */
export const quote = (text: string): string =>
  text
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");

/**
 * A Slack message's text as plain text for another channel: links, mentions and channel references
 * lose their angle brackets, and the three escaped characters come back.
 */
export const plainFromSlack = (text: string): string =>
  text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, (_, target: string, label: string) =>
      target.startsWith("@") || target.startsWith("#") || target.startsWith("!")
        ? `${target[0]}${label}`
        : `${label} (${target})`,
    )
    .replace(/<!(here|channel|everyone)>/g, "@$1")
    .replace(/<([@#])([A-Z0-9]+)>/g, "$1$2")
    .replace(/<([^<>]+)>/g, "$1")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/** What a Slack user id looks like; anything else after "slack:" (an id set through the API) is not one. */
const SLACK_USER = /^[UW][A-Z0-9]{2,30}$/;

/**
 * A mention of a Slack agent, or their name for agents from elsewhere (CLI, API). The only place
 * chamado writes a user mention, and only for an id that is one: an assignee named "slack:U1> <!here"
 * through the API shows as text.
 */
export const mention = (agent: { readonly id: string; readonly name: string }): string => {
  const user = slackUserOf(agent.id);
  return user && SLACK_USER.test(user) ? `<@${user}>` : escapeMrkdwn(agent.name);
};

/** Agent actors from Slack carry "slack:<user id>". */
export const agentIdOf = (user: string): string => `slack:${user}`;
export const slackUserOf = (agentId: string): string | null =>
  agentId.startsWith("slack:") ? agentId.slice("slack:".length) : null;

/** A message link inside the workspace ("https://acme.slack.com/archives/C1/p1700000000000100"). */
export const messageLink = (workspaceUrl: string, channel: string, ts: string): string =>
  `${workspaceUrl.replace(/\/?$/, "/")}archives/${channel}/p${ts.replace(".", "")}`;
