import { z } from "zod";
import type { SlackDeps } from "./deps.js";
import { recordForm, suggestArticles, suggestionsBlock } from "./kb-suggestions.js";
import { parseOrigin, ticketModal } from "./modal.js";
import type { RequesterIo } from "./requester-io.js";
import type { Requesters } from "./requesters.js";

const openView = z.object({
  id: z.string().min(1),
  hash: z.string().min(1),
  private_metadata: z.string().default(""),
});

export interface KbFormHandlers {
  /** The subject as typed so far (dispatch_action): the form again, with the articles it matches. */
  suggest(rawView: unknown, user: string, typed: string): Promise<void>;
}

export const createKbFormHandlers = (
  deps: SlackDeps,
  requesters: Requesters,
  io: RequesterIo,
): KbFormHandlers => ({
  async suggest(rawView, user, typed) {
    const view = openView.safeParse(rawView);
    if (!view.success || !deps.knowledge) return;
    const lang = await requesters.quickLang(user);
    const articles = await suggestArticles(deps.knowledge, lang, typed);
    const origin = parseOrigin(view.data.private_metadata);
    const ids = articles.map((a) => a.id);
    await recordForm(
      deps.knowledge,
      view.data.id,
      "SHOWN",
      ids.filter((id) => !origin.suggested?.includes(id)),
      deps.clock.now(),
    );
    const suggested = [...new Set([...(origin.suggested ?? []), ...ids])].slice(-20);
    // The hash makes Slack refuse this update when a newer keystroke's update got there first.
    await deps.clients.interactive.views.update({
      view_id: view.data.id,
      hash: view.data.hash,
      view: ticketModal(io.form(lang), undefined, {
        origin: { ...origin, suggested },
        articles: articles.length > 0 ? [suggestionsBlock(lang, articles)] : [],
      }),
    });
  },
});
