import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { type EngineReply, type InboundMessage, renderAsText } from "../../../src/core/conversation/index.js";
import type { TicketDetail } from "../../../src/core/ticket/service.js";
import type { Actor } from "../../../src/core/ticket/ticket.js";
import { formatTicketId } from "../../../src/core/ticket/ticket-ref.js";
import type { Harness } from "./engine-harness.js";
import { sampleFile } from "./sample-files.js";

/**
 * A scripted conversation, one line per event:
 *   user: text            tap: option-id         send: a.png, b.txt | caption      cmd: name args
 *   redeliver:            (the previous message again, same platform id)
 *   bot: text             (must appear in the reply, lines checked in order)     bot-not: text
 *   wait: 31m             sweep: N (expireIdle ends N flows)
 *   as: alias [locale]    register: alias org-key [admin]
 *   agent: close N | agent: reply N text | agent: read N
 *   check: tickets N | check: abandoned flow/step/reason, ... | check: outbox kind N
 *   check: last-message N text | check: rating N score [comment] | check: attachments N count
 *   check: status N STATUS | check: outcome answered|duplicate|refused|failed | check: contact alias none|stored
 * Lines starting with # are comments; "@policy registered" at the top sets the access policy.
 */
export interface Transcript {
  readonly title: string;
  readonly policy: "open" | "registered";
  readonly lines: readonly { readonly no: number; readonly verb: string; readonly arg: string }[];
}

export const parseTranscript = (path: string): Transcript => {
  const text = readFileSync(path, "utf8");
  let title = path;
  let policy: Transcript["policy"] = "open";
  const lines: Transcript["lines"][number][] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!line.trim()) return;
    if (line.startsWith("#")) {
      if (title === path) title = line.replace(/^#+\s*/, "");
      return;
    }
    if (line.startsWith("@policy ")) {
      policy = line.slice(8).trim() as Transcript["policy"];
      return;
    }
    const match = /^([a-z-]+):\s?(.*)$/.exec(line);
    if (!match) throw new Error(`${path}:${i + 1}: cannot read "${line}"`);
    lines.push({ no: i + 1, verb: match[1]!, arg: match[2]! });
  });
  return { title, policy, lines };
};

const agent: Actor = { kind: "agent", id: "slack:UAGENT", name: "Carla" };
const MINUTE = 60_000;

export const replyText = (reply: EngineReply): string => reply.prompts.map(renderAsText).join("\n---\n");

/** Plays a transcript against a harness; a failing line reports the conversation so far. */
export const playTranscript = async (h: Harness, script: Transcript, path: string) => {
  let who = { id: "ana", name: "Ana", locale: null as string | null };
  let last: EngineReply | null = null;
  let lastMessage: InboundMessage | null = null;
  const log: string[] = [];
  const send = async (input: InboundMessage["input"], again = false) => {
    const message =
      again && lastMessage ? { ...lastMessage, receivedAt: h.clock.now() } : h.message(who, input);
    lastMessage = message;
    last = await h.engine.handle(message);
    log.push(`${who.id}> ${JSON.stringify(input)}`, replyText(last));
  };
  const fail = (no: number, why: string): never => {
    throw new Error(`${path}:${no}: ${why}\n\n--- conversation so far ---\n${log.join("\n")}`);
  };
  const tickets = async () => (await h.service.list(agent, { limit: 500 })).items;
  const detail = async (n: string) => {
    const found = await h.service.detail(agent, formatTicketId(Number(n)));
    if (!found.ok) throw new Error(`ticket ${n} not found`);
    return found.value;
  };

  for (const { no, verb, arg } of script.lines) {
    const reply = last as EngineReply | null;
    switch (verb) {
      case "user":
        await send({ kind: "text", text: arg.replace(/\{(\d+)x(.)\}/g, (_, n, c) => c.repeat(Number(n))) });
        break;
      case "tap":
        await send({ kind: "choice", id: arg });
        break;
      case "send": {
        const [names = "", caption] = arg.split("|").map((s) => s.trim());
        const files = names.split(",").map((n) => sampleFile(n.trim()));
        await send({ kind: "files", files, ...(caption ? { caption } : {}) });
        break;
      }
      case "cmd": {
        const [name = "", ...args] = arg.split(/\s+/);
        await send({ kind: "command", name, args });
        break;
      }
      case "redeliver":
        await send({ kind: "text", text: "" }, true);
        break;
      case "bot":
      case "bot-not": {
        const rendered = reply ? replyText(reply) : "";
        if (rendered.includes(arg) !== (verb === "bot")) fail(no, `${verb} "${arg}" in:\n${rendered}`);
        break;
      }
      case "wait": {
        const minutes = Number(arg.replace(/m$/, ""));
        h.clock.advance(minutes * MINUTE);
        break;
      }
      case "sweep": {
        const ended = await h.engine.expireIdle();
        if (ended !== Number(arg)) fail(no, `expireIdle ended ${ended} flows, expected ${arg}`);
        break;
      }
      case "as": {
        const [id = "ana", locale = null] = arg.split(/\s+/);
        who = { id, name: id[0]!.toUpperCase() + id.slice(1), locale };
        break;
      }
      case "register": {
        const [id = "", org = "", role] = arg.split(/\s+/);
        await h.deps.directory.ensureContact({
          channel: "TELEGRAM",
          platformUserId: id,
          displayName: id[0]!.toUpperCase() + id.slice(1),
          organization: { key: org, name: org },
          registered: true,
          role: role === "admin" ? "ORG_ADMIN" : "MEMBER",
        });
        break;
      }
      case "agent": {
        const [action, n = "", ...rest] = arg.split(/\s+/);
        const ref = formatTicketId(Number(n));
        const done =
          action === "close"
            ? await h.service.changeStatus(agent, ref, { status: "SOLVED" })
            : action === "read"
              ? await h.service.markRead(agent, ref)
              : await h.service.reply(agent, ref, { message: rest.join(" ") });
        if (!done.ok) fail(no, `agent ${arg}: ${JSON.stringify(done.error)}`);
        break;
      }
      case "check":
        await check(h, no, arg, { tickets, detail, fail, reply });
        break;
      default:
        fail(no, `unknown verb ${verb}`);
    }
  }
  expect(log.length).toBeGreaterThan(0);
};

