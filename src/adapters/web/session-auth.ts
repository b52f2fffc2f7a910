import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { WebSession } from "../../core/ports/web-sessions.js";
import type { Actor } from "../../core/ticket/ticket.js";
import { readCookie, SESSION_COOKIE } from "./cookies.js";
import type { WebDeps } from "./deps.js";

/** A signed-in console user: their session, the core actor they act as, and what they may open. */
export interface Viewer {
  readonly session: WebSession;
  readonly actor: Actor;
  readonly role: "admin" | "agent" | "supplier";
  readonly name: string;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The viewer behind a request's session cookie, re-checked on every request: an agent Slack no
 * longer lists, or a supplier contact that is gone or deactivated, is signed out.
 */
export const viewerOf = async (deps: WebDeps, request: FastifyRequest): Promise<Viewer | null> => {
  const id = readCookie(request, SESSION_COOKIE);
  if (!id || id.length > 100) return null;
  const session = await deps.sessions.find(id, deps.clock.now());
  if (!session) return null;
  const p = session.principal;
  if (p.kind === "agent") {
    if (p.slackUser && deps.isSlackAgent && !(await deps.isSlackAgent(p.slackUser))) return null;
    return {
      session,
      actor: { kind: "agent", id: p.id, name: p.name },
      role: p.admin ? "admin" : "agent",
      name: p.name,
    };
  }
  const contact = await deps.directory.findContactById(p.contactId);
  if (!contact || contact.deactivatedAt) return null;
  return {
    session,
    actor: {
      kind: "requester",
      contactId: contact.id,
      personId: contact.person.id,
      organizationId: contact.person.organizationId,
      name: contact.person.name || contact.displayName,
      orgAdmin: contact.person.role === "ORG_ADMIN",
    },
    role: "supplier",
    name: contact.person.name || contact.displayName,
  };
};

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every change needs the session's CSRF token in X-CSRF-Token (a cross-site page cannot read it),
 * and, when the browser names an Origin, this service's own.
 */
export const csrfRefusal = (deps: WebDeps, request: FastifyRequest, viewer: Viewer): string | null => {
  if (SAFE.has(request.method)) return null;
  const token = request.headers["x-csrf-token"];
  if (typeof token !== "string" || !sameText(token, viewer.session.csrf))
    return "missing or wrong CSRF token";
  const origin = request.headers.origin;
  if (typeof origin === "string" && origin !== "null") {
    const own = new URL(deps.settings.publicUrl).origin;
    const host = request.headers.host;
    const direct = host ? `${request.protocol}://${host}` : null;
    if (origin !== own && origin !== direct) return "cross-origin request";
  }
  return null;
};

export type Guarded = (request: FastifyRequest, reply: FastifyReply, viewer: Viewer) => Promise<unknown>;

export interface GuardOptions {
  /** Who may call: agents and admins by default. */
  readonly allow?: readonly Viewer["role"][];
}

/** Wraps a console API handler: a session is required, CSRF is checked, and roles are enforced. */
export const guard =
  (deps: WebDeps, handler: Guarded, options: GuardOptions = {}) =>
  async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = await viewerOf(deps, request);
    if (!viewer) return reply.code(401).send({ code: "UNAUTHORIZED", detail: "Sign in with a link." });
    const refused = csrfRefusal(deps, request, viewer);
    if (refused) return reply.code(403).send({ code: "CSRF", detail: refused });
    const allow = options.allow ?? ["agent", "admin"];
    if (!allow.includes(viewer.role))
      return reply.code(404).send({ code: "NOT_FOUND", detail: "Nothing here." });
    reply.header("cache-control", "no-store");
    return handler(request, reply, viewer);
  };
