import { formatTicketId } from "../../src/core/ticket/ticket-ref.js";
import type { FakeSlackApi } from "../../testkit/fake-slack-api.js";
import { TELEGRAM_BOT } from "../../testkit/walk/telegram-walker.js";
import type { Walker } from "../../testkit/walk/walker.js";
import type { WalkRecord } from "./crowd-walk.js";
import type { StoredOutcome, StoredTicket } from "./stored-outcome.js";

/** The ticket a supplier's walk must leave, as stored. */
export interface ExpectedTicket {
  readonly subject: string;
  readonly department: string;
  readonly priority: string;
  readonly type: string;
  /** The description: the ticket's one requester MESSAGE. */
  readonly message: string;
}

export interface Verdict {
  readonly suppliers: number;
  readonly tickets: number;
  /** Suppliers with more than one ticket, and with none. */
  readonly ticketTwice: number;
  readonly ticketNone: number;
  /** Suppliers who were told their own ticket's number ("ticket opened"). */
  readonly completed: number;
  /** Suppliers none of whose requests had to be sent again, and how many of them completed. */
  readonly untouched: number;
  readonly untouchedCompleted: number;
  /** Tickets whose fields and single opening message are what the supplier sent. */
  readonly storedIntact: number;
  readonly requestsSent: number;
  /** Sent ids with an inbound receipt, and all receipts of the two channels. */
  readonly receiptsOfSent: number;
  readonly receipts: number;
  /** Suppliers who got more (or fewer) bot messages than the calibration walk. */
  readonly answersDuplicated: number;
  readonly answersMissing: number;
  /** Root messages in the agents' channel, and tickets with exactly one. */
  readonly slackRoots: number;
  readonly ticketsWithOneRoot: number;
  /** A few lines on what went wrong, for the person reading the progress. */
  readonly problems: readonly string[];
}

/** The inbound_receipt key each channel records for a request id (see the channels' receipts). */
export const receiptKey = (walker: Walker, id: string): string =>
  walker.channel === "telegram"
    ? `telegram:${TELEGRAM_BOT.token.split(":")[0]}:update:${id}`
    : `whatsapp:msg:${id}`;

const intact = (ticket: StoredTicket, expected: ExpectedTicket): boolean =>
  ticket.subject === expected.subject &&
  ticket.department === expected.department &&
  ticket.priority === expected.priority &&
  ticket.type === expected.type &&
  ticket.messages.length === 1 &&
  ticket.messages[0] === expected.message;

/** Tickets by number of the root messages posted (top-level chat.postMessage, not thread replies). */
const rootsByTicket = (slack: FakeSlackApi): Map<number, number> => {
  const roots = new Map<number, number>();
  for (const call of slack.calls("chat.postMessage")) {
    if (call.error || call.args.thread_ts) continue;
    const ref = /TKT-(\d{6,})/.exec(String(call.args.text ?? ""));
    if (!ref) continue;
    const n = Number(ref[1]);
    roots.set(n, (roots.get(n) ?? 0) + 1);
  }
  return roots;
};

/**
 * Holds every walk against what the services stored and what the fake platforms received: one
 * ticket per supplier, each with what they sent, each conversation ended on its confirmation, every
 * request received, no answer sent twice, one root message per ticket in Slack.
 */
export const judgeWalks = (
  walks: readonly WalkRecord[],
  outcome: StoredOutcome,
  expect: {
    readonly answers: (walker: Walker) => number;
    readonly ticket: (walker: Walker) => ExpectedTicket;
  },
  slack: FakeSlackApi,
  /** Ids of requests that were sent again after a failed attempt. */
  retried: ReadonlyMap<string, unknown>,
): Verdict => {
  const byRequester = new Map<string, StoredTicket[]>();
  for (const t of outcome.tickets)
    byRequester.set(`${t.channel}:${t.requester}`, [
      ...(byRequester.get(`${t.channel}:${t.requester}`) ?? []),
      t,
    ]);
  const roots = rootsByTicket(slack);
  const problems: string[] = [];
  const note = (line: string) => void (problems.length < 12 && problems.push(line));
  let ticketTwice = 0;
  let ticketNone = 0;
  let completed = 0;
  let untouched = 0;
  let untouchedCompleted = 0;
  let storedIntact = 0;
  let requestsSent = 0;
  let receiptsOfSent = 0;
  let answersDuplicated = 0;
  let answersMissing = 0;

  for (const walk of walks) {
    const { walker, index } = walk;
    const who = `${walker.channel} supplier ${index}`;
    const tickets = byRequester.get(`${walker.channel.toUpperCase()}:${walker.contactKey(index)}`) ?? [];
    if (tickets.length > 1) {
      ticketTwice++;
      note(`${who}: ${tickets.length} tickets`);
    }
    if (tickets.length === 0) {
      ticketNone++;
      note(`${who}: no ticket${walk.stalled ? ` (step ${walk.stalled.step}: ${walk.stalled.reason})` : ""}`);
    }
    const ticket = tickets[0];
    if (ticket && intact(ticket, expect.ticket(walker))) storedIntact++;
    else if (ticket) note(`${who}: ${formatTicketId(ticket.number)} does not hold what was sent`);
    const read = walker.received(index);
    // Only the confirmation names the new ticket in this flow.
    const done = ticket !== undefined && read.some((m) => m.includes(formatTicketId(ticket.number)));
    if (done) completed++;
    if (!walk.sent.some((id) => retried.has(id))) {
      untouched++;
      if (done) untouchedCompleted++;
    }
    const answers = expect.answers(walker);
    if (read.length > answers) {
      answersDuplicated++;
      const tail = read.map((m) => JSON.stringify(m.slice(0, 50))).join(" | ");
      note(`${who}: ${read.length} bot messages, ${answers} expected: ${tail}`);
    }
    if (read.length < answers) answersMissing++;
    requestsSent += walk.sent.length;
    receiptsOfSent += walk.sent.filter((id) => outcome.receipts.has(receiptKey(walker, id))).length;
  }

  const receipts = [...outcome.receipts].filter(
    (k) => k.startsWith("telegram:") || k.startsWith("whatsapp:msg:"),
  ).length;
  let slackRoots = 0;
  let ticketsWithOneRoot = 0;
  for (const t of outcome.tickets) {
    const n = roots.get(t.number) ?? 0;
    slackRoots += n;
    if (n === 1) ticketsWithOneRoot++;
    else note(`${formatTicketId(t.number)}: ${n} root messages in Slack`);
  }
  return {
    suppliers: walks.length,
    tickets: outcome.tickets.length,
    ticketTwice,
    ticketNone,
    completed,
    untouched,
    untouchedCompleted,
    storedIntact,
    requestsSent,
    receiptsOfSent,
    receipts,
    answersDuplicated,
    answersMissing,
    slackRoots,
    ticketsWithOneRoot,
    problems,
  };
};