const check = async (
  h: Harness,
  no: number,
  arg: string,
  ctx: {
    tickets: () => Promise<readonly { number: number }[]>;
    detail: (n: string) => Promise<TicketDetail>;
    fail: (no: number, why: string) => never;
    reply: EngineReply | null;
  },
) => {
  const [what = "", ...rest] = arg.split(/\s+/);
  const value = rest.join(" ");
  switch (what) {
    case "tickets": {
      const count = (await ctx.tickets()).length;
      if (count !== Number(value)) ctx.fail(no, `expected ${value} tickets, found ${count}`);
      return;
    }
    case "abandoned": {
      const expected = value === "none" ? [] : value.split(/,\s*/);
      const actual = await h.storage.abandonedList();
      if (JSON.stringify(actual) !== JSON.stringify(expected))
        ctx.fail(no, `abandoned flows ${JSON.stringify(actual)}`);
      return;
    }
    case "outbox": {
      const [kind, count] = rest;
      const found = (await h.outboxKinds()).filter((k) => k === kind).length;
      if (found !== Number(count)) ctx.fail(no, `expected ${count} outbox items of ${kind}, found ${found}`);
      return;
    }
    case "last-message": {
      const [n = "", ...words] = rest;
      const d = await ctx.detail(n);
      const body = d.events.filter((e) => e.kind === "MESSAGE").at(-1)?.body;
      if (body !== words.join(" ")) ctx.fail(no, `last message of ${n} is ${JSON.stringify(body)}`);
      return;
    }
    case "attachments": {
      const [n = "", count] = rest;
      const d = await ctx.detail(n);
      const found = d.events.flatMap((e) => e.attachments).length;
      if (found !== Number(count)) ctx.fail(no, `ticket ${n} has ${found} attachments`);
      return;
    }
    case "rating": {
      const [n = "", score, ...comment] = rest;
      const d = await ctx.detail(n);
      const expected = score === "none" ? null : { score: Number(score), comment: comment.join(" ") || null };
      if (JSON.stringify(d.ticket.rating) !== JSON.stringify(expected))
        ctx.fail(no, `rating is ${JSON.stringify(d.ticket.rating)}`);
      return;
    }
    case "status": {
      const [n = "", status] = rest;
      const d = await ctx.detail(n);
      if (d.ticket.status !== status) ctx.fail(no, `status of ${n} is ${d.ticket.status}`);
      return;
    }
    case "contact": {
      const [alias = "", expected] = rest;
      const found = await h.deps.directory.findContact("TELEGRAM", alias);
      if ((found === null) !== (expected === "none"))
        ctx.fail(no, `contact ${alias} is ${found ? "stored" : "absent"}`);
      return;
    }
    case "outcome":
      if (ctx.reply?.outcome !== value) ctx.fail(no, `outcome is ${ctx.reply?.outcome}`);
      return;
    default:
      ctx.fail(no, `unknown check ${what}`);
  }
};
