import { accessCatalogues } from "../../core/i18n/access-catalogue.js";
import { catalogues, conversationCatalogues } from "../../core/i18n/index.js";
import { err } from "../../core/shared/result.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import { messageKey, type SlackDeps } from "./deps.js";
import type { SlackFile } from "./files.js";
import { slackCatalogues } from "./i18n/index.js";
import { COMMAND, type RequesterIo, type Respond, type Team } from "./requester-io.js";
import type { Requesters } from "./requesters.js";
import { escapeMrkdwn, plainFromSlack } from "./text.js";

/** A message a person wrote to the bot in their DM. */
export interface DirectMessage {
  readonly user: string;
  readonly team: Team;
  readonly channel: string;
  readonly ts: string;
  readonly threadTs?: string;
  readonly text: string;
  readonly files: SlackFile[];
}

/** The requester's side of a ticket's DM thread: their replies, and the rating buttons. */
export interface DmHandlers {
  /** A rating button under a solved ticket's question. */
  rate(input: { user: string; team: Team; value: string | undefined }, respond: Respond): Promise<void>;
  /** A message in the DM with the bot: in a ticket's thread it is a reply on that ticket, elsewhere help. */
  directMessage(event: DirectMessage): Promise<void>;
}

export const createDmHandlers = (deps: SlackDeps, requesters: Requesters, io: RequesterIo): DmHandlers => ({
  async rate(input, respond) {
    const match = /^(\d{1,9}):([1-5])$/.exec(input.value ?? "");
    if (!match) return;
    const requester = await requesters.resolve(input.user, input.team);
    if (requester.contact.deactivatedAt) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: accessCatalogues[requester.lang].deactivated,
      });
      return;
    }
    const ref = formatTicketId(Number(match[1]));
    const rated = await deps.service.rate(requester.actor, ref, { score: Number(match[2]) });
    await (rated.ok
      ? respond({ replace_original: true, text: conversationCatalogues[requester.lang].rating.thanks(ref) })
      : respond({
          response_type: "ephemeral",
          replace_original: false,
          text: escapeMrkdwn(catalogues[requester.lang].error(rated.error)),
        }));
  },

  async directMessage(event) {
    const inThread = event.threadTs && event.threadTs !== event.ts;
    const ticket = inThread
      ? await deps.threads.findByThread("dm", { channel: event.channel, ts: event.threadTs! })
      : null;
    const requester = await requesters.resolve(event.user, event.team);
    const t = slackCatalogues[requester.lang].requester;
    if (requester.contact.deactivatedAt)
      return io.tellInDm(event.user, accessCatalogues[requester.lang].deactivated, event.threadTs);
    if (!ticket) return io.tellInDm(event.user, t.dmHelp(COMMAND), event.threadTs);
    const files = await io.fetchFiles(event.files);
    const replied = files.ok
      ? await deps.service.reply(requester.actor, formatTicketId(ticket.number), {
          message: plainFromSlack(event.text),
          attachments: files.value,
          sourceKey: messageKey(event.channel, event.ts),
        })
      : err(files.error);
    if (!replied.ok) {
      return io.tellInDm(
        event.user,
        t.replyNotSent(escapeMrkdwn(catalogues[requester.lang].error(replied.error))),
        event.threadTs,
      );
    }
    // Seen and recorded: the person knows their message reached the ticket.
    await deps.clients.interactive.reactions
      .add({ channel: event.channel, timestamp: event.ts, name: "white_check_mark" })
      .catch(() => undefined);
  },
});
