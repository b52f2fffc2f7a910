/** The one kind of link chamado writes on purpose: a ticket id linking to its thread in the workspace. */
const OWN_LINK = /<https:\/\/[a-z0-9-]+\.slack\.com\/archives\/[A-Z0-9]+\/p\d+\|TKT-\d{6}>/g;
/** And dates it formats in each reader's time zone (App Home), whose fallback is a plain UTC time. */
const OWN_DATE = /<!date\^\d+\^\{date_short\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>/g;

/**
 * Every string of a Web API call that Slack parses for mentions and links: a message's `text`, and
 * the text of mrkdwn objects (sections, fields, context). plain_text objects, ids and values are
 * shown or used as they are, so they may hold anything.
 */
export const parsedStrings = (value: unknown, key = ""): string[] => {
  if (typeof value === "string") return key === "text" ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => parsedStrings(v, key));
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (record.type === "plain_text") return [];
  return Object.entries(record).flatMap(([k, v]) =>
    k === "metadata" || k === "value" || k === "private_metadata" ? [] : parsedStrings(v, k),
  );
};

/** Parsed strings holding an angle bracket chamado did not write: a mention, a channel ping or a disguised link. */
export const injectedMarkup = (calls: readonly { readonly args: unknown }[]): string[] =>
  calls
    .flatMap((call) => parsedStrings(call.args))
    .filter((text) => text.replace(OWN_LINK, "").replace(OWN_DATE, "").includes("<"));

export const SLACK_WRITES = [
  "chat.postMessage",
  "chat.update",
  "chat.postEphemeral",
  "views.publish",
] as const;
