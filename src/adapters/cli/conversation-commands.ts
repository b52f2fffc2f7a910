import { join } from "node:path";
import { z } from "zod";
import { LANGS, langFromLocale } from "../../core/i18n/lang.js";
import type { ContactRecord } from "../../core/ports/directory.js";
import { CHANNELS } from "../../core/ticket/channel.js";
import { runRemoteConsoleChat, serviceAnswers } from "../console/console-client.js";
import { CONSOLE_SOCKET } from "../console/console-wire.js";
import { cliOperator } from "./cli-agent.js";
import { type Command, type CommandContext, UsageError } from "./command.js";
import { type ContactLabels, cliLabels } from "./labels.js";
import { type UsageLabels, usageLabels } from "./usage-labels.js";

/** "telegram:12345", "console:ana": a contact's identity on a channel, refused in the run's language. */
export const contactRefIn = (l: ContactLabels) =>
  z
    .string({ error: l.expectedRef })
    .regex(/^[a-z]+:.+$/i, { error: l.expectedRef })
    .transform((v) => {
      const [channel = "", ...rest] = v.split(":");
      return { channel: channel.toUpperCase(), platformUserId: rest.join(":").trim() };
    })
    .pipe(
      z.object({
        channel: z.enum(CHANNELS, { error: l.channelOneOf(CHANNELS.join(", ").toLowerCase()) }),
        platformUserId: z.string().min(1, { error: l.emptyId }).max(150),
      }),
    );

export const contactRef = contactRefIn(cliLabels.en.contacts);

const contactName = (c: { channel: string; platformUserId: string }) =>
  `${c.channel.toLowerCase()}:${c.platformUserId}`;

const parse = <S extends z.ZodType>(schema: S, values: unknown): z.output<S> => {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  throw new UsageError(
    parsed.error.issues.map((i) => `--${String(i.path[0] ?? "?")}: ${i.message}`).join("\n"),
  );
};

const refusal = (ctx: CommandContext, message: string, json: Record<string, unknown>): number => {
  ctx.io.err(ctx.json ? JSON.stringify({ error: json }) : message);
  return 1;
};

const contactJson = (c: ContactRecord) => ({
  id: c.id,
  channel: c.channel,
  platformUserId: c.platformUserId,
  displayName: c.displayName,
  person: c.person,
});

/** A name of 1 to 200 characters. */
const nameArg = (u: UsageLabels, error: string) =>
  z
    .string({ error })
    .trim()
    .min(1, { error: u.tooLong(200) })
    .max(200, { error: u.tooLong(200) });

const chatArgs = (l: ContactLabels, u: UsageLabels) =>
  z.object({
    as: contactRefIn(l),
    lang: z
      .string()
      .optional()
      .refine((v) => v === undefined || langFromLocale(v) !== null, { error: u.oneOf(LANGS.join(", ")) }),
    name: nameArg(u, u.invalid).optional(),
  });

export const chat: Command = {
  name: "chat",
  summary: {
    en: "talk to the ticket bot in the terminal, as a contact on a channel (--as console:ana, --as telegram:123)",
    "pt-BR":
      "conversar com o bot de chamados no terminal, como um contato de um canal (--as console:ana, --as telegram:123)",
  },
  usage: "chat --as CHANNEL:ID [--name NAME] [--lang pt-BR|en]",
  examples: ["chat --as console:ana", 'chat --as telegram:12345 --name "Carla" --lang en'],
  options: { as: { type: "string" }, lang: { type: "string" }, name: { type: "string" } },
  async run(ctx, values) {
    const args = parse(chatArgs(cliLabels[ctx.lang].contacts, usageLabels[ctx.lang]), values);
    const lang = args.lang ? langFromLocale(args.lang) : null;
    const socketPath = join(ctx.settings.dataDir, "run", CONSOLE_SOCKET);
    if (await serviceAnswers(socketPath)) {
      ctx.io.note?.(cliLabels[ctx.lang].contacts.chatThroughService(ctx.settings.dataDir));
      await runRemoteConsoleChat({
        socketPath,
        identity: { ...args.as, displayName: args.name ?? args.as.platformUserId },
        locale: lang,
        lang: lang ?? ctx.lang,
        input: process.stdin,
        write: (text) => ctx.io.out(text),
        maxFileBytes: ctx.settings.attachmentMaxBytes,
      });
      return 0;
    }
    // No service: the chat runs here on its own, and notifications wait until a service delivers them.
    ctx.io.note?.(cliLabels[ctx.lang].contacts.chatOnItsOwn(ctx.settings.dataDir));
    return ctx.session(async (core) => {
      const engine = await core.conversation();
      // A language given here is the person's choice, as if they had typed "language".
      const known = await core.directory.findContact(args.as.channel, args.as.platformUserId);
      if (known && lang) await core.directory.setLocale(known.id, lang);
      // The dialogue's code loads with a chat run here: every other command would pay for it.
      const { runConsoleChat } = await import("../console/console-chat.js");
      await runConsoleChat({
        engine,
        identity: { ...args.as, displayName: args.name ?? known?.displayName ?? args.as.platformUserId },
        ...(lang ? { locale: lang } : {}),
        input: process.stdin,
        write: (text) => ctx.io.out(text),
        maxFileBytes: ctx.settings.attachmentMaxBytes,
      });
      return 0;
    });
  },
};

