import { z } from "zod";
import { BSUID } from "../identity.js";

/**
 * Meta's webhook for the Cloud API ("messages" field of a WhatsApp Business Account), as far as the
 * desk uses it. Unknown fields pass through ignored; each change and each message is validated on
 * its own, so one odd item never drops the rest of a batch.
 */
const mediaSchema = z.object({
  id: z.string().min(1).max(200),
  mime_type: z.string().max(255).optional(),
  filename: z.string().max(255).optional(),
  caption: z.string().max(65_536).optional(),
});

const bsuid = z.string().regex(BSUID);

const messageSchema = z.object({
  /** The sender's phone number; left out for a person who adopted a username and hides it. */
  from: z.string().min(1).max(40).optional(),
  /** The sender's business-scoped user id, in every message since 2026. */
  from_user_id: bsuid.optional(),
  id: z.string().min(1).max(150),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().max(40),
  text: z.object({ body: z.string().max(65_536) }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string().max(256), title: z.string().max(100) }).optional(),
      list_reply: z.object({ id: z.string().max(256), title: z.string().max(100) }).optional(),
    })
    .optional(),
  /** A tap on a template's quick-reply button. */
  button: z.object({ payload: z.string().max(1000).optional(), text: z.string().max(1000) }).optional(),
  image: mediaSchema.optional(),
  document: mediaSchema.optional(),
  audio: mediaSchema.optional(),
  video: mediaSchema.optional(),
  sticker: mediaSchema.optional(),
});

const statusSchema = z.object({
  id: z.string().min(1).max(150),
  status: z.string().max(40),
  timestamp: z.string().regex(/^\d{1,12}$/),
  recipient_id: z.string().max(40).optional(),
  errors: z.array(z.object({ code: z.number().int(), title: z.string().max(1000).optional() })).optional(),
});

const valueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string() }),
  contacts: z
    .array(
      z.object({
        wa_id: z.string().optional(),
        user_id: z.string().max(200).optional(),
        profile: z
          .object({ name: z.string().max(200).optional(), username: z.string().max(200).optional() })
          .optional(),
      }),
    )
    .optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

const webhookSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(z.object({ changes: z.array(z.object({ field: z.string(), value: z.unknown() })) })),
});

const MEDIA_KINDS = ["image", "document", "audio", "video", "sticker"] as const;
export type CloudMediaKind = (typeof MEDIA_KINDS)[number];

export type CloudContent =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "choice"; readonly id: string }
  | {
      readonly kind: "media";
      readonly mediaKind: CloudMediaKind;
      readonly mediaId: string;
      readonly mimeType: string | null;
      readonly fileName: string | null;
      readonly caption: string | null;
    }
  | { readonly kind: "reengage" }
  | { readonly kind: "unsupported" };

export interface CloudMessage {
  readonly id: string;
  /** The sender's contact key: their wa_id (phone digits) when Meta gives it, else their BSUID. */
  readonly from: string;
  /** Both identities when Meta gives both: the contact of the BSUID is linked to the phone's person. */
  readonly phone: string | null;
  readonly userId: string | null;
  readonly name: string;
  readonly sentAt: Date;
  readonly content: CloudContent;
}

export const CLOUD_STATUSES = ["sent", "delivered", "read", "failed"] as const;
export type CloudStatusKind = (typeof CLOUD_STATUSES)[number];

export interface CloudStatus {
  readonly id: string;
  readonly status: CloudStatusKind;
  readonly at: Date;
  readonly error: { readonly code: number; readonly title: string } | null;
}

export interface ParsedWebhook {
  readonly messages: readonly CloudMessage[];
  readonly statuses: readonly CloudStatus[];
  /** Items left out: other phone numbers, other fields, shapes we do not know. */
  readonly skipped: number;
}

const contentOf = (message: z.output<typeof messageSchema>): CloudContent | null => {
  switch (message.type) {
    case "text":
      return message.text ? { kind: "text", text: message.text.body } : null;
    case "interactive": {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply ? { kind: "choice", id: reply.id } : null;
    }
    case "button":
      return { kind: "reengage" };
    case "reaction":
    case "system":
    case "request_welcome":
      return null;
  }
  const mediaKind = MEDIA_KINDS.find((k) => k === message.type);
  const media = mediaKind ? message[mediaKind] : undefined;
  if (mediaKind && media) {
    return {
      kind: "media",
      mediaKind,
      mediaId: media.id,
      mimeType: media.mime_type ?? null,
      fileName: media.filename ?? null,
      caption: media.caption ?? null,
    };
  }
  // location, contacts, order, unsupported...: a message, but nothing the desk can use.
  return { kind: "unsupported" };
};

const atOf = (timestamp: string) => new Date(Number(timestamp) * 1000);

/** The messages and statuses of our phone number in one webhook body; null when it is not a WhatsApp webhook. */
export const parseWebhook = (body: unknown, phoneNumberId: string): ParsedWebhook | null => {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) return null;
  const messages: CloudMessage[] = [];
  const statuses: CloudStatus[] = [];
  let skipped = 0;
  for (const change of parsed.data.entry.flatMap((e) => e.changes)) {
    const value = change.field === "messages" ? valueSchema.safeParse(change.value) : null;
    if (!value?.success || value.data.metadata.phone_number_id !== phoneNumberId) {
      skipped += 1;
      continue;
    }
    const names = new Map<string, string>();
    for (const c of value.data.contacts ?? []) {
      // A username stands in for the profile name of someone who set one and no name.
      const name = c.profile?.name || c.profile?.username || "";
      if (c.wa_id) names.set(c.wa_id, name);
      if (c.user_id) names.set(c.user_id, name);
    }
    for (const raw of value.data.messages ?? []) {
      const message = messageSchema.safeParse(raw);
      const content = message.success ? contentOf(message.data) : null;
      if (!message.success || !content) {
        skipped += 1;
        continue;
      }
      const { id, timestamp } = message.data;
      const phone = message.data.from ?? null;
      const userId = message.data.from_user_id ?? null;
      const from = phone ?? userId;
      // Neither a phone nor a BSUID: nobody to answer.
      if (!from) {
        skipped += 1;
        continue;
      }
      messages.push({
        id,
        from,
        phone,
        userId,
        name: names.get(from) ?? "",
        sentAt: atOf(timestamp),
        content,
      });
    }
    for (const raw of value.data.statuses ?? []) {
      const status = statusSchema.safeParse(raw);
      const kind = status.success ? CLOUD_STATUSES.find((s) => s === status.data.status) : undefined;
      if (!status.success || !kind) {
        skipped += 1;
        continue;
      }
      const error = status.data.errors?.[0];
      statuses.push({
        id: status.data.id,
        status: kind,
        at: atOf(status.data.timestamp),
        error: error ? { code: error.code, title: error.title ?? "" } : null,
      });
    }
  }
  return { messages, statuses, skipped };
};
