import type { FastifyRequest } from "fastify";
import type { AgentTools } from "../../core/agent-tools.js";
import type { ContactAccess } from "../../core/contacts/invitations.js";
import type { Lang } from "../../core/i18n/index.js";
import type { KnowledgeService } from "../../core/knowledge/service.js";
import type { ApiKeyRepository } from "../../core/ports/api-keys.js";
import type { AuditTrail } from "../../core/ports/audit-log.js";
import type { Clock } from "../../core/ports/clock.js";
import type { DirectoryRepository } from "../../core/ports/directory.js";
import type { StatsScope } from "../../core/ports/ticket-repository.js";
import type { SlaCounts } from "../../core/ports/timer-queries.js";
import type { PrivacyDesk } from "../../core/privacy/desk.js";
import type { ReportService } from "../../core/reports/service.js";
import type { TicketService } from "../../core/ticket/service.js";
import type { Taxonomy } from "../../core/ticket/taxonomy.js";
import type { SlaPolicy } from "../../core/timers/sla.js";
import type { ApiPrincipal } from "./auth.js";
import type { ApiOutcome } from "./route.js";

/** What the REST API needs from the rest of the service. */
export interface ApiDeps {
  readonly service: TicketService;
  readonly reports: ReportService;
  readonly contacts: ContactAccess;
  readonly knowledge: KnowledgeService;
  readonly tools: AgentTools;
  readonly directory: DirectoryRepository;
  readonly keys: ApiKeyRepository;
  readonly audit: AuditTrail;
  /** Export and erasure; null on memory storage. */
  readonly privacy: PrivacyDesk | null;
  readonly clock: Clock;
  readonly sla: SlaPolicy;
  readonly slaCounts: (scope: StatsScope) => Promise<SlaCounts>;
  readonly defaultLang: Lang;
  /** DEPARTMENTS and TICKET_TYPES, for the OpenAPI document's enums. */
  readonly taxonomy: Taxonomy;
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
