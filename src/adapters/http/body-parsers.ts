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
  constructor(
    message: string,
    readonly code: "MALFORMED_JSON" | "INVALID_UTF8" = "MALFORMED_JSON",
  ) {
    super(message);
  }
}

/**
 * JSON must be UTF-8 (RFC 8259) and form bodies are ASCII: bytes that are not UTF-8 (overlong forms,
 * lone surrogates encoded CESU-style, stray continuation bytes) are refused, not replaced with U+FFFD.
 * One instance is safe to share: non-streaming decode() resets its state on every call.
 */
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const textOf = (raw: Buffer): string => {
  try {
    return strictUtf8.decode(raw);
  } catch {
    throw new MalformedBodyError("the body is not valid UTF-8", "INVALID_UTF8");
  }
};

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
      const text = textOf(raw);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new MalformedBodyError("the body is not valid JSON"), undefined);
      }
    } catch (error) {
      done(error as MalformedBodyError, undefined);
    }
  });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "buffer" },
    (request, body, done) => {
      const raw = body as Buffer;
      request.rawBody = raw;
      try {
        done(null, Object.fromEntries(new URLSearchParams(textOf(raw))));
      } catch (error) {
        done(error as MalformedBodyError, undefined);
      }
    },
  );
};
