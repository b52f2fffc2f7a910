import type { AttachmentRejection, CoreError, FieldProblem } from "../ticket/errors.js";
import type { Priority } from "../ticket/priority.js";
import type { PublicStatus, TicketStatus } from "../ticket/status.js";

/** Every user-facing sentence of the core, per language. Adapters never write their own copy. */
export interface Catalogue {
  readonly field: Readonly<Record<string, string>>;
  readonly problem: (field: string, problem: FieldProblem) => string;
  readonly error: (error: CoreError) => string;
  readonly attachment: (fileName: string, reason: AttachmentRejection, limit?: number) => string;
  readonly status: Readonly<Record<TicketStatus, string>>;
  readonly publicStatus: Readonly<Record<PublicStatus, string>>;
  readonly priority: Readonly<Record<Priority, string>>;
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
