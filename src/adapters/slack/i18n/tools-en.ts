import type { SlackToolsCatalogue } from "./tools-catalogue.js";

export const slackToolsEn: SlackToolsCatalogue = {
  ownership: {
    assignTo: "Assign to…",
    unassign: "Unassign",
    takeOver: "Take over",
    notInChannel: "Only members of this ticket's agents' channel can own it.",
    collision: (owner, seconds) =>
      `${owner} owns this ticket. Your reply goes out in ${seconds} s unless you cancel it.`,
    sendAnyway: "Send anyway",
    cancel: "Cancel my reply",
    willSend: "Your reply goes out as written.",
    cancelled: "Your reply was cancelled; the requester will not receive it.",
    tooLate: "Your reply had already gone out.",
    withdrawnNote: (owner) => `Reply withdrawn before it went out: the ticket is ${owner}'s.`,
  },
};
