import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { type Catalogue, catalogues, type Lang, langFromLocale } from "../../core/i18n/index.js";
import type { CoreError } from "../../core/ticket/errors.js";
import { toFieldIssue } from "../../core/ticket/validation.js";
import { type Problem, sendProblem } from "../http/problem.js";

const STATUS: Record<CoreError["code"], number> = {
  VALIDATION_FAILED: 400,
  TICKET_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  FORBIDDEN: 403,
  NOT_REGISTERED: 403,
  CONTACT_DEACTIVATED: 403,
  SAVED_REPLY_NOT_FOUND: 404,
  MERGE_NOT_ALLOWED: 409,
  ILLEGAL_TRANSITION: 409,
  REOPEN_WINDOW_EXPIRED: 409,
  RATING_NOT_ALLOWED: 409,
  TOO_MANY_ATTACHMENTS: 422,
  TICKET_FILES_FULL: 422,
  UPLOAD_QUOTA_EXCEEDED: 422,
  ATTACHMENT_REJECTED: 422,
};

/** The caller's language from Accept-Language (first supported one), else the service default. */
export const languageOf = (request: FastifyRequest, fallback: Lang): Lang => {
  const header = request.headers["accept-language"];
  for (const part of (typeof header === "string" ? header : "").split(",")) {
    const lang = langFromLocale(part.split(";")[0]);
    if (lang) return lang;
  }
  return fallback;
};

/** A core refusal as problem+json, worded by the catalogue in the caller's language. */
export const coreProblem = (error: CoreError, catalogue: Catalogue): Problem => ({
  status: STATUS[error.code],
  code: error.code,
  detail: catalogue.error(error),
  ...(error.code === "ATTACHMENT_REJECTED" ? { reason: error.reason, fileName: error.fileName } : {}),
  ...(error.code === "VALIDATION_FAILED"
    ? {
        errors: error.issues.map((i) => ({
          field: i.field,
          code: i.problem.code,
          detail: catalogue.problem(i.field, i.problem),
        })),
      }
    : {}),
});

/**
 * A request that does not have the API's shape answers exactly like a core refusal: 400
 * VALIDATION_FAILED, each field by its own name (a query parameter's or a body field's, nested with
 * dots), its problem code, and a sentence in the caller's language.
 */
export const shapeProblem = (
  _where: "body" | "query" | "path",
  error: z.ZodError,
  catalogue: Catalogue,
): Problem =>
  coreProblem(
    { code: "VALIDATION_FAILED", issues: error.issues.map((issue) => toFieldIssue(issue)) },
    catalogue,
  );

export const sendCoreProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: CoreError,
  fallback: Lang,
) => sendProblem(reply, coreProblem(error, catalogues[languageOf(request, fallback)]));
