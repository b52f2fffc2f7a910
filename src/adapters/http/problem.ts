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

export const sendProblem = (reply: FastifyReply, problem: Problem): FastifyReply => {
  const body = {
    type: problem.code ? problemType(problem.code) : "about:blank",
    title: problem.title ?? STATUS_CODES[problem.status] ?? "Error",
    ...problem,
    instance: reply.request.url.split("?")[0],
  };
  return reply.code(problem.status).type(PROBLEM_JSON).send(body);
};
