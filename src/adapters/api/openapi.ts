import { STATUS_CODES } from "node:http";
import { z } from "zod";
import { PROBLEM_JSON } from "../http/problem.js";
import type { ApiRoute } from "./route.js";
import { problemJson } from "./schemas.js";

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests, with
 * zod 4's own z.toJSONSchema: OpenAPI 3.1 schemas are JSON Schema 2020-12, which is its default
 * output, so no extra library or schema patching is needed.
 */
const schemaOf = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

const withoutMeta = ({ $schema: _, ...rest }: Record<string, unknown>) => rest;

const parameters = (schema: z.ZodType | undefined, where: "path" | "query") => {
  if (!schema) return [];
  const json = schemaOf(schema, "input") as {
    properties?: Record<string, Record<string, unknown>>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
};

const problemResponse = (status: number) => ({
  description: STATUS_CODES[status] ?? "Error",
  content: { [PROBLEM_JSON]: { schema: { $ref: "#/components/schemas/Problem" } } },
});

export const buildOpenApiDocument = (
  routes: readonly ApiRoute[],
  info: { version: string; serverUrl: string },
) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    // Every status the operation can answer: requests with a body can be too large (413) or of a
    // media type other than JSON (415); a method its path does not take is a 405 with Allow.
    const bodied = route.method !== "GET" ? [413, 415] : [];
    const statuses = [...new Set([400, 401, ...route.errors, 405, ...bodied, 503])].sort();
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.operationId,
      summary: route.summary,
      security: [{ apiKey: [] }],
      parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: withoutMeta(schemaOf(route.body, "input")) } },
            },
          }
        : {}),
      responses: {
        [route.response.status]: {
          description: route.response.description,
          content: {
            [route.response.contentType ?? "application/json"]: {
              schema: withoutMeta(schemaOf(route.response.schema, "output")),
            },
          },
        },
        ...Object.fromEntries(statuses.map((s) => [s, problemResponse(s)])),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "chamado REST API",
      version: info.version,
      description: "Tickets for the supplier panel and integrations. Errors are RFC 9457 problem+json.",
    },
    servers: [{ url: info.serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A key made with `api-key create`" },
      },
      schemas: { Problem: withoutMeta(schemaOf(problemJson, "output")) },
    },
    paths,
  };
};
