import { catalogues } from "../../../core/i18n/index.js";
import { formatTicketId } from "../../../core/ticket/ticket-ref.js";
import { agentActor, agentLang, type SlackDeps } from "../deps.js";
import { slackCatalogues } from "../i18n/index.js";
import type { Respond } from "../requester-io.js";
import { escapeMrkdwn } from "../text.js";
import { ticketOfTagsBlock } from "./root-blocks.js";

/** The root message's tag menu: the picked tags become the ticket's tags. */
export interface TagHandlers {
  picked(
    input: { user: string; blockId: string | undefined; tags: readonly string[] },
    respond: Respond,
  ): Promise<void>;
}

export const createTagHandlers = (deps: SlackDeps): TagHandlers => ({
  async picked(input, respond) {
    const lang = agentLang(deps);
    const tell = (text: string) => respond({ response_type: "ephemeral", replace_original: false, text });
    if (!(await deps.access.isAgent(input.user)))
      return void (await tell(slackCatalogues[lang].thread.notAgent));
    const number = ticketOfTagsBlock(input.blockId);
    if (number === null) return;
    const actor = agentActor(input.user, (await deps.people.get(input.user)).name);
    const done = await deps.service.setTags(actor, formatTicketId(number), { tags: input.tags });
    if (!done.ok)
      await tell(slackCatalogues[lang].thread.refused(escapeMrkdwn(catalogues[lang].error(done.error))));
  },
});
