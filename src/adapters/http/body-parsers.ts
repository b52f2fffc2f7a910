import type { FastifyInstance } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    /** The body exactly as received, for platform signature checks (Slack, WhatsApp). */
    rawBody?: Buffer;
  }
}

class MalformedBodyError extends Error {
  override readonly name = "MalformedBodyError";
  readonly statusCode = 400;
  readonly code = "MALFORMED_JSON";
}

/**
 * JSON and form bodies, parsed by us so the raw bytes stay on the request. Fastify's bodyLimit
 * applies to both (413 before anything is parsed); unparseable JSON is a 400. Other media types
 * get fastify's 415.
 */
export const registerBodyParsers = (app: FastifyInstance): void => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const raw = body as Buffer;
    request.rawBody = raw;
    try {
      done(null, JSON.parse(raw.toString("utf8")));
    } catch {
      done(new MalformedBodyError("the body is not valid JSON"), undefined);
    }
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "buffer" },
    (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      done(null, Object.fromEntries(new URLSearchParams(raw.toString("utf8"))));
    },
  );
};
