import { z } from "zod";
import type { IssuedInvitation } from "../../core/contacts/invitations.js";
import { CHANNELS } from "../../core/ticket/channel.js";
import { type Command, type CommandContext, UsageError } from "./command.js";

const contactRef = z
  .string({ error: "expected CHANNEL:ID, e.g. telegram:12345" })
  .regex(/^[a-z]+:.+$/i, { error: "expected CHANNEL:ID, e.g. telegram:12345" })
  .transform((v) => {
    const [channel = "", ...rest] = v.split(":");
    return { channel: channel.toUpperCase(), platformUserId: rest.join(":").trim() };
  })
  .pipe(z.object({ channel: z.enum(CHANNELS), platformUserId: z.string().min(1).max(150) }));

const out = (ctx: CommandContext, json: unknown, text: string) =>
  ctx.io.out(ctx.json ? JSON.stringify(json) : text);

export const invitationText = (i: IssuedInvitation): string =>
  [
    i.telegramLink
      ? `Send this link to the person; opening it in Telegram activates them: ${i.telegramLink}`
      : `Ask the person to send this code to the WhatsApp number: ${i.whatsappText}`,
    `It works once, until ${i.expiresAt.toISOString()}.`,
  ].join("\n");

export const invite: Command = {
  name: "invite",
  summary: "invite a contact: a one-time Telegram link or WhatsApp code that activates them",
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
    if (hours !== undefined && !Number.isInteger(hours)) throw new UsageError("--hours expects whole hours");
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
      out(ctx, issued.value, invitationText(issued.value));
      return 0;
    });
  },
};

const setActive = (active: boolean): Command => ({
  name: active ? "activate" : "deactivate",
  summary: active
    ? "let a deactivated contact use the chat again"
    : "refuse a contact in chat from now on (with a message in their language); their tickets stay",
  usage: `${active ? "activate" : "deactivate"} CHANNEL:ID`,
  examples: [
    `${active ? "activate" : "deactivate"} telegram:12345`,
    `${active ? "activate" : "deactivate"} whatsapp:5511999998888`,
  ],
  options: {},
  async run(ctx, _v, positionals) {
    const parsed = contactRef.safeParse(positionals[0]);
    if (!parsed.success) throw new UsageError(`expected CHANNEL:ID, e.g. telegram:12345 (${this.usage})`);
    const { channel, platformUserId } = parsed.data;
    return ctx.session(async (core) => {
      const found = await core.directory.findContact(channel, platformUserId);
      const changed = found ? await core.contacts.setActive(ctx.agent, found.id, active) : null;
      if (!changed?.ok || !changed.value) {
        ctx.io.err(ctx.json ? JSON.stringify({ error: { code: "CONTACT_NOT_FOUND" } }) : "no such contact");
        return 1;
      }
      const c = changed.value;
      out(
        ctx,
        { id: c.id, channel: c.channel, platformUserId: c.platformUserId, deactivatedAt: c.deactivatedAt },
        `${c.channel.toLowerCase()}:${c.platformUserId} (${c.displayName}) is ${c.deactivatedAt ? "deactivated" : "active"}`,
      );
      return 0;
    });
  },
});

export const contactCommands = [invite, setActive(false), setActive(true)];
