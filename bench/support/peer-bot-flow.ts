/**
 * The peer floor's conversation: chamado's open-ticket questions, word for word and with the same
 * buttons (as chamado asks them in English on Telegram), written the way a team would write a
 * small bot's state machine. Nothing here touches a network; peer-bot.ts does.
 */

export interface Button {
  readonly text: string;
  readonly callback_data: string;
}

export interface Reply {
  readonly text: string;
  readonly keyboard: readonly (readonly Button[])[] | null;
}

/** The fields of the ticket being opened, kept in the chat's Redis key between messages. */
export interface Draft {
  readonly step: "subject" | "department" | "priority" | "type" | "message" | "files" | "summary";
  readonly subject?: string;
  readonly department?: string;
  readonly priority?: string;
  readonly type?: string;
  readonly message?: string;
}

export type TicketFields = Required<Omit<Draft, "step">>;

export type Input =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "tap"; readonly data: string };

/** What a message leads to: the next question (and the draft to keep), or a ticket to insert. */
export type Turn =
  | { readonly kind: "reply"; readonly draft: Draft | null; readonly reply: Reply }
  | { readonly kind: "open"; readonly ticket: TicketFields };

const button = (text: string, callback_data: string): Button => ({ text, callback_data });

const MENU: Reply["keyboard"] = [
  [button("Open a ticket", "menu.newTicket"), button("My tickets", "menu.myTickets")],
  [button("Idioma / Language", "menu.language"), button("Help", "menu.help")],
];

const OPTIONS = {
  department: [
    [button("Technical", "dep.technical"), button("Sales", "dep.sales"), button("General", "dep.general")],
  ],
  priority: [[button("Low", "pri.LOW"), button("Medium", "pri.MEDIUM"), button("High", "pri.HIGH")]],
  type: [
    [button("Support", "type.support"), button("Incident", "type.incident"), button("Bug", "type.bug")],
    [button("Improvement", "type.improvement")],
  ],
} as const;

type Choice = keyof typeof OPTIONS;

const SUBJECT = { min: 3, max: 120 };
const MESSAGE_MAX = 1000;
const GREETINGS = new Set(["hi", "hello", "hey", "/start", "menu", "start"]);
const NEW_TICKET = new Set(["/new", "new", "new ticket", "open ticket", "open a ticket"]);
const INVALID =
  "I did not recognise that option. Answer with the number, the option's name, or tap a button.";
const MORE = "Anything else I can help with?";

const QUESTIONS: Record<Draft["step"], Reply> = {
  subject: {
    text: `What is the ticket's subject? (${SUBJECT.min} to ${SUBJECT.max} characters)`,
    keyboard: null,
  },
  department: { text: "Which department?", keyboard: OPTIONS.department },
  priority: { text: "What is the priority?", keyboard: OPTIONS.priority },
  type: { text: "What type of ticket is it?", keyboard: OPTIONS.type },
  message: { text: `Describe the problem (up to ${MESSAGE_MAX} characters).`, keyboard: null },
  files: {
    text: "Would you like to attach files? Send up to 5 (PNG, JPG, PDF, ZIP, TXT) or choose Skip.",
    keyboard: [[button("Skip", "files.skip")]],
  },
  // The summary's text depends on the draft; see summaryOf.
  summary: { text: "", keyboard: null },
};

const summaryOf = (draft: Draft): Reply => ({
  text: [
    "Please check your ticket:",
    `Subject: ${draft.subject}`,
    `Department: ${draft.department}`,
    `Priority: ${draft.priority}`,
    `Type: ${draft.type}`,
    `Message: ${draft.message}`,
    "Attachments: none",
  ].join("\n"),
  keyboard: [
    [button("Confirm", "sum.confirm"), button("Edit a field", "sum.edit"), button("Cancel", "sum.cancel")],
  ],
});

const ask = (draft: Draft, before?: string): Turn => {
  const question = draft.step === "summary" ? summaryOf(draft) : QUESTIONS[draft.step];
  return {
    kind: "reply",
    draft,
    reply: before ? { ...question, text: `${before}\n\n${question.text}` } : question,
  };
};

/** A tap, a typed label ("technical") or a typed number ("3") picks an option; anything else is null. */
const pick = (choice: Choice, input: Input): string | null => {
  const options = OPTIONS[choice].flat();
  if (input.kind === "tap") return options.find((o) => o.callback_data === input.data)?.text ?? null;
  const typed = input.text.trim().toLowerCase();
  const byNumber = options[Number(typed) - 1];
  if (/^\d+$/.test(typed) && byNumber) return byNumber.text;
  return options.find((o) => o.text.toLowerCase() === typed)?.text ?? null;
};

const menu = (text: string): Turn => ({ kind: "reply", draft: null, reply: { text, keyboard: MENU } });

const startOrMenu = (input: Input, firstName: string): Turn => {
  const said = input.kind === "text" ? input.text.trim().toLowerCase() : input.data;
  if (NEW_TICKET.has(said) || said === "menu.newTicket") return ask({ step: "subject" });
  if (GREETINGS.has(said)) return menu(`Hi ${firstName}! How can I help?`);
  return menu("I did not understand your message. Please pick an option:");
};

/** The next turn of a chat from its draft (undefined when no ticket is being opened) and one message. */
export const nextTurn = (draft: Draft | undefined, input: Input, firstName: string): Turn => {
  if (!draft) return startOrMenu(input, firstName);
  const text = input.kind === "text" ? input.text.trim() : "";
  switch (draft.step) {
    case "subject":
      if (text.length < SUBJECT.min || text.length > SUBJECT.max) return ask(draft, INVALID);
      return ask({ ...draft, step: "department", subject: text });
    case "department":
    case "priority":
    case "type": {
      const picked = pick(draft.step, input);
      if (!picked) return ask(draft, INVALID);
      const next = ({ department: "priority", priority: "type", type: "message" } as const)[draft.step];
      return ask({ ...draft, step: next, [draft.step]: picked });
    }
    case "message":
      if (text.length === 0 || text.length > MESSAGE_MAX) return ask(draft, INVALID);
      return ask({ ...draft, step: "files", message: text });
    case "files":
      if (input.kind === "tap" ? input.data === "files.skip" : text.toLowerCase() === "skip")
        return ask({ ...draft, step: "summary" });
      return ask(draft, "I am not expecting files right now.");
    case "summary":
      if (input.kind === "tap" && input.data === "sum.confirm") {
        const { step: _, ...fields } = draft;
        return { kind: "open", ticket: fields as TicketFields };
      }
      if (input.kind === "tap" && input.data === "sum.cancel")
        return menu(`All right, cancelled. Nothing was recorded.\n\n${MORE}`);
      return ask(draft, INVALID);
  }
};

/** The answer once the ticket is stored, numbered like chamado's. */
export const openedReply = (id: number): Reply => ({
  text: `Ticket TKT-${String(id).padStart(6, "0")} is open! We will let you know here when there is a reply.\n\n${MORE}`,
  keyboard: MENU,
});
