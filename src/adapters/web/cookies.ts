import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "chamado_console";

/** The cookie's value, or null; a value that is not valid percent-encoding is no session (401, not 500). */
export const readCookie = (request: FastifyRequest, name: string): string | null => {
  const header = request.headers.cookie;
  if (typeof header !== "string") return null;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join("="));
    } catch {
      return null;
    }
  }
  return null;
};

/** HTTPS as the client sees it: TLS here, or a trusted proxy's X-Forwarded-Proto. */
const isHttps = (request: FastifyRequest, publicUrl: string) =>
  request.protocol === "https" || publicUrl.startsWith("https://");

/** HttpOnly (scripts never see it), SameSite=Strict (no cross-site sends), Secure behind HTTPS, scoped to /app. */
export const setSessionCookie = (
  request: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string,
  value: string,
  maxAgeMs: number,
) => {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    "Path=/app",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`,
  ];
  if (isHttps(request, publicUrl)) parts.push("Secure");
  reply.header("set-cookie", parts.join("; "));
};
