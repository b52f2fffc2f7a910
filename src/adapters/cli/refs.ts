import { CHANNELS, type Channel } from "../../core/ticket/channel.js";
import type { TaxonomyOption } from "../../core/ticket/taxonomy.js";
import type { CliSession } from "./command.js";
import { UsageError } from "./command.js";
import type { UsageLabels } from "./usage-labels.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "telegram:12345" as a channel identity, or null when it is not one. */
export const parseContactRef = (value: string): { channel: Channel; platformUserId: string } | null => {
  const at = value.indexOf(":");
  if (at <= 0) return null;
  const channel = value.slice(0, at).toUpperCase();
  const platformUserId = value.slice(at + 1).trim();
  if (!(CHANNELS as readonly string[]).includes(channel) || platformUserId === "") return null;
  return { channel: channel as Channel, platformUserId };
};

/** An organization named by its key (as `register` and `api-key` take it) or its id. */
export const organizationIdOf = async (
  l: UsageLabels,
  core: CliSession,
  option: string,
  value: string,
): Promise<string> => {
  const found = UUID.test(value)
    ? await core.directory.findOrganization(value)
    : await core.directory.findOrganizationByKey(value);
  if (!found) throw new UsageError(l.noOrganization(option, value));
  return found.id;
};

/** A requester named by a contact (CHANNEL:ID, as `chat --as` and `register` take it) or a person id. */
export const requesterPersonIdOf = async (
  l: UsageLabels,
  core: CliSession,
  value: string,
): Promise<string> => {
  if (UUID.test(value)) return value;
  const ref = parseContactRef(value);
  if (!ref) {
    throw new UsageError(l.requesterRef(CHANNELS.join(", ").toLowerCase()));
  }
  const contact = await core.directory.findContact(ref.channel, ref.platformUserId);
  if (!contact) throw new UsageError(l.noRequester(value));
  return contact.person.id;
};

/** Codes of a configured list (DEPARTMENTS, TICKET_TYPES); an unknown one is refused with the valid ones. */
export const taxonomyCodes = (
  l: UsageLabels,
  option: string,
  values: readonly string[] | undefined,
  options: readonly TaxonomyOption[],
): string[] | undefined => {
  if (!values) return undefined;
  const known = options.map((o) => o.code);
  return values.map((raw) => {
    const code = raw.toLowerCase();
    if (!known.includes(code)) throw new UsageError(l.unknownOptionValue(option, raw, known.join(", ")));
    return code;
  });
};
