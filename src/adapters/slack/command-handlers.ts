import { accessCatalogues } from "../../core/i18n/access-catalogue.js";
import { catalogues, conversationCatalogues } from "../../core/i18n/index.js";
import type { CoreError } from "../../core/ticket/errors.js";
import { statusesOfPublic } from "../../core/ticket/status.js";
import { formatTicketId } from "../../core/ticket/ticket-ref.js";
import { parseTicketCommand } from "./commands.js";
import type { SlackDeps } from "./deps.js";
import { slackCatalogues } from "./i18n/index.js";
import { inviteFromSlack, parseInviteCommand } from "./invite-command.js";
import { COMMAND, type RequesterIo, type Respond, type Team } from "./requester-io.js";
import { ticketDetailText, ticketListText } from "./requester-views.js";
import type { Requesters } from "./requesters.js";
import { escapeMrkdwn } from "./text.js";

/** `/ticket …`: everything but the form is answered only to the person who typed it. */
export interface CommandHandlers {
  command(
    input: { text: string; user: string; team: Team; triggerId: string },
    respond: Respond,
  ): Promise<void>;
}

/** `/ticket web`: agents only (Slack's list, as for the buttons), answered to them alone. */
const webLink = async (deps: SlackDeps, user: string, respond: Respond) => {
  const words = slackCatalogues[deps.shared.defaultLang].requester;
  const say = async (text: string) => void (await respond({ response_type: "ephemeral", text }));
  if (!deps.webLinks) return say(words.webOff);
  if (!(await deps.access.isAgent(user))) return say(words.webAgentsOnly);
  const person = await deps.people.get(user);
  const url = deps.webLinks.forAgent({ slackUser: user, name: person.name, admin: false });
  return say(words.webLink(url, deps.webLinks.minutes));
};

export const createCommandHandlers = (
  deps: SlackDeps,
  requesters: Requesters,
  io: RequesterIo,
  openForm: (triggerId: string, user: string) => Promise<void>,
): CommandHandlers => ({
  async command(input, respond) {
    const invitation = parseInviteCommand(input.text);
    if (invitation) return inviteFromSlack(deps, input.user, invitation, respond);
    const command = parseTicketCommand(input.text, deps.taxonomy.departments);
    // The form opens first: its trigger expires 3 seconds after the command was typed.
    if (command.kind === "open") return openForm(input.triggerId, input.user);
    if (command.kind === "web") return webLink(deps, input.user, respond);
    const requester = await requesters.resolve(input.user, input.team);
    const say = async (text: string) => void (await respond({ response_type: "ephemeral", text }));
    const problem = (error: CoreError) => say(escapeMrkdwn(catalogues[requester.lang].error(error)));
    const words = conversationCatalogues[requester.lang].tickets;
    // A deactivated person reads and writes nothing here until invited again; help stays open.
    if (requester.contact.deactivatedAt && command.kind !== "help")
      return say(accessCatalogues[requester.lang].deactivated);
    const ref = "ticket" in command ? formatTicketId(command.ticket) : "";
    switch (command.kind) {
      case "help":
        return say(slackCatalogues[requester.lang].requester.help(COMMAND));
      case "invalid":
        return say(slackCatalogues[requester.lang].requester.usage(COMMAND));
      case "list": {
        const statuses = command.filter === "all" ? undefined : statusesOfPublic(command.filter);
        const page = await deps.service.list(requester.actor, {
          limit: 15,
          sort: { field: "updatedAt", direction: "desc" },
          ...(statuses ? { statuses } : {}),
          ...(command.priority ? { priorities: [command.priority] } : {}),
          ...(command.department ? { departments: [command.department] } : {}),
        });
        return say(ticketListText(page.items, command.filter, io.view(requester)));
      }
      case "search": {
        // The API's search, kept by the service to what this person may see.
        const page = await deps.service.search(requester.actor, command.text, {
          limit: 15,
          sort: { field: "updatedAt", direction: "desc" },
        });
        return say(ticketListText(page.items, "all", io.view(requester), command.text));
      }
      case "numbers": {
        const n = await deps.service.stats(requester.actor);
        const org = requester.actor.kind === "requester" && requester.actor.orgAdmin;
        return say(escapeMrkdwn(words.numbersText({ ...n, high: n.highPriority, org })));
      }
      case "detail": {
        const detail = await deps.service.detail(requester.actor, ref);
        return detail.ok ? say(ticketDetailText(detail.value, io.view(requester))) : problem(detail.error);
      }
      case "reply": {
        const replied = await deps.service.reply(requester.actor, ref, {
          message: command.text,
          sourceKey: `slack:command:${input.triggerId}`,
        });
        return replied.ok ? say(words.replied(ref)) : problem(replied.error);
      }
      case "contact": {
        const asked = await deps.service.requestContact(requester.actor, ref);
        return asked.ok ? say(words.contactRequestedDone(ref)) : problem(asked.error);
      }
      case "close": {
        const closed = await deps.service.changeStatus(requester.actor, ref, { status: "SOLVED" });
        return closed.ok ? say(words.closed(ref)) : problem(closed.error);
      }
    }
  },
});
