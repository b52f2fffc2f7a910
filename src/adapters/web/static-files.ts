import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** The console's pages get only what they use: their own scripts and styles, no framing. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>chamado</title>
<p>The console is not built yet: run <code>npm run web:build</code> (npm start builds it when missing).</p>`;

const securityHeaders = (reply: FastifyReply) =>
  reply
    .header("content-security-policy", CONSOLE_CSP)
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "same-origin");

/**
 * The built front end under /app/: hashed assets cached for a year (served gzip-compressed when
 * the build left a .gz beside them and the browser takes it), every other path the app's
 * index.html, so a reload of /app/tickets/12 opens that page.
 */
export const registerStaticFiles = (app: FastifyInstance, distDir: string | null): void => {
  const index = async (reply: FastifyReply) => {
    securityHeaders(reply).header("cache-control", "no-cache");
    const file = distDir ? join(distDir, "index.html") : null;
    if (!file || !existsSync(file)) return reply.code(503).type("text/html; charset=utf-8").send(NOT_BUILT);
    return reply.type("text/html; charset=utf-8").send(await readFile(file));
  };

  app.get("/app", async (_request, reply) => reply.redirect("/app/", 301));
  app.get("/app/*", async (request: FastifyRequest, reply: FastifyReply) => {
    const rest = (request.params as { "*": string })["*"] ?? "";
    if (rest.startsWith("api/")) return reply.code(404).send({ code: "NOT_FOUND" });
    if (!rest.startsWith("assets/") || !distDir) return index(reply);
    const path = normalize(join(distDir, rest));
    if (!path.startsWith(distDir + sep)) return reply.code(404).send();
    const type = TYPES[extname(path)];
    const info = await stat(path).catch(() => null);
    if (!type || !info?.isFile()) return reply.code(404).send();
    securityHeaders(reply)
      .type(type)
      .header("cache-control", "public, max-age=31536000, immutable")
      .header("vary", "accept-encoding");
    const accepts = String(request.headers["accept-encoding"] ?? "");
    if (/\bgzip\b/.test(accepts) && existsSync(`${path}.gz`))
      return reply.header("content-encoding", "gzip").send(await readFile(`${path}.gz`));
    return reply.send(await readFile(path));
  });
};
