import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import qrcode from "qrcode-terminal";
import type { ChannelRoute } from "../../http/channel-routes.js";
import type { WebSessionState } from "./session.js";

/** The code as terminal art (two rows per line), the way the terminal and the admin page show it. */
export const qrArt = (code: string): string => {
  let art = "";
  qrcode.generate(code, { small: true }, (rendered) => {
    art = rendered;
  });
  return art;
};

/** Prints the code where the operator started the service; stdout, not the JSON log, so it stays scannable. */
export const printQr = (code: string, out: { write(text: string): unknown } = process.stdout): void => {
  out.write(
    `\nWhatsApp: scan this code with the phone (WhatsApp > Linked devices > Link a device)\n${qrArt(code)}\n`,
  );
};

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const bearer = (request: FastifyRequest): string | null => {
  const header = request.headers.authorization;
  if (typeof header === "string" && header.startsWith("Bearer ")) return header.slice(7).trim();
  const query = (request.query as { token?: unknown } | undefined)?.token;
  return typeof query === "string" ? query : null;
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Light blocks on a dark page, as in a terminal: the orientation phone cameras read best. */
const page = (state: WebSessionState, art: string | null) => `<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>WhatsApp link</title></head>
<body style="background:#111;color:#eee;font-family:sans-serif">
<p>WhatsApp Web session: <strong>${escapeHtml(state)}</strong></p>
${art ? `<pre style="line-height:1;font-size:14px;font-family:monospace">${escapeHtml(art)}</pre><p>WhatsApp &gt; Linked devices &gt; Link a device</p>` : "<p>No code to scan right now.</p>"}
</body></html>`;

/**
 * GET /whatsapp/qr for operators: the session state and, while linking, the code to scan (an HTML
 * page that refreshes itself, or JSON with Accept: application/json). Needs the admin token as a
 * bearer token or ?token=; without a configured token the route does not exist (404).
 */
export const qrRoute = (options: {
  readonly adminToken: string | null;
  readonly state: () => WebSessionState;
  readonly qr: () => { readonly code: string; readonly at: Date } | null;
}): ChannelRoute => ({
  method: "GET",
  url: "/whatsapp/qr",
  async handler(request: FastifyRequest, reply: FastifyReply) {
    if (!options.adminToken) return reply.code(404).send({ error: "not found" });
    const given = bearer(request);
    if (!given || !sameSecret(given, options.adminToken)) {
      return reply
        .code(401)
        .header("www-authenticate", "Bearer")
        .send({ error: "the admin token is required" });
    }
    reply.header("cache-control", "no-store");
    const qr = options.qr();
    if ((request.headers.accept ?? "").includes("application/json")) {
      return reply.send({ state: options.state(), qr: qr?.code ?? null, qrAt: qr?.at.toISOString() ?? null });
    }
    return reply.type("text/html; charset=utf-8").send(page(options.state(), qr ? qrArt(qr.code) : null));
  },
});
