import type { IssuedInvitation } from "../../core/contacts/invitations.js";
import type { Lang } from "../../core/i18n/lang.js";
import { type Command, type CommandContext, UsageError } from "./command.js";
import { contactRefIn } from "./conversation-commands.js";
import { cliLabels } from "./labels.js";
import { usageLabels } from "./usage-labels.js";

const out = (ctx: CommandContext, json: unknown, text: string) =>
  ctx.io.out(ctx.json ? JSON.stringify(json) : text);

export const invitationText = (i: IssuedInvitation, lang: Lang): string => {
  const l = cliLabels[lang].contacts;
  return [
    i.telegramLink ? l.sendLink(i.telegramLink) : l.sendCode(String(i.whatsappText)),
    l.worksOnce(i.expiresAt.toISOString()),
  ].join("\n");
};

export const invite: Command = {
  name: "invite",
  summary: {
    en: "invite a contact: a one-time Telegram link or WhatsApp code that activates them",
    "pt-BR": "convidar um contato: um link do Telegram ou um código do WhatsApp, de uso único, que o ativa",
  },
  usage: "invite --channel telegram|whatsapp --name NAME --org KEY [--org-name NAME] [--admin] [--hours H]",
  examples: [
    'invite --channel telegram --name "Carla Dias" --org acme',
    'invite --channel whatsapp --name "Rui Lima" --org acme --org-name "Acme Ltda" --admin',
  ],
  options: {
    channel: { type: "string" },
    name: { type: "string" },
    org: { type: "string" },
    "org-name": { type: "string" },
    admin: { type: "boolean" },
    hours: { type: "string" },
  },
  async run(ctx, v) {
    const hours = v.hours === undefined ? undefined : Number(v.hours);
    if (hours !== undefined && !Number.isInteger(hours))
      throw new UsageError(`--hours: ${usageLabels[ctx.lang].wholeHours}`);
    return ctx.session(async (core) => {
      const issued = await core.contacts.invite(ctx.agent, {
        channel: v.channel ?? "",
        name: v.name ?? "",
        organization: { key: v.org ?? "", ...(v["org-name"] ? { name: v["org-name"] } : {}) },
        admin: v.admin === true,
        ...(hours !== undefined ? { ttlHours: hours } : {}),
      });
      if (!issued.ok) {
        ctx.io.err(ctx.json ? JSON.stringify({ error: issued.error }) : ctx.catalogue.error(issued.error));
        return 1;
      }
      out(ctx, issued.value, invitationText(issued.value, ctx.lang));
      return 0;
    });
  },
};

const setActive = (active: boolean): Command => ({
  name: active ? "activate" : "deactivate",
  summary: active
    ? {
        en: "let a deactivated contact use the chat again",
        "pt-BR": "deixar um contato desativado usar o chat de novo",
      }
    : {
        en: "refuse a contact in chat from now on (with a message in their language); their tickets stay",
        "pt-BR":
          "recusar um contato no chat a partir de agora (com uma mensagem no idioma dele); os chamados dele continuam",
      },
  usage: `${active ? "activate" : "deactivate"} CHANNEL:ID`,
  examples: [
    `${active ? "activate" : "deactivate"} telegram:12345`,
    `${active ? "activate" : "deactivate"} whatsapp:5511999998888`,
  ],
  options: {},
  async run(ctx, _v, positionals) {
    const l = cliLabels[ctx.lang].contacts;
    const parsed = contactRefIn(l).safeParse(positionals[0]);
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("; "));
    const { channel, platformUserId } = parsed.data;
    return ctx.session(async (core) => {
      const found = await core.directory.findContact(channel, platformUserId);
      const changed = found ? await core.contacts.setActive(ctx.agent, found.id, active) : null;
      if (!changed?.ok || !changed.value) {
        ctx.io.err(ctx.json ? JSON.stringify({ error: { code: "CONTACT_NOT_FOUND" } }) : l.notFound);
        return 1;
      }
      const c = changed.value;
      out(
        ctx,
        { id: c.id, channel: c.channel, platformUserId: c.platformUserId, deactivatedAt: c.deactivatedAt },
        l.activeState(`${c.channel.toLowerCase()}:${c.platformUserId} (${c.displayName})`, !c.deactivatedAt),
      );
      return 0;
    });
  },
});

export const contactCommands = [invite, setActive(false), setActive(true)];
