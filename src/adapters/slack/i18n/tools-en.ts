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
  escalation: {
    managers: (ref, subject, alert, link) =>
      `📣 Escalated: *${ref}* ${subject}\n${alert}\n<${link}|Open the thread>`,
  },
  merge: {
    mergedInto: (ref, by) => `🔗 Merged into ${ref} (${by}); the requester was told to follow it.`,
    mergedFrom: (ref, by) =>
      `🔗 ${ref} was merged here (${by}); its messages and files are in this ticket's history.`,
    rootNote: (ref) => `🔗 Merged into *${ref}*`,
    usage: (command) =>
      `Use *${command} merge TKT-000002 TKT-000001* to merge the first ticket into the second.`,
    done: (duplicate, target) => `${duplicate} was merged into ${target}.`,
  },
  tags: {
    label: "Tags",
    placeholder: "Tags",
    none: "_none_",
    line: (tags, by) => `🏷 Tags: ${tags} (${by})`,
  },
  savedReplies: {
    usage: (command) =>
      [
        `*${command} reply-with NAME TKT-000123* — preview a saved reply on a ticket, then send it`,
        `*${command} saved-replies* [NAME] — add or change a saved reply (a form)`,
        `*${command} saved-replies list* — the saved replies`,
        `*${command} saved-replies delete NAME* — delete one`,
        "In a ticket's thread: the message shortcut *Send a saved reply*.",
      ].join("\n"),
    preview: (name, ref, lang, status) =>
      `Saved reply *${name}* for ${ref} (${lang})${status ? `, then status *${status}*` : ""}. Only you see this preview:`,
    send: "Send",
    cancel: "Cancel",
    sent: (ref, seconds) => `Sent to ${ref}; it goes out in ${seconds} s.`,
    dropped: "Not sent.",
    threadLine: (agent, name) => `📨 ${agent} sent the saved reply *${name}*:`,
    pickTitle: "Saved reply",
    pickLabel: "Which saved reply?",
    pickSubmit: "Preview",
    noneForTicket: "There are no saved replies for this ticket's department yet.",
    notATicketThread: "Use this on a message of a ticket's thread in the agents' channel.",
    manageTitle: "Saved reply",
    manageSubmit: "Save",
    close: "Cancel",
    name: "Name",
    nameHint: "Lowercase letters, digits, - or _; saving an existing name changes it.",
    scope: "For",
    everyone: "Every department",
    textPt: "Text in Portuguese",
    textEn: "Text in English",
    textHint: (variables) => `Up to 1000 characters. Variables: ${variables}. Write at least one language.`,
    status: "Then set the status",
    keepDefault: "Waiting on requester (as any reply)",
    list: (lines) => (lines.length === 0 ? "No saved replies yet." : lines.join("\n")),
    saved: (name) => `Saved reply *${name}* saved.`,
    deleted: (name) => `Saved reply *${name}* deleted.`,
  },
};
