import { z } from "zod";

/**
 * The parts of a Slack payload Bolt dereferences in processEvent before any listener or error
 * handler runs (helpers.getTypeAndConversation, App.buildSource). A signed body without them makes
 * Bolt throw a TypeError that would surface as a 500, so such bodies are refused as unreadable.
 */
const object = z.looseObject({});
const notNull = z.custom<unknown>((value) => value !== null);
const firstIsObject = z.custom<unknown>(
  (value) =>
    !Array.isArray(value) || value[0] === undefined || (typeof value[0] === "object" && value[0] !== null),
);

const eventEnvelope = z.looseObject({
  event: z.looseObject({
    channel: z.union([z.string(), object]).optional(),
    user: notNull.optional(),
    item: object.optional(),
    subteam: object.optional(),
  }),
  authorizations: firstIsObject.optional(),
});

const interactiveEnvelope = z.looseObject({
  user: object,
  channel: object.optional(),
  team: object.nullish(),
  enterprise: object.nullish(),
});

const viewEnvelope = interactiveEnvelope.extend({ view: object });

/** Whether Bolt can route `body` without crashing; bodies Bolt does not recognise at all it ignores itself. */
export const isReadableByBolt = (body: Record<string, unknown>): boolean => {
  if (body.event !== undefined) return eventEnvelope.safeParse(body).success;
  if (body.command !== undefined) return true;
  if (
    body.name !== undefined ||
    body.actions !== undefined ||
    ["block_suggestion", "dialog_submission", "shortcut", "message_action"].includes(String(body.type))
  )
    return interactiveEnvelope.safeParse(body).success;
  if (body.type === "view_submission" || body.type === "view_closed")
    return viewEnvelope.safeParse(body).success;
  return true;
};
