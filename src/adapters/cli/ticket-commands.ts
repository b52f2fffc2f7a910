import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { z } from "zod";
import type { Page } from "../../core/ports/ticket-repository.js";
import type { Result } from "../../core/shared/result.js";
import { CHANNELS, type Channel } from "../../core/ticket/channel.js";
import type { CoreError } from "../../core/ticket/errors.js";
import { PRIORITIES } from "../../core/ticket/priority.js";
import type { RequesterIdentity } from "../../core/ticket/service.js";
import {
  PUBLIC_STATUSES,
  statusesOfPublic,
  TICKET_STATUSES,
  type TicketStatus,
} from "../../core/ticket/status.js";
import type { Ticket } from "../../core/ticket/ticket.js";
import type { CliSession, Command, CommandContext } from "./command.js";
import { UsageError } from "./command.js";
import { kbFiguresText } from "./kb-render.js";
import { type ContactLabels, cliLabels } from "./labels.js";
import { organizationIdOf, requesterPersonIdOf, taxonomyCodes } from "./refs.js";
import { detailText, pageText, statsText, ticketJson, ticketLine, type View } from "./render.js";
import { reportText } from "./report-render.js";
import { type UsageLabels, usageLabels } from "./usage-labels.js";

const viewOf = (ctx: CommandContext): View => ({
  catalogue: ctx.catalogue,
  labels: cliLabels[ctx.lang],
  timeZone: ctx.settings.timeZone,
});

export const print = (ctx: CommandContext, json: unknown, text: string) =>
  ctx.io.out(ctx.json ? JSON.stringify(json, (_, v) => (typeof v === "bigint" ? Number(v) : v), 2) : text);

/** A page of list or search results, as JSON or as lines. */
const printPage = (ctx: CommandContext, page: Page<Ticket>) =>
  print(ctx, { items: page.items.map(ticketJson), nextCursor: page.nextCursor }, pageText(page, viewOf(ctx)));

export const fail = (ctx: CommandContext, error: CoreError): number => {
  if (ctx.json) ctx.io.err(JSON.stringify({ error }));
  else ctx.io.err(ctx.catalogue.error(error));
  return 1;
};

/** The refusals of arguments in the run's language. */
export const usageOf = (ctx: CommandContext): UsageLabels => usageLabels[ctx.lang];

export const ref = (ctx: CommandContext, positionals: string[]): string => {
  const value = positionals[0];
  if (!value) throw new UsageError(usageOf(ctx).missingTicket);
  return value;
};

const list = (value: unknown): string[] | undefined =>
  typeof value === "string"
    ? value
        .split(",")
        .map((v) => v.trim())
        .filter(Boolean)
    : undefined;

const readFiles = async (ctx: CommandContext, paths: unknown) => {
  const files = [];
  for (const path of (paths as string[] | undefined) ?? []) {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new UsageError(usageOf(ctx).notReadableFile(path));
    // Refuse before reading, so a huge file is never loaded.
    if (info.size > ctx.settings.attachmentMaxBytes) {
      throw new UsageError(
        ctx.catalogue.attachment(basename(path), "TOO_LARGE", ctx.settings.attachmentMaxBytes),
      );
    }
    files.push({ fileName: basename(path), bytes: new Uint8Array(await readFile(path)) });
  }
  return files;
};

/** "telegram:12345" -> the contact on that channel (created in its own organization when new). */
const contactArg = (l: ContactLabels) =>
  z
    .string()
    .regex(/^[a-z]+:.+$/i, { error: l.expectedRef })
    .transform((v) => {
      const [channel = "", ...rest] = v.split(":");
      return { channel: channel.toUpperCase(), platformUserId: rest.join(":") };
    })
    .pipe(
      z.object({
        channel: z.enum(CHANNELS, { error: l.channelOneOf(CHANNELS.join(", ").toLowerCase()) }),
        platformUserId: z.string().min(1, { error: l.emptyId }),
      }),
    );

