import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { TicketQuery } from "../../core/ports/ticket-repository.js";
import type { CoreError } from "../../core/ticket/errors.js";
import { PRIORITIES } from "../../core/ticket/priority.js";
import { PUBLIC_STATUSES, statusesOfPublic, TICKET_STATUSES } from "../../core/ticket/status.js";
import type { Ticket } from "../../core/ticket/ticket.js";
import { sendCoreProblem } from "../api/problems.js";
import { csvOf, csvText } from "../api/schemas.js";
import { toDetailJson, toTicketJson } from "../api/ticket-json.js";
import type { WebDeps } from "./deps.js";
import { guard, type Viewer } from "./session-auth.js";

const ALL = ["admin", "agent", "supplier"] as const;

// The REST API's filter rules: an unknown status or priority, or text that cannot be stored, is a 400
// rather than a filter quietly left out (which would list every ticket).
const listQuery = z.object({
  q: z.string().max(200).optional(),
  status: csvOf([...TICKET_STATUSES, ...PUBLIC_STATUSES]).optional(),
  priority: csvOf(PRIORITIES).optional(),
  department: csvText.optional(),
  organization: z.uuid().optional(),
  view: z.enum(["all", "mine", "unassigned", "breaching"]).default("all"),
  sort: z.enum(["created", "updated", "number", "priority"]).default("created"),
  order: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const SORT = { created: "createdAt", updated: "updatedAt", number: "number", priority: "priority" } as const;

const refParams = z.object({ ref: z.string().min(1).max(40) });

const filesBody = z
  .array(
    z.object({
      fileName: z.string().min(1).max(255),
      contentBase64: z.string().max(70_000_000),
      contentType: z.string().max(255).optional(),
    }),
  )
  .max(10)
  .default([]);

const replyBody = z.object({
  message: z.string().max(5000).default(""),
  internal: z.boolean().default(false),
  files: filesBody,
});

const organizationNames = (deps: WebDeps) => {
  const cache = new Map<string, { name: string; until: number }>();
  return async (ids: readonly string[]): Promise<Map<string, string>> => {
    const now = Date.now();
    const names = new Map<string, string>();
    for (const id of new Set(ids)) {
      const hit = cache.get(id);
      if (hit && hit.until > now) {
        names.set(id, hit.name);
        continue;
      }
      const name = (await deps.directory.findOrganization(id))?.name ?? "";
      cache.set(id, { name, until: now + 60_000 });
      names.set(id, name);
    }
    return names;
  };
};

const bad = (reply: FastifyReply, error: z.ZodError) =>
  reply.code(400).send({
    code: "INVALID_REQUEST",
    errors: error.issues.map((i) => ({ field: i.path.join("."), detail: i.message })),
  });

/** The ticket table, a ticket's page and its changes: the same service calls (and access checks) as Slack. */
export const registerTicketRoutes = (app: FastifyInstance, deps: WebDeps): void => {
  const orgNames = organizationNames(deps);
  const lang = deps.settings.defaultLang;
  const core = (request: FastifyRequest, reply: FastifyReply, error: CoreError) =>
    sendCoreProblem(request, reply, error, lang);
  const json = (ticket: Ticket) => toTicketJson(ticket, deps.clock.now(), deps.sla);

  app.get(
    "/app/api/tickets",
    guard(
      deps,
      async (request, reply, viewer) => {
        const parsed = listQuery.safeParse(request.query);
        if (!parsed.success) return bad(reply, parsed.error);
        const q = parsed.data;
        const allStatuses = [
          ...new Set(
            (q.status ?? []).flatMap((s) =>
              (PUBLIC_STATUSES as readonly string[]).includes(s)
                ? statusesOfPublic(s as (typeof PUBLIC_STATUSES)[number])
                : [s as (typeof TICKET_STATUSES)[number]],
            ),
          ),
        ];
        const priorities = q.priority;
        const agent = viewer.actor.kind === "agent";
        const query: TicketQuery = {
          limit: q.limit,
          sort: { field: SORT[q.sort], direction: q.order },
          ...(allStatuses.length > 0 ? { statuses: allStatuses } : {}),
          ...(priorities && priorities.length > 0 ? { priorities } : {}),
          ...(q.department && q.department.length > 0 ? { departments: q.department } : {}),
          ...(agent && q.organization ? { organizationId: q.organization } : {}),
          ...(agent && q.view === "mine" && viewer.actor.kind === "agent"
            ? { assigneeId: viewer.actor.id }
            : {}),
          ...(agent && q.view === "unassigned" ? { unassigned: true } : {}),
          ...(agent && q.view === "breaching" ? { slaBreached: true } : {}),
          ...(q.cursor ? { cursor: q.cursor } : {}),
        };
        const text = q.q?.trim();
        let page: Awaited<ReturnType<typeof deps.service.list>>;
        try {
          page = text
            ? await deps.service.search(viewer.actor, text, query)
            : await deps.service.list(viewer.actor, query);
        } catch (error) {
          if ((error as Error).name === "InvalidCursorError")
            return reply.code(400).send({ code: "INVALID_CURSOR" });
          throw error;
        }
        const names = await orgNames(page.items.map((t) => t.organizationId));
        return {
          items: page.items.map((t) => ({
            ...json(t),
            organizationName: names.get(t.organizationId) ?? "",
            lastReply: t.lastReply,
          })),
          nextCursor: page.nextCursor,
        };
      },
      { allow: ALL },
    ),
  );

  app.get(
    "/app/api/tickets/:ref",
    guard(
      deps,
      async (request, reply, viewer) => {
        const params = refParams.safeParse(request.params);
        if (!params.success) return bad(reply, params.error);
        const detail = await deps.service.detail(viewer.actor, params.data.ref);
        if (!detail.ok) return core(request, reply, detail.error);
        const names = await orgNames([detail.value.ticket.organizationId]);
        const body = toDetailJson(detail.value, deps.clock.now(), deps.sla);
        return {
          ...body,
          ticket: {
            ...body.ticket,
            organizationName: names.get(detail.value.ticket.organizationId) ?? "",
            // Staff see whether a contact request waits to be marked done; suppliers do not.
            ...(viewer.role === "supplier"
              ? {}
              : { contactRequestedAt: detail.value.ticket.contactRequestedAt?.toISOString() ?? null }),
          },
        };
      },
      { allow: ALL },
    ),
  );

  app.get(
    "/app/api/tickets/:ref/files/:file",
    guard(
      deps,
      async (request, reply, viewer) => {
        const { ref, file } = request.params as { ref: string; file: string };
        const detail = await deps.service.detail(viewer.actor, String(ref).slice(0, 40));
        if (!detail.ok) return core(request, reply, detail.error);
        // Only files of events this viewer sees: a supplier never reaches an internal note's file.
        const found = detail.value.events.flatMap((e) => e.attachments).find((a) => a.id === file);
        if (!found) return reply.code(404).send({ code: "NOT_FOUND" });
        const bytes = await deps.blobs.get(found.storageKey);
        const inline = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/.test(found.contentType);
        return reply
          .type(found.contentType)
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "default-src 'none'; sandbox")
          .header(
            "content-disposition",
            `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
          )
          .send(Buffer.from(bytes));
      },
      { allow: ALL },
    ),
  );

  const write = (
    path: string,
    run: (
      viewer: Viewer,
      ref: string,
      body: unknown,
    ) => Promise<
      { ok: true; value: Ticket } | { ok: false; error: CoreError } | { ok: false; invalid: z.ZodError }
    >,
    allow: readonly Viewer["role"][] = ["agent", "admin"],
    bodyLimit?: number,
  ) =>
    app.post(
      `/app/api/tickets/:ref/${path}`,
      bodyLimit ? { bodyLimit } : {},
      guard(
        deps,
        async (request, reply, viewer) => {
          const params = refParams.safeParse(request.params);
          if (!params.success) return bad(reply, params.error);
          const result = await run(viewer, params.data.ref, request.body);
          if (result.ok) return { ticket: json(result.value) };
          if ("invalid" in result) return bad(reply, result.invalid);
          return core(request, reply, result.error);
        },
        { allow },
      ),
    );

  const rules = deps.attachmentRules;
  // Base64 makes files a third larger; the limit allows the configured number of the largest files.
  const replyLimit = Math.ceil(rules.maxFiles * rules.maxBytes * 1.4) + 64 * 1024;
  write(
    "reply",
    async (viewer, ref, raw) => {
      const body = replyBody.safeParse(raw);
      if (!body.success) return { ok: false, invalid: body.error };
      return deps.service.reply(viewer.actor, ref, {
        message: body.data.message,
        internal: viewer.role !== "supplier" && body.data.internal,
        attachments: body.data.files.map((f) => ({
          fileName: f.fileName,
          bytes: new Uint8Array(Buffer.from(f.contentBase64, "base64")),
          ...(f.contentType ? { declaredType: f.contentType } : {}),
        })),
      });
    },
    ALL,
    replyLimit,
  );
  write("status", (viewer, ref, body) => deps.service.changeStatus(viewer.actor, ref, body));
  write("priority", (viewer, ref, body) => deps.service.changePriority(viewer.actor, ref, body));
  write("assign", async (viewer, ref, raw) => {
    const body = z.object({ assignee: z.enum(["me", "nobody"]) }).safeParse(raw);
    if (!body.success) return { ok: false, invalid: body.error };
    const actor = viewer.actor;
    const assignee =
      body.data.assignee === "me" && actor.kind === "agent" ? { id: actor.id, name: actor.name } : null;
    return deps.service.assign(actor, ref, { assignee });
  });
  write("department", (viewer, ref, body) => deps.service.changeDepartment(viewer.actor, ref, body));
  write("request-contact", (viewer, ref) => deps.service.requestContact(viewer.actor, ref));
  write("contact-done", (viewer, ref) => deps.service.contactDone(viewer.actor, ref));
  write("read", (viewer, ref) => deps.service.markRead(viewer.actor, ref));
};
