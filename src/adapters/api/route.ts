import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { type Catalogue, catalogues, type Lang } from "../../core/i18n/index.js";
import type { CoreError } from "../../core/ticket/errors.js";
import { type Problem, sendProblem } from "../http/problem.js";
import { ApiAuthError, type ApiAuthenticator, type ApiPrincipal } from "./auth.js";
import { languageOf, sendCoreProblem, shapeProblem } from "./problems.js";

/** What a handler returns: a body to send, a core refusal, or a problem of the API's own. */
export type ApiOutcome =
  | { readonly kind: "ok"; readonly status?: number; readonly body: unknown; readonly location?: string }
  /** Bytes of a file, sent as they are with their type and a download name. */
  | {
      readonly kind: "file";
      readonly bytes: Uint8Array;
      readonly contentType: string;
      readonly fileName: string;
    }
  | { readonly kind: "core"; readonly error: CoreError }
  | { readonly kind: "problem"; readonly problem: Problem };

export interface ApiCall<P, Q, B> {
  readonly principal: ApiPrincipal;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly request: FastifyRequest;
}

type Shape = z.ZodType | undefined;
type Out<S extends Shape> = S extends z.ZodType ? z.output<S> : undefined;

/** One REST operation: its schemas drive both validation and the OpenAPI document. */
export interface ApiRoute<P extends Shape = Shape, Q extends Shape = Shape, B extends Shape = Shape> {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  /** OpenAPI style: /tickets/{ref} */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: {
    readonly status: number;
    readonly schema: z.ZodType;
    readonly description: string;
    /** Defaults to application/json; a file download names its own. */
    readonly contentType?: string;
  };
  /** Error statuses this operation may answer, besides 400, 401 and 503. */
  readonly errors: readonly number[];
  handle(call: ApiCall<Out<P>, Out<Q>, Out<B>>): Promise<ApiOutcome>;
}

export const defineRoute = <
  P extends Shape = undefined,
  Q extends Shape = undefined,
  B extends Shape = undefined,
>(
  route: ApiRoute<P, Q, B>,
): ApiRoute => route as unknown as ApiRoute;

/** Always a download, never shown inline; the name in ASCII and in full (RFC 6266, RFC 8187). */
const contentDisposition = (fileName: string): string => {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};

export const fastifyPath = (path: string): string => path.replace(/\{(\w+)\}/g, ":$1");

const parse = (schema: Shape, value: unknown, where: "body" | "query" | "path", catalogue: Catalogue) => {
  if (!schema) return { ok: true as const, value: undefined };
  // With the input, a wrong type is told apart from a missing field, and a long text from a short one.
  const parsed = schema.safeParse(value ?? (where === "body" ? undefined : {}), { reportInput: true });
  return parsed.success
    ? { ok: true as const, value: parsed.data }
    : { ok: false as const, problem: shapeProblem(where, parsed.error, catalogue) };
};

/** Authenticates, validates path, query and body, runs the handler and answers JSON or problem+json. */
export const registerRoute = (
  app: FastifyInstance,
  route: ApiRoute,
  auth: ApiAuthenticator,
  lang: Lang,
): void => {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    let principal: ApiPrincipal;
    try {
      principal = await auth(request);
    } catch (error) {
      if (!(error instanceof ApiAuthError)) throw error;
      reply.header("www-authenticate", 'Bearer realm="chamado"');
      return sendProblem(reply, {
        status: 401,
        code: "UNAUTHORIZED",
        detail: "Send a valid API key as: Authorization: Bearer <key>.",
      });
    }
    const catalogue = catalogues[languageOf(request, lang)];
    const params = parse(route.params, request.params, "path", catalogue);
    if (!params.ok) return sendProblem(reply, params.problem);
    const query = parse(route.query, request.query, "query", catalogue);
    if (!query.ok) return sendProblem(reply, query.problem);
    const body = parse(route.body, request.body, "body", catalogue);
    if (!body.ok) return sendProblem(reply, body.problem);
    const outcome = await route.handle({
      principal,
      params: params.value,
      query: query.value,
      body: body.value,
      request,
    });
    if (outcome.kind === "core") return sendCoreProblem(request, reply, outcome.error, lang);
    if (outcome.kind === "problem") return sendProblem(reply, outcome.problem);
    if (outcome.kind === "file") {
      return reply
        .code(200)
        .header("content-type", outcome.contentType)
        .header("content-disposition", contentDisposition(outcome.fileName))
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(outcome.bytes));
    }
    if (outcome.location) reply.header("location", outcome.location);
    return reply.code(outcome.status ?? route.response.status).send(outcome.body);
  };
  app.route({ method: route.method, url: fastifyPath(route.path), handler });
};
