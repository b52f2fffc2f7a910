import { z } from "zod";
import type { PrivacyRequester } from "../../../core/privacy/requester.js";
import { CHANNELS } from "../../../core/ticket/channel.js";
import { exportArchive } from "../../files/export-archive.js";
import { adminOnly } from "../admin.js";
import type { ApiPrincipal } from "../auth.js";
import type { ApiDeps } from "../deps.js";
import { type ApiOutcome, defineRoute } from "../route.js";

const contactParams = z.object({
  contact: z.string().min(1).max(200).meta({
    description: "The contact's id, or its identity on a channel: telegram:12345, whatsapp:5511999998888",
  }),
});

const erasureReport = z.object({
  contactId: z.string(),
  alreadyErased: z.boolean(),
  tickets: z.number().int(),
  cancelledOutbox: z.number().int(),
  filesDeleted: z.number().int(),
});

const notFound: ApiOutcome = {
  kind: "problem",
  problem: { status: 404, code: "CONTACT_NOT_FOUND", detail: "No contact has that id or identity." },
};
const noStore: ApiOutcome = {
  kind: "problem",
  problem: { status: 501, code: "NOT_AVAILABLE", detail: "This storage holds no personal data requests." },
};

const requesterOf = (principal: ApiPrincipal): PrivacyRequester => ({
  actor: { kind: "api_key", id: `api:${principal.key.id}`, name: principal.key.name },
  door: "api",
});

const resolveContact = async (deps: ApiDeps, ref: string): Promise<string | null> => {
  if (z.uuid().safeParse(ref).success) return (await deps.directory.findContactById(ref))?.id ?? null;
  const [channel = "", ...rest] = ref.split(":");
  const upper = channel.toUpperCase();
  const id = rest.join(":");
  if (!(CHANNELS as readonly string[]).includes(upper) || !id) return null;
  return (await deps.directory.findContact(upper as (typeof CHANNELS)[number], id))?.id ?? null;
};

export const privacyRoutes = (deps: ApiDeps) => [
  defineRoute({
    method: "GET",
    path: "/contacts/{contact}/export",
    operationId: "exportContact",
    summary: "Everything held about one contact, as a zip of contact.json and their files (admin keys only)",
    params: contactParams,
    response: {
      status: 200,
      schema: z.string().meta({ format: "binary" }),
      description: "application/zip",
      contentType: "application/zip",
    },
    errors: [403, 404, 501],
    async handle({ principal, params }) {
      const refused = adminOnly(principal);
      if (refused) return refused;
      if (!deps.privacy) return noStore;
      const contactId = await resolveContact(deps, params.contact);
      if (!contactId) return notFound;
      const exported = await deps.privacy.exportContact(contactId, requesterOf(principal));
      if (!exported.ok) return notFound;
      return {
        kind: "file",
        bytes: exportArchive(exported.value, deps.clock.now()),
        contentType: "application/zip",
        fileName: `contact-${contactId}.zip`,
      };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/contacts/{contact}/erase",
    operationId: "eraseContact",
    summary:
      "Anonymize a contact: identifiers, their text and files go, tickets and figures stay; safe to repeat (admin keys only)",
    params: contactParams,
    response: { status: 200, schema: erasureReport, description: "What the erasure did" },
    errors: [403, 404, 501],
    async handle({ principal, params }) {
      const refused = adminOnly(principal);
      if (refused) return refused;
      if (!deps.privacy) return noStore;
      const contactId = await resolveContact(deps, params.contact);
      if (!contactId) return notFound;
      const erased = await deps.privacy.eraseContact(contactId, requesterOf(principal));
      return erased.ok ? { kind: "ok", body: erased.value } : notFound;
    },
  }),
];
