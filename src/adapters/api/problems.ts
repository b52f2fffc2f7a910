import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { type Catalogue, catalogues, type Lang, langFromLocale } from "../../core/i18n/index.js";
import type { CoreError, FieldProblem } from "../../core/ticket/errors.js";
import { type Problem, sendProblem } from "../http/problem.js";

const STATUS: Record<CoreError["code"], number> = {
  VALIDATION_FAILED: 400,
  TICKET_NOT_FOUND: 404,
  FORBIDDEN: 403,
  NOT_REGISTERED: 403,
  SAVED_REPLY_NOT_FOUND: 404,
  MERGE_NOT_ALLOWED: 409,
  ILLEGAL_TRANSITION: 409,
  REOPEN_WINDOW_EXPIRED: 409,
  RATING_NOT_ALLOWED: 409,
  TOO_MANY_ATTACHMENTS: 422,
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

const fieldProblemOf = (issue: z.core.$ZodIssue): FieldProblem | null =>
  (issue as { params?: { problem?: FieldProblem } }).params?.problem ?? null;

/**
 * A request that does not have the API's shape: which fields, and what is wrong with each. A field
 * the core's text rule refused carries the rule's code and a sentence in the caller's language.
 */
export const shapeProblem = (
  where: "body" | "query" | "path",
  error: z.ZodError,
  catalogue: Catalogue,
): Problem => ({
  status: 400,
  code: "INVALID_REQUEST",
  detail: `The request ${where} does not match the API's schema.`,
  errors: error.issues.map((i) => {
    const field = [where, ...i.path.map(String)].join(".");
    const problem = fieldProblemOf(i);
    return problem
      ? { field, code: problem.code, detail: catalogue.problem(String(i.path.at(-1) ?? where), problem) }
      : { field, code: i.code.toUpperCase(), detail: i.message };
  }),
});

export const sendCoreProblem = (
  request: FastifyRequest,
  reply: FastifyReply,
  error: CoreError,
  fallback: Lang,
) => sendProblem(reply, coreProblem(error, catalogues[languageOf(request, fallback)]));
