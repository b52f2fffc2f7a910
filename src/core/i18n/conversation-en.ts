import type { ConversationCatalogue } from "./conversation-catalogue.js";
import { compactDuration, dateParts } from "./conversation-catalogue.js";

export const conversationEn: ConversationCatalogue = {
  words: {
    cancel: ["cancel", "quit", "exit", "stop"],
    back: ["back", "previous"],
    help: ["help"],
    menu: ["menu", "start"],
    greetings: ["hi", "hello", "hey", "good morning", "good afternoon", "good evening"],
    language: ["language", "lang"],
    newTicket: ["new", "new ticket", "open ticket", "open a ticket"],
    myTickets: ["my tickets", "tickets"],
    browser: ["open in browser", "browser", "web"],
    yes: ["yes", "y", "sure"],
    no: ["no", "n"],
    filesDone: ["finished", "finish", "none", "no", "no files"],
  },
  languageName: "English",
  dateTime: (date, timeZone) => {
    const p = dateParts(date, timeZone);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  },
  duration: compactDuration,

  menu: {
    greeting: (name) => `Hi${name ? ` ${name}` : ""}! How can I help?`,
    more: "Anything else I can help with?",
    notUnderstood: "I did not understand your message. Please pick an option:",
    newTicket: "Open a ticket",
    myTickets: "My tickets",
    language: "Idioma / Language",
    help: "Help",
  },
  help: {
    general:
      "Here you open and follow tickets with our support team. Answer with the option's number, its name, or by tapping a button. " +
      'At any time: "back" goes one step back, "cancel" gives up, "menu" shows the options, "language" changes the language. ' +
      "To see a ticket, send its number (for example TKT-000123).",
    step: {
      "open.subject": "The subject is a short summary of the problem, for example: Invoice rejected.",
      "open.department": "The department decides who handles your ticket.",
      "open.priority":
        "High: your work is stopped. Medium: it gets in the way, but you can go on. Low: a question or a tweak.",
      "open.type":
        "Support: a question or request. Incident: something stopped. Bug: a system error. Improvement: a suggestion.",
      "open.message":
        "Tell us what happened, since when and what you tried. Text is never cut: if it is too long, I will ask you to shorten it.",
      "open.files":
        "Send screenshots, PDFs, ZIPs or text files, one at a time or together. When you are finished, choose Done.",
      "open.similar":
        "If it is the same problem, I add your message to the existing ticket instead of opening another one.",
      "open.summary":
        "Check the details. Confirm opens the ticket; Edit changes a field; Cancel discards everything.",
      "open.edit": "Pick the field to correct; then I come back to the summary.",
      "tickets.list": "Pick a ticket to see its details, or filter by status.",
      "tickets.filter":
        "Open tickets are with support; Answered ones wait for you; Closed ones are finished.",
      "tickets.detail": "You can reply, request contact, close or rate the ticket.",
      "tickets.reply": "Your reply goes to support on the same ticket. You may send text or files.",
      "tickets.close": "Closing tells support the problem is solved.",
      "rating.score": "1 is very poor and 5 is excellent.",
      "rating.comment": "The comment is optional and helps us improve.",
      "offer.add": "If the message is about that ticket, I add it there; otherwise I show the menu.",
      language: "Pick the language you prefer.",
    },
  },
  session: {
    away: (next) =>
      next
        ? `Our support team is out of office right now and will be back ${next}. You can still open or follow a ticket here; we will answer when we are back.`
        : "Our support team is out of office right now. You can still open or follow a ticket here; we will answer when we are back.",
    expired: (minutes) =>
      `Our conversation was idle for more than ${minutes} minutes and has ended. Send a message whenever you are ready.`,
    corrupt: "Sorry, I lost track of our conversation. Let's start again.",
    unreadable: "I could not read that message. Please try again with a shorter text or another file.",
    cancelled: "All right, cancelled. Nothing was recorded.",
    nothingToCancel: "There is nothing in progress to cancel.",
    backToMenu: "OK, back to the menu.",
    notRegistered: (who) =>
      `This service is for registered contacts only. Ask your support contact to register ${who}, then send a message again.`,
    failed: "Sorry, something went wrong on our side. Please try again in a moment.",
    browserLink: (url, minutes) =>
      `Your tickets in the browser: ${url}\nThis link is yours alone, works once and expires in ${minutes} minutes.`,
    browserOff: "Tickets cannot be opened in the browser on this service.",
  },
  choice: {
    invalid: "I did not recognise that option. Answer with the number, the option's name, or tap a button.",
    filesNotExpected: "I am not expecting files right now.",
  },
  open: {
    askSubject: (min, max) => `What is the ticket's subject? (${min} to ${max} characters)`,
    askDepartment: "Which department?",
    askPriority: "What is the priority?",
    askType: "What type of ticket is it?",
    askMessage: (max) => `Describe the problem (up to ${max} characters).`,
    askFiles: (max, types) =>
      `Would you like to attach files? Send up to ${max} per ticket (${types.join(", ").toUpperCase()}) or choose Skip.`,
    moreFiles: (received, max) => `I have ${received} of ${max} files. Send more or choose Done.`,
    filesReceived: (names) => `File${names.length > 1 ? "s" : ""} received: ${names.join(", ")}.`,
    filesFull: (max) => `You already sent the maximum of ${max} files.`,
    filesExpected: "Send a file, or choose Done or Skip.",
    filesDone: "Done",
    filesSkip: "Skip",
    filesWhich: "Choose a file to remove, or add more files.",
    removeFile: (name) => `Remove ${name}`,
    addFiles: "Add files",
    keepFiles: "Keep them as they are",
    fileRemoved: (name) => `Removed ${name}.`,
    similar: "I found similar open tickets. Is it one of these? If so, I will add your message to it.",
    similarNone: "No, open a new one",
    addedToExisting: (ref) => `Done! I added your message to ticket ${ref}.`,
    summary: "Please check your ticket:",
    noFiles: "none",
    confirm: "Confirm",
    edit: "Edit a field",
    cancel: "Cancel",
    editWhich: "Which field would you like to change?",
    created: (ref) => `Ticket ${ref} is open! We will let you know here when there is a reply.`,
  },
  tickets: {
    title: (filter, org) =>
      `${org ? "Your organization's tickets" : "Your tickets"}${filter === "all" ? "" : ` (${{ OPEN: "open", ANSWERED: "answered", CLOSED: "closed" }[filter]})`}:`,
    empty: (filter) =>
      filter === "all"
        ? "No tickets here yet."
        : `No ${{ OPEN: "open", ANSWERED: "answered", CLOSED: "closed" }[filter]} tickets.`,
    more: (shown) => `Showing the ${shown} most recent. Filter, search, or send a ticket's number.`,
    lastReply: (at, who) => `last reply ${at} (${who})`,
    created: (at) => `opened ${at}`,
    filter: "Filter",
    showOrg: "Organization's",
    showMine: "Only mine",
    menu: "Menu",
    filterQuestion: "Which tickets would you like to see?",
    filterLabel: { all: "All", OPEN: "Open", ANSWERED: "Answered", CLOSED: "Closed" },
    search: "Search",
    askSearch: "Type words from the subject or messages (or a ticket's number) to look for.",
    byPriority: "By priority",
    byDepartment: "By department",
    anyPriority: "Any priority",
    anyDepartment: "Any department",
    filterByQuestion: "Show which ones?",
    narrowedBy: (parts) => `Filtered by: ${parts.join(" · ")}`,
    numbers: "My numbers",
    numbersText: (n) =>
      [
        n.org ? "Your organization's numbers:" : "Your numbers:",
        `Total: ${n.total}`,
        `Open: ${n.open}`,
        `Answered: ${n.answered}`,
        `Closed: ${n.closed}`,
        `High priority (not closed): ${n.high}`,
      ].join("\n"),
    detailQuestion: "What would you like to do?",
    fields: {
      status: "Status",
      priority: "Priority",
      department: "Department",
      type: "Type",
      requester: "Requester",
      opened: "Opened",
      lastReply: "Last reply",
      readBySupport: "Read by support",
      contactRequested: "Contact requested",
      rating: "Rating",
    },
    yes: "yes",
    no: "no",
    readAt: (at) => `yes, ${at}`,
    none: "none",
    historyTitle: "History",
    timeInStatusTitle: "Time in each status",
    you: "You",
    support: (name) => `${name} (support)`,
    event: {
      status: (from, to) => `status: ${from} → ${to}`,
      contactRequested: "requested contact",
      contactDone: "contact made",
      rated: (score, comment) => `rated ${score}/5${comment ? `: ${comment}` : ""}`,
      files: (names) => `[attachments: ${names.join(", ")}]`,
    },
    reply: "Reply",
    requestContact: "Request contact",
    files: "Get a file",
    filesWhich: "Which file would you like to receive?",
    fileSending: (name) => `Sending ${name}…`,
    fileUnavailable: (name) => `${name} can no longer be sent: it is not an accepted file any more.`,
    close: "Close ticket",
    rate: "Rate",
    backToList: "Back to the list",
    askReply: (ref, max) => `Write your reply to ${ref} (up to ${max} characters) or send files.`,
    replied: (ref) => `Reply sent on ticket ${ref}.`,
    contactRequestedDone: (ref) => `Request recorded: support will contact you about ticket ${ref}.`,
    confirmClose: (ref) => `Close ticket ${ref}? Use this when the problem is solved.`,
    closeYes: "Yes, close it",
    closeNo: "No",
    closed: (ref) => `Ticket ${ref} is closed.`,
  },
  rating: {
    ask: (ref, subject) => `How would you rate the support on ticket ${ref} (${subject})?`,
    scoreNames: ["Very poor", "Poor", "Fair", "Good", "Excellent"],
    askComment: (max) =>
      `Thank you! Would you like to leave a comment (up to ${max} characters)? Write it or choose Skip.`,
    skip: "Skip",
    thanks: (ref) => `Rating for ticket ${ref} recorded. Thank you!`,
  },
  offer: {
    addTo: (ref, subject) => `You have an open ticket: ${ref} — ${subject}. Shall I add this message to it?`,
    yes: "Yes, add it",
    no: "No, show the menu",
    added: (ref) => `Message added to ticket ${ref}.`,
  },
  language: {
    ask: "Escolha o idioma / Choose your language:",
    set: "Done, I will speak English.",
  },
};
