import type { ApiPrincipal } from "./auth.js";
import type { ApiOutcome } from "./route.js";

/** Personal data and the audit log are for admin keys only (`api-key create --admin`). */
export const adminOnly = (principal: ApiPrincipal): ApiOutcome | null =>
  principal.key.role === "admin"
    ? null
    : {
        kind: "problem",
        problem: {
          status: 403,
          code: "ADMIN_KEY_REQUIRED",
          detail: "This operation needs an admin API key (api-key create --admin).",
        },
      };
