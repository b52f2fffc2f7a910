import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ApiKeyRecord } from "../../core/ports/api-keys.js";
import { generateApiSecret, hashApiSecret } from "../api/api-key-secret.js";
import { sendCoreProblem } from "../api/problems.js";
import type { WebDeps } from "./deps.js";
import { guard } from "./session-auth.js";

const ADMIN = { allow: ["admin"] as const };

const pageQuery = z.object({
  cursor: z.string().max(500).optional(),
  organization: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const keyJson = (k: ApiKeyRecord) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  organization: k.organization && {
    id: k.organization.id,
    key: k.organization.key,
    name: k.organization.name,
  },
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/**
 * Admins only: the directory a page at a time, API keys (created with the secret shown once, as
 * the CLI does, and revoked), invitations (the link or code shown once), switching contacts off and
 * on and making them their organization's admin through the core's audited contact access, and the
 * configuration.
 */
export const registerAdminRoutes = (app: FastifyInstance, deps: WebDeps): void => {
  app.get(
    "/app/api/admin/organizations",
    guard(
      deps,
      async (request, reply) => {
        const q = pageQuery.safeParse(request.query);
        if (!q.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
        return deps.listing.listOrganizations({
          limit: q.data.limit,
          ...(q.data.cursor ? { cursor: q.data.cursor } : {}),
        });
      },
      // Agents see every organization's tickets already; the dashboard and table filter by them.
      { allow: ["agent", "admin"] },
    ),
  );

  app.get(
    "/app/api/admin/contacts",
    guard(
      deps,
      async (request, reply) => {
        const q = pageQuery.safeParse(request.query);
        if (!q.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
        const page = await deps.listing.listContacts({
          limit: q.data.limit,
          ...(q.data.cursor ? { cursor: q.data.cursor } : {}),
          ...(q.data.organization ? { organizationId: q.data.organization } : {}),
        });
        return {
          items: page.items.map((c) => ({
            ...c,
            lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
            deactivatedAt: c.deactivatedAt?.toISOString() ?? null,
          })),
          nextCursor: page.nextCursor,
        };
      },
      ADMIN,
    ),
  );

  app.post(
    "/app/api/admin/invitations",
    guard(
      deps,
      async (request, reply, viewer) => {
        const body = z
          .object({
            channel: z.enum(["telegram", "whatsapp"]),
            name: z.string().max(200),
            organizationKey: z.string().trim().max(100),
            organizationName: z.string().trim().max(200).optional(),
            admin: z.boolean().default(false),
          })
          .safeParse(request.body);
        if (!body.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
        const { channel, name, organizationKey, organizationName, admin } = body.data;
        // The core validates the fields again and refuses a channel this service does not run.
        const issued = await deps.contacts.invite(viewer.actor, {
          channel,
          name,
          organization: { key: organizationKey, ...(organizationName ? { name: organizationName } : {}) },
          admin,
        });
        if (!issued.ok) return sendCoreProblem(request, reply, issued.error, deps.settings.defaultLang);
        const i = issued.value;
        // The only time the code leaves the service, like an API key's secret.
        return reply.code(201).send({
          id: i.id,
          channel: i.channel,
          code: i.code,
          expiresAt: i.expiresAt.toISOString(),
          telegramLink: i.telegramLink,
          whatsappText: i.whatsappText,
        });
      },
      ADMIN,
    ),
  );

  app.post(
    "/app/api/admin/contacts/:id/active",
    guard(
      deps,
      async (request, reply, viewer) => {
        const id = z.uuid().safeParse((request.params as { id: string }).id);
        const body = z.object({ active: z.boolean() }).safeParse(request.body);
        if (!id.success) return reply.code(404).send({ code: "NOT_FOUND" });
        if (!body.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
        const changed = await deps.contacts.setActive(viewer.actor, id.data, body.data.active);
        if (!changed.ok) return sendCoreProblem(request, reply, changed.error, deps.settings.defaultLang);
        if (!changed.value) return reply.code(404).send({ code: "NOT_FOUND" });
        return { id: changed.value.id, deactivatedAt: changed.value.deactivatedAt?.toISOString() ?? null };
      },
      ADMIN,
    ),
  );

  app.post(
    "/app/api/admin/contacts/:id/role",
    guard(
      deps,
      async (request, reply, viewer) => {
        const id = z.uuid().safeParse((request.params as { id: string }).id);
        const body = z.object({ orgAdmin: z.boolean() }).safeParse(request.body);
        if (!id.success) return reply.code(404).send({ code: "NOT_FOUND" });
        if (!body.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
        const changed = await deps.contacts.setOrgAdmin(viewer.actor, id.data, body.data.orgAdmin);
        if (!changed.ok) return sendCoreProblem(request, reply, changed.error, deps.settings.defaultLang);
        if (!changed.value) return reply.code(404).send({ code: "NOT_FOUND" });
        return { id: changed.value.id, role: changed.value.person.role };
      },
      ADMIN,
    ),
  );

  app.get(
    "/app/api/admin/keys",
    guard(deps, async () => ({ items: (await deps.keys.list()).map(keyJson) }), ADMIN),
  );

  app.post(
    "/app/api/admin/keys",
    guard(
      deps,
      async (request, reply) => {
        const body = z
          .object({
            name: z.string().trim().min(1).max(100),
            organizationKey: z.string().trim().max(200).nullable(),
          })
          .safeParse(request.body);
        if (!body.success) return reply.code(400).send({ code: "INVALID_REQUEST" });
        const { name, organizationKey } = body.data;
        const organization = organizationKey
          ? await deps.directory.findOrganizationByKey(organizationKey)
          : null;
        if (organizationKey && !organization) return reply.code(404).send({ code: "UNKNOWN_ORGANIZATION" });
        const secret = generateApiSecret();
        const key = await deps.keys.create({
          name,
          secretHash: hashApiSecret(secret),
          organizationId: organization?.id ?? null,
          role: organization ? "org_admin" : "agent",
          createdAt: deps.clock.now(),
        });
        // The only time the secret leaves the service: only its hash is stored.
        return reply.code(201).send({ key: keyJson(key), secret });
      },
      ADMIN,
    ),
  );

  app.post(
    "/app/api/admin/keys/:id/revoke",
    guard(
      deps,
      async (request, reply) => {
        const id = z.uuid().safeParse((request.params as { id: string }).id);
        if (!id.success) return reply.code(404).send({ code: "NOT_FOUND" });
        const revoked = await deps.keys.revoke(id.data, deps.clock.now());
        return revoked ? { revoked: true } : reply.code(404).send({ code: "NOT_FOUND" });
      },
      ADMIN,
    ),
  );

  app.get(
    "/app/api/admin/settings",
    guard(
      deps,
      async () => ({
        departments: deps.taxonomy.departments,
        types: deps.taxonomy.types,
        sla: {
          warnPercent: Math.round(deps.sla.warnRatio * 100),
          targets: deps.sla.targets,
        },
        attachments: {
          maxFiles: deps.attachmentRules.maxFiles,
          maxBytes: deps.attachmentRules.maxBytes,
          types: deps.attachmentRules.allowedTypes,
        },
      }),
      ADMIN,
    ),
  );
};
