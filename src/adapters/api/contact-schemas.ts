import { z } from "zod";
import { INVITE_CHANNELS } from "../../core/ports/invitations.js";
import { CHANNELS } from "../../core/ticket/channel.js";
import { storable } from "../../core/ticket/validation.js";

const plain = (max: number) => z.string().max(max).superRefine(storable);
const isoDate = z.iso.datetime({ offset: true });

export const invitationBody = z.object({
  channel: z
    .enum(INVITE_CHANNELS)
    .meta({ description: "Where the person will activate: Telegram or WhatsApp" }),
  name: plain(200).meta({ description: "The person's name" }),
  organizationKey: plain(100).meta({ description: "The organization they join (made when missing)" }),
  organizationName: plain(200).optional(),
  admin: z.boolean().default(false).meta({ description: "Organization admin: sees every ticket of it" }),
  ttlHours: z.number().int().min(1).max(720).optional().meta({ description: "Default INVITATION_TTL_HOURS" }),
});

export const invitationJson = z.object({
  id: z.uuid(),
  channel: z.enum(INVITE_CHANNELS),
  code: z.string().meta({ description: "Works once, until expiresAt" }),
  expiresAt: isoDate,
  telegramLink: z.string().nullable().meta({ description: "https://t.me/<bot>?start=<code>, for Telegram" }),
  whatsappText: z.string().nullable().meta({ description: "The message to send to the WhatsApp number" }),
});

export const contactParams = z.object({
  channel: z.enum(CHANNELS),
  platformUserId: z.string().min(1).max(150),
});
export const activeBody = z.object({ active: z.boolean() });
export const contactJson = z.object({
  id: z.uuid(),
  channel: z.enum(CHANNELS),
  platformUserId: z.string(),
  displayName: z.string(),
  deactivatedAt: isoDate.nullable(),
});
