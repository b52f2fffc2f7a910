import { catalogues } from "../../../core/i18n/index.js";
import { formatTicketId, parseTicketRef } from "../../../core/ticket/ticket-ref.js";
import { agentActor, agentLang, type SlackDeps } from "../deps.js";
import { slackCatalogues } from "../i18n/index.js";
import { slackToolsCatalogues } from "../i18n/tools.js";
import { COMMAND, type Respond } from "../requester-io.js";
import { escapeMrkdwn } from "../text.js";

/** `/ticket merge TKT-000002 TKT-000001`: an agent merges the first ticket into the second. */
export interface MergeHandlers {
  /** False for any command but merge. */
  command(input: { text: string; user: string }, respond: Respond): Promise<boolean>;
}

export const createMergeHandlers = (deps: SlackDeps): MergeHandlers => ({
  async command(input, respond) {
    const [verb = "", first, second, ...rest] = input.text.trim().split(/\s+/);
    if (!/^(merge|juntar)$/i.test(verb)) return false;
    const lang = agentLang(deps);
    const say = (text: string) => respond({ response_type: "ephemeral", text });
    if (!(await deps.access.isAgent(input.user))) {
      await say(slackCatalogues[lang].thread.notAgent);
      return true;
    }
    const duplicate = first ? parseTicketRef(first) : null;
    const target = second ? parseTicketRef(second) : null;
    if (duplicate === null || target === null || rest.length > 0) {
      await say(slackToolsCatalogues[lang].merge.usage(COMMAND));
      return true;
    }
    const actor = agentActor(input.user, (await deps.people.get(input.user)).name);
    const [from, into] = [formatTicketId(duplicate), formatTicketId(target)];
    const merged = await deps.service.merge(actor, from, { into });
    await say(
      merged.ok
        ? slackToolsCatalogues[lang].merge.done(from, into)
        : slackCatalogues[lang].thread.refused(escapeMrkdwn(catalogues[lang].error(merged.error))),
    );
    return true;
  },
});
