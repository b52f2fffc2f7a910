import { STATUS_CODES } from "node:http";
import type { FastifyReply } from "fastify";

/** An RFC 9457 problem details object; `code` is our stable, machine-readable extension. */
export interface Problem {
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly type?: string;
  readonly code?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_JSON = "application/problem+json";

/** `urn:chamado:problem:ticket-not-found` for code TICKET_NOT_FOUND. */
export const problemType = (code: string): string =>
  `urn:chamado:problem:${code.toLowerCase().replaceAll("_", "-")}`;

declare module "fastify" {
  interface FastifyRequest {
    /** Why the request's input was refused (a 400, 413, 415 or 422 problem), for the refusal counter. */
    refusals?: readonly string[];
  }
}

/** Answers about the input itself, as opposed to credentials, access or state. */
const INPUT_STATUSES = new Set([400, 413, 415, 422]);

/** The most precise reasons a problem gives: each field's code, a file's reason, or the problem's code. */
const reasonsOf = (problem: Problem): string[] => {
  const errors = Array.isArray(problem.errors) ? (problem.errors as { code?: unknown }[]) : [];
  const codes = errors.flatMap((e) => (typeof e.code === "string" ? [e.code] : []));
  if (codes.length > 0) return codes;
  if (typeof problem.reason === "string") return [problem.reason];
  return [problem.code ?? "INVALID"];
};

export const sendProblem = (reply: FastifyReply, problem: Problem): FastifyReply => {
  if (INPUT_STATUSES.has(problem.status)) reply.request.refusals = reasonsOf(problem);
  const body = {
    type: problem.code ? problemType(problem.code) : "about:blank",
    title: problem.title ?? STATUS_CODES[problem.status] ?? "Error",
    ...problem,
    instance: reply.request.url.split("?")[0],
  };
  return reply.code(problem.status).type(PROBLEM_JSON).send(body);
};
