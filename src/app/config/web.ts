import { z } from "zod";
import { int, optionalUrl } from "../../adapters/config-fields.js";

/** The web console under /app/ (issue 16). */
export const webConfig = {
  /** Where people reach this service; sign-in links start with it. Unset: http://localhost:PORT. */
  PUBLIC_URL: optionalUrl(["http://", "https://"]),
  /** Key for signing sign-in links, shared by every instance; unset, one is made and kept in DATA_DIR. */
  WEB_SECRET: z.string().trim().min(32, { error: "expected at least 32 characters" }).optional(),
  /** How long a sign-in link works (it also works only once). */
  WEB_LINK_MINUTES: int(1, 60, 10),
  /** How long a console session lasts after sign-in. */
  WEB_SESSION_HOURS: int(1, 72, 8),
  /**
   * How old the dashboard's figures may be before they are recomputed (in the background, while the
   * kept ones are shown); a ticket changed through this instance recomputes them sooner. 0 computes
   * every view.
   */
  DASHBOARD_CACHE_SECONDS: int(0, 3600, 60),
  /** Slack users (U…) who sign in as admins; others Slack lists as agents sign in as agents. */
  WEB_ADMIN_SLACK_USERS: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.string().regex(/^[UW][A-Z0-9]{2,30}$/, { error: "expected Slack user ids like U0123ABCD" })),
    )
    .default([]),
};

export interface WebSettings {
  readonly publicUrl: string;
  readonly secret: string | undefined;
  readonly linkMs: number;
  readonly sessionMs: number;
  readonly adminSlackUsers: readonly string[];
  readonly dashboardCacheMs: number;
  readonly dataDir: string;
}

export const webSettingsOf = (config: {
  PUBLIC_URL?: string | undefined;
  PORT: number;
  WEB_SECRET?: string | undefined;
  WEB_LINK_MINUTES: number;
  WEB_SESSION_HOURS: number;
  WEB_ADMIN_SLACK_USERS: readonly string[];
  DASHBOARD_CACHE_SECONDS: number;
  DATA_DIR: string;
}): WebSettings => ({
  publicUrl: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ""),
  secret: config.WEB_SECRET,
  linkMs: config.WEB_LINK_MINUTES * 60_000,
  sessionMs: config.WEB_SESSION_HOURS * 3_600_000,
  adminSlackUsers: config.WEB_ADMIN_SLACK_USERS,
  dashboardCacheMs: config.DASHBOARD_CACHE_SECONDS * 1000,
  dataDir: config.DATA_DIR,
});
