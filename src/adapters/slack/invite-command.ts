import { catalogues, conversationCatalogues } from "../../core/i18n/index.js";
import { agentActor, agentLang, type SlackDeps } from "./deps.js";
import { inviteCatalogues } from "./i18n/invite.js";
import { COMMAND, type Respond } from "./requester-io.js";
import { escapeMrkdwn } from "./text.js";

const VERBS = new Set(["invite", "convidar"]);

export interface InviteRequest {
  readonly channel: string;
  readonly org: string;
  readonly name: string;
}

/** `/ticket invite telegram acme Ana Souza`: null when the text is not an invitation at all. */
export const parseInviteCommand = (raw: string): InviteRequest | "usage" | null => {
  const [verb = "", channel = "", org = "", ...name] = raw.trim().split(/\s+/);
  if (!VERBS.has(verb.toLowerCase())) return null;
  return channel && org && name.length > 0
    ? { channel: channel.toLowerCase(), org, name: name.join(" ") }
    : "usage";
};

/** Agents invite from Slack; the answer (link or code) is shown only to them. */
export const inviteFromSlack = async (
  deps: SlackDeps,
  user: string,
  command: (ReturnType<typeof parseInviteCommand> & object) | "usage",
  respond: Respond,
): Promise<void> => {
  const lang = agentLang(deps);
  const words = inviteCatalogues[lang];
  const say = async (text: string) => void (await respond({ response_type: "ephemeral", text }));
  if (!(await deps.access.isAgent(user))) return say(words.agentsOnly);
  if (command === "usage") return say(words.usage(COMMAND));
  const actor = agentActor(user, (await deps.people.get(user)).name);
  const issued = await deps.contacts.invite(actor, {
    channel: command.channel,
    name: command.name,
    organization: { key: command.org },
  });
  if (!issued.ok) return say(escapeMrkdwn(catalogues[lang].error(issued.error)));
  const until = conversationCatalogues[lang].dateTime(issued.value.expiresAt, deps.shared.timeZone);
  const name = escapeMrkdwn(command.name);
  return say(
    issued.value.telegramLink
      ? words.telegram(name, issued.value.telegramLink, until)
      : words.whatsapp(name, issued.value.whatsappText ?? issued.value.code, until),
  );
};
