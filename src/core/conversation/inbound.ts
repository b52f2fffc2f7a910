import { z } from "zod";
import { CHANNELS } from "../ticket/channel.js";
import { fileInput } from "../ticket/commands.js";
import { cleanText } from "../ticket/text-rule.js";

/** Commands a channel may send as such (Telegram's /start, a Slack shortcut); text words reach the same intents. */
export const COMMAND_NAMES = [
  "start",
  "menu",
  "new",
  "tickets",
  "ticket",
  "help",
  "cancel",
  "back",
  "language",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const MAX_TEXT = 65_536;

/** What the person sent, already taken out of the platform's format. */
export const inboundInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string().max(MAX_TEXT) }),
  /** A button or list payload: one of the option ids the engine sent. */
  z.object({ kind: z.literal("choice"), id: z.string().min(1).max(64) }),
  z.object({
    kind: z.literal("files"),
    files: z.array(fileInput).min(1).max(20),
    caption: z.string().max(MAX_TEXT).optional(),
  }),
  z.object({
    kind: z.literal("command"),
    name: z.string().trim().toLowerCase().min(1).max(32),
    args: z.array(z.string().max(200)).max(10).default([]),
  }),
]);
export type InboundInput = z.output<typeof inboundInput>;

/**
 * What the platform says about the sender (names, ids, locale) is stored as given but cleaned by the
 * text rule: nobody can be asked to retype a profile name, and one unstorable character there would
 * otherwise fail every message the person sends.
 */
const platformText = (min: number, max: number) =>
  z.string().transform(cleanText).pipe(z.string().trim().min(min).max(max));

const envelope = z.object({
  /** Which chat platform the message came from; the contact is `channel` + `from.platformUserId`. */
  channel: z.enum(CHANNELS),
  /** The platform's id of this message (update id, wamid, ts): a redelivery carries the same id. */
  messageId: platformText(1, 150),
  /** Identity from verified platform fields only, never from the message text. */
  from: z.object({
    platformUserId: platformText(1, 150),
    displayName: platformText(0, 200).default(""),
    /** The platform's locale for the person ("pt-BR", "en"), used until they choose a language. */
    locale: platformText(0, 35).nullish(),
  }),
  /** A group chat stands for an organization: its contacts join it under the open access policy. */
  organization: z.object({ key: platformText(1, 200), name: platformText(1, 200) }).nullish(),
  input: z.unknown(),
  receivedAt: z.date(),
  /** How long the platform may deliver this message again (WhatsApp: days); the engine's default otherwise. */
  redeliveryWindowMs: z
    .number()
    .int()
    .positive()
    .max(31 * 24 * 3_600_000)
    .optional(),
});

/** One message from a person, as every channel adapter hands it to the engine. */
export interface InboundMessage {
  readonly channel: z.output<typeof envelope>["channel"];
  readonly messageId: string;
  readonly from: {
    readonly platformUserId: string;
    readonly displayName?: string;
    readonly locale?: string | null;
  };
  readonly organization?: { readonly key: string; readonly name: string } | null;
  readonly input: InboundInput | z.input<typeof inboundInput>;
  readonly receivedAt: Date;
  /** How long the platform may deliver this message again (WhatsApp: days); the engine's default otherwise. */
  readonly redeliveryWindowMs?: number;
}

export type ParsedInbound = Omit<z.output<typeof envelope>, "input"> & {
  /** null when the content could not be read (too long, a malformed file): the person is told, nothing is stored. */
  readonly input: InboundInput | null;
};

/** An adapter handed the engine something that is not a message: a bug in the adapter, not the person's fault. */
export class InboundMessageError extends Error {
  override readonly name = "InboundMessageError";
}

export const parseInbound = (raw: unknown): ParsedInbound => {
  const parsed = envelope.safeParse(raw);
  if (!parsed.success) {
    throw new InboundMessageError(
      `invalid inbound message: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const input = inboundInput.safeParse(parsed.data.input);
  return { ...parsed.data, input: input.success ? input.data : null };
};
