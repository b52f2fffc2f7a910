import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { WebPrincipal } from "../../core/ports/web-sessions.js";
import { namedAgentId } from "../../core/ticket/named-agent.js";
import { setSessionCookie } from "./cookies.js";
import type { WebDeps } from "./deps.js";
import { verifyLink } from "./link-token.js";
import { viewerOf } from "./session-auth.js";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page of its own: sign-in must work before (and without) the front end's bundle. */
const page = (title: string, body: string) => `<!doctype html>
<html lang="pt-BR"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#0b57d0;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}p[lang=en]{color:#444}</style></head>
<body><main>${body}</main></body></html>`;

const REFUSED = {
  expired: ["Este link expirou.", "This link has expired."],
  used: ["Este link já foi usado.", "This link was already used."],
  invalid: ["Este link não é válido.", "This link is not valid."],
} as const;

const refuse = (reply: FastifyReply, why: keyof typeof REFUSED) => {
  const [pt, en] = REFUSED[why];
  return reply
    .code(401)
    .type("text/html; charset=utf-8")
    .header("content-security-policy", LOGIN_CSP)
    .header("cache-control", "no-store")
    .send(
      page(
        "chamado",
        `<h1>${pt}</h1><p>Peça um novo link: <code>/ticket web</code> no Slack, ou “abrir no navegador” na conversa.</p>
<p lang="en">${en} Ask for a new one: <code>/ticket web</code> in Slack, or “open in browser” in the chat.</p>`,
      ),
    );
};

const sameSite = (deps: WebDeps, request: FastifyRequest) => {
  const origin = request.headers.origin;
  if (typeof origin !== "string" || origin === "null") return true;
  const host = request.headers.host;
  return (
    origin === new URL(deps.settings.publicUrl).origin ||
    (!!host && origin === `${request.protocol}://${host}`)
  );
};

/** The sign-in pages run no script at all. */
const LOGIN_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const tokenOf = (value: unknown): string => (typeof value === "string" ? value.slice(0, 2100) : "");

/**
 * Sign-in by one-time link. Opening the link only shows a button: chat apps and mail scanners
 * fetch links to preview them, and a GET that signed in would spend the link before its owner
 * clicks. The button POSTs the token; that spends it and starts a server-side session.
 */
export const registerLoginRoutes = (app: FastifyInstance, deps: WebDeps): void => {
  app.get("/app/login", async (request: FastifyRequest, reply: FastifyReply) => {
    const token = tokenOf((request.query as { t?: unknown }).t);
    const checked = verifyLink(deps.secret, token, deps.clock.now());
    if (!checked.ok) return refuse(reply, checked.reason === "expired" ? "expired" : "invalid");
    return reply
      .type("text/html; charset=utf-8")
      .header("content-security-policy", LOGIN_CSP)
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .send(
        page(
          "chamado: entrar",
          `<h1>chamado</h1><form method="post" action="/app/login">
<input type="hidden" name="t" value="${escapeHtml(token)}">
<button type="submit" id="sign-in">Entrar no console <span lang="en">/ Sign in</span></button></form>`,
        ),
      );
  });

  app.post("/app/login", async (request: FastifyRequest, reply: FastifyReply) => {
    // A page elsewhere must not sign a browser into a session of the attacker's choosing.
    if (!sameSite(deps, request)) return refuse(reply, "invalid");
    const token = tokenOf((request.body as { t?: unknown } | undefined)?.t);
    const now = deps.clock.now();
    const checked = verifyLink(deps.secret, token, now);
    if (!checked.ok) return refuse(reply, checked.reason === "expired" ? "expired" : "invalid");
    const { claims } = checked;
    if (!(await deps.sessions.spendLink(claims.id, claims.exp, now))) return refuse(reply, "used");
    const sub = claims.sub;
    if (
      sub.kind === "agent" &&
      sub.slackUser &&
      deps.isSlackAgent &&
      !(await deps.isSlackAgent(sub.slackUser))
    )
      return refuse(reply, "invalid");
    const id = randomBytes(32).toString("base64url");
    const principal: WebPrincipal =
      sub.kind === "agent"
        ? {
            kind: "agent",
            // The id Slack's own buttons give this agent, so "mine" and assignments agree across doors;
            // without Slack, one id per name, so they agree across sign-ins.
            id: sub.slackUser ? `slack:${sub.slackUser}` : namedAgentId("web", sub.name),
            name: sub.name,
            slackUser: sub.slackUser,
            admin:
              sub.admin || (sub.slackUser !== null && deps.settings.adminSlackUsers.includes(sub.slackUser)),
          }
        : { kind: "supplier", contactId: sub.contactId };
    await deps.sessions.save({
      id,
      csrf: randomBytes(32).toString("base64url"),
      expiresAt: now.getTime() + deps.settings.sessionMs,
      principal,
    });
    // Ids only, as every audit entry: a supplier is their contact's id, never their name.
    await deps.audit.record({
      at: now,
      actor:
        principal.kind === "agent"
          ? { kind: "agent", id: principal.id, name: principal.name }
          : { kind: "requester", id: principal.contactId, name: "contact" },
      door: "console",
      action: "console.signed_in",
      target: {
        kind: "console_user",
        id: principal.kind === "agent" ? principal.id : principal.contactId,
      },
      detail: {
        role: principal.kind === "agent" ? (principal.admin ? "admin" : "agent") : "supplier",
        link: claims.id,
      },
    });
    setSessionCookie(request, reply, deps.settings.publicUrl, id, deps.settings.sessionMs);
    return reply.code(303).header("location", "/app/").header("cache-control", "no-store").send();
  });

  app.post("/app/api/logout", async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = await viewerOf(deps, request);
    if (viewer) {
      const token = request.headers["x-csrf-token"];
      if (token !== viewer.session.csrf) return reply.code(403).send({ code: "CSRF" });
      await deps.sessions.remove(viewer.session.id);
    }
    setSessionCookie(request, reply, deps.settings.publicUrl, "", 0);
    return reply.code(204).send();
  });
};