const parseOr = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new UsageError(`${what}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
};

/** Options read with one schema; each refusal names its option. */
const parseOptions = <T>(schema: z.ZodType<T>, values: unknown): T => {
  const parsed = schema.safeParse(values);
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `--${String(i.path[0] ?? "?")}: ${i.message}`).join("\n"),
    );
  return parsed.data;
};

export const create: Command = {
  name: "create",
  summary: { en: "open a ticket", "pt-BR": "abrir um chamado" },
  examples: [
    'create --subject "Impressora parada" --department technical --priority high --type incident --message "Não imprime desde ontem" --as "Ana Souza"',
    'create --contact telegram:12345 --name "Carla" --org acme --subject "Boleto" --department sales --priority low --type support --message "Segunda via" --file boleto.pdf',
  ],
  usage:
    "create --subject S --department D --priority low|medium|high --type T --message M [--file PATH]... [--contact CHANNEL:ID --name NAME --org KEY]",
  options: {
    subject: { type: "string" },
    department: { type: "string" },
    priority: { type: "string" },
    type: { type: "string" },
    message: { type: "string" },
    file: { type: "string", multiple: true },
    contact: { type: "string" },
    name: { type: "string" },
    org: { type: "string" },
  },
  async run(ctx, v) {
    const agent = ctx.agent;
    const files = await readFiles(ctx, v.file);
    const who = v.contact
      ? parseOr(contactArg(cliLabels[ctx.lang].contacts), v.contact, "--contact")
      : { channel: "CLI" as Channel, platformUserId: agent.kind === "agent" ? agent.id : "cli" };
    return ctx.session(async (core) => {
      const orgKey =
        typeof v.org === "string"
          ? v.org
          : who.channel === "CLI"
            ? "internal"
            : `contact:${who.channel}:${who.platformUserId}`;
      // Looked up before ensureContact, so a refusal changes nothing (not even the contact's name).
      if ((await core.directory.findContact(who.channel, who.platformUserId))?.deactivatedAt)
        return fail(ctx, { code: "CONTACT_DEACTIVATED" });
      const contact = await core.directory.ensureContact({
        channel: who.channel,
        platformUserId: who.platformUserId,
        displayName: typeof v.name === "string" ? v.name : who.platformUserId,
        organization: { key: orgKey, name: orgKey },
        registered: true,
      });
      const requester: RequesterIdentity = {
        contactId: contact.id,
        personId: contact.person.id,
        organizationId: contact.person.organizationId,
        displayName: contact.displayName,
        channel: contact.channel,
      };
      const result = await core.service.create(
        agent,
        requester,
        {
          subject: v.subject,
          department: v.department,
          priority: typeof v.priority === "string" ? v.priority.toUpperCase() : v.priority,
          type: v.type,
          message: v.message,
          attachments: files,
        },
        "CLI",
      );
      if (!result.ok) return fail(ctx, result.error);
      print(
        ctx,
        ticketJson(result.value.ticket),
        `${viewOf(ctx).labels.createdTicket} ${ticketLine(result.value.ticket, ctx.catalogue)}`,
      );
      return 0;
    });
  },
};

type TicketChangeRun = (core: CliSession) => Promise<Result<Ticket, CoreError>>;

/** Runs one ticket change on the configured database and prints the ticket, or the refusal. */
export const changeTicket = (ctx: CommandContext, run: TicketChangeRun, prefix = ""): Promise<number> =>
  ctx.session(async (core) => {
    const result = await run(core);
    if (!result.ok) return fail(ctx, result.error);
    print(ctx, ticketJson(result.value), `${prefix}${ticketLine(result.value, ctx.catalogue)}`);
    return 0;
  });

export const reply: Command = {
  name: "reply",
  summary: {
    en: "answer a ticket as an agent (or add an internal note)",
    "pt-BR": "responder a um chamado como agente (ou incluir uma nota interna)",
  },
  usage: "reply TICKET --message M [--file PATH]... [--internal]",
  examples: [
    'reply TKT-000001 --message "Pode reiniciar a impressora?" --as "Ana Souza"',
    'reply 1 --internal --message "Aguardando o fornecedor"',
  ],
  options: {
    message: { type: "string" },
    file: { type: "string", multiple: true },
    internal: { type: "boolean" },
  },
  async run(ctx, v, positionals) {
    const ticket = ref(ctx, positionals);
    const files = await readFiles(ctx, v.file);
    const input = { message: v.message ?? "", attachments: files, internal: v.internal === true };
    return changeTicket(
      ctx,
      (core) => core.service.reply(ctx.agent, ticket, input),
      `${viewOf(ctx).labels.replied} `,
    );
  },
};

const fieldCommand = (
  name: "status" | "priority",
  summary: Command["summary"],
  allowed: readonly string[],
  examples: readonly string[],
  apply: (ctx: CommandContext, ticket: string, value: string) => Promise<number>,
): Command => {
  const usage = `${name} TICKET ${allowed.join("|").toLowerCase()}`;
  return {
    name,
    summary,
    usage,
    examples,
    options: {},
    async run(ctx, _v, positionals) {
      const ticket = ref(ctx, positionals);
      const value = positionals[1]?.toUpperCase();
      const l = usageOf(ctx);
      if (!value) throw new UsageError(l.missingValue);
      if (!allowed.includes(value))
        throw new UsageError(
          l.unknownValue(cliLabels[ctx.lang][name], positionals[1]!, allowed.join(", ").toLowerCase()),
        );
      return apply(ctx, ticket, value);
    },
  };
};

export const status = fieldCommand(
  "status",
  { en: "change a ticket's status", "pt-BR": "mudar o status de um chamado" },
  TICKET_STATUSES,
  ["status TKT-000001 in_progress", 'status 1 solved --as "Ana Souza"'],
  (ctx, ticket, value) =>
    changeTicket(ctx, (core) => core.service.changeStatus(ctx.agent, ticket, { status: value })),
);

export const priority = fieldCommand(
  "priority",
  { en: "change a ticket's priority", "pt-BR": "mudar a prioridade de um chamado" },
  PRIORITIES,
  ["priority TKT-000001 high"],
  (ctx, ticket, value) =>
    changeTicket(ctx, (core) => core.service.changePriority(ctx.agent, ticket, { priority: value })),
);

export const department: Command = {
  name: "department",
  summary: {
    en: "move a ticket to another department (the requester is told; the Slack root moves)",
    "pt-BR":
      "passar um chamado para outro departamento (o solicitante é avisado; a mensagem no Slack muda junto)",
  },
  usage: "department TICKET CODE",
  examples: ["department TKT-000001 sales"],
  options: {},
  async run(ctx, _v, positionals) {
    const ticket = ref(ctx, positionals);
    const given = positionals[1];
    if (!given) throw new UsageError(usageOf(ctx).missingDepartment);
    const [code] =
      taxonomyCodes(usageOf(ctx), "department", [given], ctx.settings.taxonomy.departments) ?? [];
    return changeTicket(ctx, (core) =>
      core.service.changeDepartment(ctx.agent, ticket, { department: code }),
    );
  },
};

export const contactDone: Command = {
  name: "contact-done",
  summary: {
    en: "mark the contact a requester asked for as made (the requester is told)",
    "pt-BR": "marcar como feito o contato que o solicitante pediu (o solicitante é avisado)",
  },
  usage: "contact-done TICKET",
  examples: ["contact-done TKT-000001"],
  options: {},
  async run(ctx, _v, positionals) {
    const ticket = ref(ctx, positionals);
    return changeTicket(ctx, (core) => core.service.contactDone(ctx.agent, ticket));
  },
};

export const assign: Command = {
  name: "assign",
  summary: {
    en: "assign a ticket to an agent (or --none)",
    "pt-BR": "atribuir um chamado a um agente (ou --none, a ninguém)",
  },
  usage: "assign TICKET (--to AGENT_ID [--name NAME] | --none)",
  examples: ['assign TKT-000001 --to cli:ana --name "Ana Souza"', "assign 1 --none"],
  options: { to: { type: "string" }, name: { type: "string" }, none: { type: "boolean" } },
  async run(ctx, v, positionals) {
    const ticket = ref(ctx, positionals);
    if (!v.none && typeof v.to !== "string") throw new UsageError(usageOf(ctx).giveToOrNone);
    const assignee = v.none
      ? null
      : { id: v.to as string, name: typeof v.name === "string" ? v.name : (v.to as string) };
    return changeTicket(ctx, (core) => core.service.assign(ctx.agent, ticket, { assignee }));
  },
};

export const show: Command = {
  name: "show",
  summary: {
    en: "a ticket with its history and time in each status",
    "pt-BR": "mostrar um chamado com seu histórico e o tempo em cada status",
  },
  usage: "show TICKET",
  examples: ["show TKT-000001", "show 1 --json"],
  options: {},
  async run(ctx, _v, positionals) {
    const ticket = ref(ctx, positionals);
    return ctx.session(async (core) => {
      // An agent opening a ticket has read what the requester wrote; a ticket not found is told by detail.
      await core.service.markRead(ctx.agent, ticket);
      const result = await core.service.detail(ctx.agent, ticket);
      if (!result.ok) return fail(ctx, result.error);
      print(
        ctx,
        { ...result.value, ticket: ticketJson(result.value.ticket) },
        detailText(result.value, viewOf(ctx)),
      );
      return 0;
    });
  },
};

const SORTS = { created: "createdAt", updated: "updatedAt", number: "number", priority: "priority" } as const;

const listQuery = (l: UsageLabels) =>
  z.object({
    status: z
      .array(z.string())
      .optional()
      .transform((values, zctx) => {
        if (!values) return undefined;
        const statuses = new Set<TicketStatus>();
        for (const raw of values) {
          const value = raw.toUpperCase();
          if ((PUBLIC_STATUSES as readonly string[]).includes(value)) {
            for (const s of statusesOfPublic(value as (typeof PUBLIC_STATUSES)[number])) statuses.add(s);
          } else if ((TICKET_STATUSES as readonly string[]).includes(value))
            statuses.add(value as TicketStatus);
          else zctx.addIssue({ code: "custom", message: l.unknownStatus(raw, TICKET_STATUSES.join(", ")) });
        }
        return [...statuses];
      }),
    priority: z
      .array(
        z
          .string()
          .toUpperCase()
          .pipe(z.enum(PRIORITIES, { error: l.oneOf(PRIORITIES.join(", ").toLowerCase()) })),
      )
      .optional(),
    department: z.array(z.string()).optional(),
    type: z.array(z.string()).optional(),
    tag: z.array(z.string()).optional(),
    org: z.string().trim().min(1, { error: l.invalid }).optional(),
    requester: z.string().trim().min(1, { error: l.invalid }).optional(),
    from: z.iso.date({ error: l.date }).optional(),
    to: z.iso.date({ error: l.date }).optional(),
    sort: z
      .string()
      .regex(/^(created|updated|number|priority)(:(asc|desc))?$/, { error: l.sort })
      .optional(),
    limit: z.coerce
      .number({ error: l.number(1, 200) })
      .int({ error: l.number(1, 200) })
      .min(1, { error: l.number(1, 200) })
      .max(200, { error: l.number(1, 200) })
      .default(20),
    cursor: z.string().max(500, { error: l.invalid }).optional(),
  });

const listOptions = {
  status: { type: "string" },
  priority: { type: "string" },
  department: { type: "string" },
  type: { type: "string" },
  tag: { type: "string" },
  org: { type: "string" },
  requester: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  sort: { type: "string" },
  limit: { type: "string" },
  cursor: { type: "string" },
} as const;

const toQuery = (ctx: CommandContext, v: Record<string, unknown>) => {
  const l = usageOf(ctx);
  const q = parseOptions(listQuery(l), {
    ...v,
    status: list(v.status),
    priority: list(v.priority),
    department: list(v.department),
    type: list(v.type),
    tag: list(v.tag),
  });
  const [field = "created", direction = "desc"] = (q.sort ?? "created:desc").split(":");
  const departments = taxonomyCodes(l, "--department", q.department, ctx.settings.taxonomy.departments);
  const types = taxonomyCodes(l, "--type", q.type, ctx.settings.taxonomy.types);
  // Names of organizations and requesters are looked up once the database is open.
  const refs = { org: q.org, requester: q.requester };
  const base = {
    limit: q.limit,
    sort: { field: SORTS[field as keyof typeof SORTS], direction: direction as "asc" | "desc" },
    ...(q.status ? { statuses: q.status } : {}),
    ...(q.priority ? { priorities: q.priority } : {}),
    ...(departments ? { departments } : {}),
    ...(types ? { types } : {}),
    ...(q.tag ? { tags: q.tag } : {}),
    ...(q.from ? { createdFrom: new Date(`${q.from}T00:00:00Z`) } : {}),
    ...(q.to ? { createdTo: new Date(`${q.to}T00:00:00Z`) } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  };
  return async (core: CliSession) => ({
    ...base,
    ...(refs.org ? { organizationId: await organizationIdOf(l, core, "--org", refs.org) } : {}),
    ...(refs.requester ? { requesterPersonId: await requesterPersonIdOf(l, core, refs.requester) } : {}),
  });
};

export const listTickets: Command = {
  name: "list",
  summary: { en: "list tickets with filters", "pt-BR": "listar chamados com filtros" },
  usage:
    "list [--status open,answered,closed|NEW,...] [--priority high,...] [--department D] [--type T] [--tag A,B] [--org KEY] [--requester CHANNEL:ID] [--from DATE] [--to DATE] [--sort created:desc] [--limit N] [--cursor C]",
  examples: [
    "list --status open --priority high",
    "list --tag boleto,nfe",
    "list --org acme --department technical --sort updated:desc",
    "list --requester telegram:12345 --from 2026-01-01",
  ],
  options: listOptions,
  async run(ctx, v) {
    const queryIn = toQuery(ctx, v);
    return ctx.session(async (core) => {
      const page = await core.service.list(ctx.agent, await queryIn(core));
      printPage(ctx, page);
      return 0;
    });
  },
};

export const search: Command = {
  name: "search",
  summary: {
    en: "find tickets by id, subject or words in any message",
    "pt-BR": "buscar chamados pelo número, pelo assunto ou por palavras de qualquer mensagem",
  },
  usage: 'search "TEXT" [list filters]',
  examples: ['search "nota fiscal"', "search TKT-000123", "search impressora --status open"],
  options: listOptions,
  async run(ctx, v, positionals) {
    const text = positionals.join(" ").trim();
    if (!text) throw new UsageError(usageOf(ctx).missingSearchText);
    const queryIn = toQuery(ctx, v);
    return ctx.session(async (core) => {
      const page = await core.service.search(ctx.agent, text, await queryIn(core));
      printPage(ctx, page);
      return 0;
    });
  },
};

/** A day (its start in UTC; with `end`, the start of the next day) or an instant with its offset. */
const reportDate = (l: UsageLabels, end: boolean) =>
  z.union(
    [
      z.iso.date().transform((d) => new Date(Date.parse(`${d}T00:00:00Z`) + (end ? 86_400_000 : 0))),
      z.iso.datetime({ offset: true }).transform((d) => new Date(d)),
    ],
    { error: l.dayOrInstant },
  );

export const stats: Command = {
  name: "stats",
  summary: {
    en: "dashboard counts, time in status, ratings, SLA outcomes, the intake funnel and knowledge-base figures",
    "pt-BR":
      "números do painel, tempo em cada status, avaliações, resultados de SLA, funil de abertura e números da base de conhecimento",
  },
  usage: "stats [--org KEY] [--from YYYY-MM-DD] [--to YYYY-MM-DD]",
  examples: ["stats", "stats --org acme --json", "stats --from 2026-11-01 --to 2026-11-30"],
  options: { org: { type: "string" }, from: { type: "string" }, to: { type: "string" } },
  async run(ctx, v) {
    const l = usageOf(ctx);
    const from = v.from === undefined ? undefined : parseOr(reportDate(l, false), v.from, "--from");
    const to = v.to === undefined ? undefined : parseOr(reportDate(l, true), v.to, "--to");
    return ctx.session(async (core) => {
      const org =
        typeof v.org === "string" ? await organizationIdOf(l, core, "--org", v.org.trim()) : undefined;
      const scope = org ? { organizationId: org } : {};
      const counts = await core.service.stats(ctx.agent, scope);
      const report = await core.reports.report(ctx.agent, {
        ...scope,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      if (!report.ok) return fail(ctx, report.error);
      const knowledgeBase = await core.knowledge.figures();
      print(
        ctx,
        { ...counts, report: report.value, knowledgeBase },
        [
          statsText(counts, viewOf(ctx)),
          reportText(report.value, cliLabels[ctx.lang].report, cliLabels[ctx.lang].timeInStatus),
          kbFiguresText(knowledgeBase, cliLabels[ctx.lang].report),
        ].join("\n"),
      );
      return 0;
    });
  },
};

export const tag: Command = {
  name: "tag",
  summary: {
    en: "set, add or remove a ticket's tags",
    "pt-BR": "definir, acrescentar ou tirar etiquetas de um chamado",
  },
  usage: "tag TICKET [--set A,B] [--add A,B] [--remove A,B]",
  examples: ["tag TKT-000001 --add boleto", "tag TKT-000001 --set nfe,urgente"],
  options: { set: { type: "string" }, add: { type: "string" }, remove: { type: "string" } },
  async run(ctx, v, positionals) {
    const ticket = ref(ctx, positionals);
    if (v.set === undefined && v.add === undefined && v.remove === undefined)
      throw new UsageError(usageOf(ctx).giveSetAddOrRemove);
    const input = {
      ...(typeof v.set === "string" ? { tags: list(v.set) ?? [] } : {}),
      add: list(v.add) ?? [],
      remove: list(v.remove) ?? [],
    };
    return changeTicket(
      ctx,
      (core) => core.service.setTags(ctx.agent, ticket, input),
      `${cliLabels[ctx.lang].taggedTicket} `,
    );
  },
};

export const tags: Command = {
  name: "tags",
  summary: {
    en: "tickets per tag (total, not closed)",
    "pt-BR": "chamados por etiqueta (total e não fechados)",
  },
  usage: "tags [--org KEY]",
  examples: ["tags", "tags --org acme --json"],
  options: { org: { type: "string" } },
  async run(ctx, v) {
    return ctx.session(async (core) => {
      const org =
        typeof v.org === "string"
          ? await organizationIdOf(usageOf(ctx), core, "--org", v.org.trim())
          : undefined;
      const counts = await core.service.tagStats(ctx.agent, org ? { organizationId: org } : {});
      print(
        ctx,
        counts,
        counts.map((c) => `${c.tag}  ${c.total}  ${c.notClosed}`).join("\n") || cliLabels[ctx.lang].noTags,
      );
      return 0;
    });
  },
};

export const merge: Command = {
  name: "merge",
  summary: {
    en: "merge a duplicate ticket into another (the duplicate is closed; its requester follows the other)",
    "pt-BR":
      "juntar um chamado duplicado a outro (o duplicado é fechado; o solicitante dele passa a acompanhar o outro)",
  },
  usage: "merge DUPLICATE --into TICKET",
  examples: ["merge TKT-000012 --into TKT-000010"],
  options: { into: { type: "string" } },
  async run(ctx, v, positionals) {
    const ticket = ref(ctx, positionals);
    if (typeof v.into !== "string") throw new UsageError(usageOf(ctx).giveInto);
    const into = v.into;
    return changeTicket(
      ctx,
      (core) => core.service.merge(ctx.agent, ticket, { into }),
      `${cliLabels[ctx.lang].mergedTicket} `,
    );
  },
};

export const ticketCommands = [
  create,
  reply,
  status,
  priority,
  department,
  contactDone,
  assign,
  tag,
  merge,
  show,
  listTickets,
  search,
  stats,
  tags,
];
