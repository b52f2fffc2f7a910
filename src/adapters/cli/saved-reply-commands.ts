import type { SavedReply } from "../../core/replies/saved-reply.js";
import { TICKET_STATUSES } from "../../core/ticket/status.js";
import type { Command, CommandContext } from "./command.js";
import { UsageError } from "./command.js";
import { cliLabels } from "./labels.js";
import { ticketJson, ticketLine } from "./render.js";
import { fail, print, ref, usageOf } from "./ticket-commands.js";

const replyLine = (reply: SavedReply) =>
  [
    reply.name,
    reply.department ?? "*",
    reply.status ?? "-",
    Object.keys(reply.texts).join("+"),
    (reply.texts["pt-BR"] ?? reply.texts.en ?? "").replaceAll("\n", " ").slice(0, 60),
  ].join("  ");

const nameArg = (ctx: CommandContext, positionals: string[]) => {
  const name = positionals[0];
  if (!name) throw new UsageError(usageOf(ctx).missingSavedReply);
  return name;
};

const savedReplies: Command = {
  name: "saved-reply",
  summary: {
    en: "list, add or change, and delete saved replies",
    "pt-BR": "listar, incluir ou alterar, e apagar respostas prontas",
  },
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
    const l = cliLabels[ctx.lang];
    if (action !== "list" && action !== "set" && action !== "delete")
      throw new UsageError(usageOf(ctx).expectedAction("list, set, delete"));
    return ctx.session(async (core) => {
      const tools = core.tools.savedReplies;
      if (action === "list") {
        const listed = await tools.list(ctx.agent, department ? { department } : {});
        if (!listed.ok) return fail(ctx, listed.error);
        print(ctx, listed.value, listed.value.map(replyLine).join("\n") || l.noSavedReplies);
        return 0;
      }
      if (action === "set") {
        const saved = await tools.save(ctx.agent, {
          name: nameArg(ctx, rest),
          department: department ?? null,
          texts: {
            ...(typeof v.pt === "string" ? { "pt-BR": v.pt } : {}),
            ...(typeof v.en === "string" ? { en: v.en } : {}),
          },
          status: typeof v.status === "string" ? v.status.toUpperCase() : null,
        });
        if (!saved.ok) return fail(ctx, saved.error);
        print(ctx, saved.value, `${l.savedReply} ${replyLine(saved.value)}`);
        return 0;
      }
      const removed = await tools.remove(ctx.agent, nameArg(ctx, rest));
      if (!removed.ok) return fail(ctx, removed.error);
      print(ctx, removed.value, `${l.deletedReply} ${removed.value.name}`);
      return 0;
    });
  },
};

const replyWith: Command = {
  name: "reply-with",
  summary: {
    en: "send a saved reply on a ticket (--preview shows it filled in, without sending)",
    "pt-BR": "enviar uma resposta pronta em um chamado (--preview mostra como ficará, sem enviar)",
  },
  usage: "reply-with TICKET NAME [--preview]",
  examples: ["reply-with TKT-000012 boleto --preview", 'reply-with TKT-000012 boleto --as "Ana Souza"'],
  options: { preview: { type: "boolean" } },
  async run(ctx, v, positionals) {
    const ticket = ref(ctx, positionals);
    const name = nameArg(ctx, positionals.slice(1));
    const l = cliLabels[ctx.lang];
    return ctx.session(async (core) => {
      const tools = core.tools.savedReplies;
      if (v.preview) {
        const shown = await tools.preview(ctx.agent, ticket, name);
        if (!shown.ok) return fail(ctx, shown.error);
        const { text, lang, status } = shown.value;
        print(
          ctx,
          { text, lang, status },
          `${text}\n(${lang}${status ? `, ${l.thenStatus} ${status}` : ""})`,
        );
        return 0;
      }
      const sent = await tools.send(ctx.agent, ticket, name);
      if (!sent.ok) return fail(ctx, sent.error);
      print(
        ctx,
        ticketJson(sent.value.ticket),
        `${l.replied} ${ticketLine(sent.value.ticket, ctx.catalogue)}`,
      );
      return 0;
    });
  },
};

export const savedReplyCommands = [savedReplies, replyWith];
