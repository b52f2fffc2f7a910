import type { SavedReply } from "../../core/replies/saved-reply.js";
import { TICKET_STATUSES } from "../../core/ticket/status.js";
import type { Command, CommandContext } from "./command.js";
import { UsageError } from "./command.js";
import { ticketJson, ticketLine } from "./render.js";
import { fail, print, ref } from "./ticket-commands.js";

const replyLine = (reply: SavedReply) =>
  [
    reply.name,
    reply.department ?? "*",
    reply.status ?? "-",
    Object.keys(reply.texts).join("+"),
    (reply.texts["pt-BR"] ?? reply.texts.en ?? "").replaceAll("\n", " ").slice(0, 60),
  ].join("  ");

const nameArg = (positionals: string[], usage: string) => {
  const name = positionals[0];
  if (!name) throw new UsageError(`missing saved reply name (${usage})`);
  return name;
};

const savedReplies: Command = {
  name: "saved-reply",
  summary: "list, add or change, and delete saved replies",
  usage: `saved-reply list [--department D] | saved-reply set NAME [--department D] [--pt TEXT] [--en TEXT] [--status ${TICKET_STATUSES.join("|")}] | saved-reply delete NAME`,
  examples: [
    "saved-reply list",
    'saved-reply set boleto --pt "Olá {{requester_name}}, segue a segunda via." --en "Hi {{requester_name}}, here is the copy." --status SOLVED',
    "saved-reply delete boleto",
  ],
  options: {
    department: { type: "string" },
    pt: { type: "string" },
    en: { type: "string" },
    status: { type: "string" },
  },
  async run(ctx: CommandContext, v, positionals) {
    const [action, ...rest] = positionals;
    const department = typeof v.department === "string" ? v.department : undefined;
    return ctx.session(async (core) => {
      const tools = core.tools.savedReplies;
      if (action === "list") {
        const listed = await tools.list(ctx.agent, department ? { department } : {});
        if (!listed.ok) return fail(ctx, listed.error);
        print(ctx, listed.value, listed.value.map(replyLine).join("\n") || "(none)");
        return 0;
      }
      if (action === "set") {
        const saved = await tools.save(ctx.agent, {
          name: nameArg(rest, this.usage),
          department: department ?? null,
          texts: {
            ...(typeof v.pt === "string" ? { "pt-BR": v.pt } : {}),
            ...(typeof v.en === "string" ? { en: v.en } : {}),
          },
          status: typeof v.status === "string" ? v.status.toUpperCase() : null,
        });
        if (!saved.ok) return fail(ctx, saved.error);
        print(ctx, saved.value, `saved ${replyLine(saved.value)}`);
        return 0;
      }
      if (action === "delete") {
        const removed = await tools.remove(ctx.agent, nameArg(rest, this.usage));
        if (!removed.ok) return fail(ctx, removed.error);
        print(ctx, removed.value, `deleted ${removed.value.name}`);
        return 0;
      }
      throw new UsageError(this.usage);
    });
  },
};

const replyWith: Command = {
  name: "reply-with",
  summary: "send a saved reply on a ticket (--preview shows it filled in, without sending)",
  usage: "reply-with TICKET NAME [--preview]",
  examples: ["reply-with TKT-000012 boleto --preview", 'reply-with TKT-000012 boleto --as "Ana Souza"'],
  options: { preview: { type: "boolean" } },
  async run(ctx, v, positionals) {
    const ticket = ref(positionals, this.usage);
    const name = nameArg(positionals.slice(1), this.usage);
    return ctx.session(async (core) => {
      const tools = core.tools.savedReplies;
      if (v.preview) {
        const shown = await tools.preview(ctx.agent, ticket, name);
        if (!shown.ok) return fail(ctx, shown.error);
        const { text, lang, status } = shown.value;
        print(ctx, { text, lang, status }, `${text}\n(${lang}${status ? `, then ${status}` : ""})`);
        return 0;
      }
      const sent = await tools.send(ctx.agent, ticket, name);
      if (!sent.ok) return fail(ctx, sent.error);
      print(ctx, ticketJson(sent.value.ticket), `replied ${ticketLine(sent.value.ticket, ctx.catalogue)}`);
      return 0;
    });
  },
};

export const savedReplyCommands = [savedReplies, replyWith];
