import type { FastifyRequest } from "fastify";
import type { AgentTools } from "../../core/agent-tools.js";
import type { Lang } from "../../core/i18n/index.js";
import type { ApiKeyRepository } from "../../core/ports/api-keys.js";
import type { Clock } from "../../core/ports/clock.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { StatsScope } from "../../core/ports/ticket-repository.js";
import type { SlaCounts } from "../../core/ports/timer-queries.js";
import type { TicketService } from "../../core/ticket/service.js";
import type { SlaPolicy } from "../../core/timers/sla.js";
import type { ApiPrincipal } from "./auth.js";
import type { ApiOutcome } from "./route.js";

/** What the REST API needs from the rest of the service. */
export interface ApiDeps {
  readonly service: TicketService;
  readonly tools: AgentTools;
  readonly directory: DirectoryRepository;
  readonly keys: ApiKeyRepository;
  readonly clock: Clock;
  readonly sla: SlaPolicy;
  readonly slaCounts: (scope: StatsScope) => Promise<SlaCounts>;
  readonly defaultLang: Lang;
}

const IDEMPOTENCY_KEY = /^[\w.:-]{1,100}$/;

/**
 * An Idempotency-Key header as the core's source key, namespaced by API key so two integrations
 * cannot collide. undefined when absent; a problem when malformed.
 */
export const sourceKeyOf = (
  request: FastifyRequest,
  principal: ApiPrincipal,
): string | undefined | ApiOutcome => {
  const header = request.headers["idempotency-key"];
  if (header === undefined) return undefined;
  if (typeof header !== "string" || !IDEMPOTENCY_KEY.test(header)) {
    return {
      kind: "problem",
      problem: {
        status: 400,
        code: "INVALID_REQUEST",
        detail: "Idempotency-Key must be 1 to 100 letters, digits, '.', ':', '_' or '-'.",
      },
    };
  }
  return `api:${principal.key.id}:${header}`;
};

export const decodeFiles = (
  files: readonly { fileName: string; contentBase64: string; contentType?: string | undefined }[],
) =>
  files.map((f) => ({
    fileName: f.fileName,
    bytes: new Uint8Array(Buffer.from(f.contentBase64, "base64")),
    ...(f.contentType ? { declaredType: f.contentType } : {}),
  }));