const registerArgs = (l: ContactLabels, u: UsageLabels) =>
  z.object({
    contact: contactRefIn(l),
    name: nameArg(u, l.required("--name")),
    org: z
      .string({ error: l.required("--org") })
      .trim()
      .regex(/^[a-z0-9][a-z0-9._:-]{0,99}$/i, { error: l.orgKeyFormat }),
    "org-name": nameArg(u, u.invalid).optional(),
    admin: z.boolean().optional(),
  });

export const register: Command = {
  name: "register",
  summary: {
    en: "allow a contact to open tickets (ACCESS_POLICY=registered), in an organization",
    "pt-BR": "permitir que um contato abra chamados (ACCESS_POLICY=registered), em uma organização",
  },
  usage: "register --contact CHANNEL:ID --name NAME --org KEY [--org-name NAME] [--admin]",
  examples: [
    'register --contact whatsapp:5511999990000 --name "Carla Lima" --org acme --org-name "ACME Ltda" --admin',
  ],
  options: {
    contact: { type: "string" },
    name: { type: "string" },
    org: { type: "string" },
    "org-name": { type: "string" },
    admin: { type: "boolean" },
  },
  async run(ctx, values) {
    const l = cliLabels[ctx.lang].contacts;
    const args = parse(registerArgs(l, usageLabels[ctx.lang]), values);
    return ctx.session(async (core) => {
      const existing = await core.directory.findContact(args.contact.channel, args.contact.platformUserId);
      if (existing) {
        const org = await core.directory.findOrganization(existing.person.organizationId);
        if (org?.key !== args.org) {
          return refusal(ctx, l.otherOrganization(contactName(args.contact), String(org?.key), args.org), {
            code: "OTHER_ORGANIZATION",
            organization: org?.key ?? null,
          });
        }
      }
      const contact = await core.directory.ensureContact({
        ...args.contact,
        displayName: args.name,
        organization: { key: args.org, name: args["org-name"] ?? args.org },
        registered: true,
        role: args.admin ? "ORG_ADMIN" : "MEMBER",
      });
      await core.audit.record({
        at: new Date(),
        actor: cliOperator(),
        door: "cli",
        action: "contact.registered",
        target: { kind: "contact", id: contact.id },
        detail: { organization: args.org, role: contact.person.role, channel: contact.channel },
      });
      const admin = contact.person.role === "ORG_ADMIN";
      ctx.io.out(
        ctx.json
          ? JSON.stringify(contactJson(contact))
          : l.registered(contactName(contact), contact.displayName, admin, args.org),
      );
      return 0;
    });
  },
};

const linkArgs = (l: ContactLabels) => z.object({ contact: contactRefIn(l), to: contactRefIn(l) });

export const link: Command = {
  name: "link",
  summary: {
    en: "make two channel identities one person (e.g. a WhatsApp number and a Telegram user): the first moves onto the second's person and organization",
    "pt-BR":
      "tornar duas identidades de canal uma só pessoa (p. ex. um número de WhatsApp e um usuário do Telegram): a primeira passa para a pessoa e a organização da segunda",
  },
  usage: "link --contact CHANNEL:ID --to CHANNEL:ID",
  examples: ["link --contact telegram:12345 --to whatsapp:5511999990000"],
  options: { contact: { type: "string" }, to: { type: "string" } },
  async run(ctx, values) {
    const l = cliLabels[ctx.lang].contacts;
    const args = parse(linkArgs(l), values);
    return ctx.session(async (core) => {
      const [from, to] = await Promise.all([
        core.directory.findContact(args.contact.channel, args.contact.platformUserId),
        core.directory.findContact(args.to.channel, args.to.platformUserId),
      ]);
      const missing = !from ? "--contact" : !to ? "--to" : null;
      if (!from || !to) {
        return refusal(ctx, l.noSuchContact(String(missing)), { code: "CONTACT_NOT_FOUND", option: missing });
      }
      const linked = await core.directory.linkContact(from.id, to.person.id);
      await core.audit.record({
        at: new Date(),
        actor: cliOperator(),
        door: "cli",
        action: "contact.linked",
        target: { kind: "contact", id: linked.id },
        detail: { person: to.person.id, formerPerson: from.person.id },
      });
      ctx.io.out(
        ctx.json
          ? JSON.stringify(contactJson(linked))
          : l.linked(contactName(linked), to.person.name, contactName(to)),
      );
      return 0;
    });
  },
};

export const conversationCommands: readonly Command[] = [chat, register, link];
