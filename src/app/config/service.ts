import { z } from "zod";
import { bool, int } from "../../adapters/config-fields.js";
import type { BusinessCalendars } from "../../core/hours/calendar.js";
import type { RetentionPolicy } from "../../core/privacy/retention.js";
import type { AutoClosePolicy } from "../../core/timers/auto-close.js";
import type { SlaPolicy } from "../../core/timers/sla.js";
import type { TriagePolicy } from "../../core/timers/triage.js";

const MINUTE = 60;

/** The running service: HTTP, delivery pipeline, timers and shutdown. */
export const serviceConfig = {
  /** Webhook and API bodies above this get 413 before they are read. */
  HTTP_BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024, 1024 * 1024),
  /**
   * Chat messages (webhook deliveries) one instance works on at once; more wait in line, so a burst
   * after a platform outage cannot crowd out Slack's 3-second acks or the health checks.
   */
  CHAT_TURN_CONCURRENCY: int(1, 1000, 32),
  /** Bearer token for /metrics and readiness details; without it (and without ADMIN_PORT) they are public. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, {
      error: "expected 16 to 256 token characters (32 random ones is good)",
    })
    .optional(),
  /** A second port for /metrics and readiness details only; the main port then serves neither. */
  ADMIN_PORT: z.coerce
    .number({ error: "expected a port between 1 and 65535" })
    .int({ error: "expected a port between 1 and 65535" })
    .min(1, { error: "expected a port between 1 and 65535" })
    .max(65535, { error: "expected a port between 1 and 65535" })
    .optional(),
  /** Where the admin port listens; HOST when unset. */
  ADMIN_HOST: z.string().trim().min(1).optional(),
  /**
   * Failed authentications (webhook secrets, signatures, API keys) allowed per minute from one source
   * address, and against one API key prefix; past it the source gets 429 until the budget refills.
   */
  AUTH_FAILURES_PER_MINUTE: int(1, 10_000, 20),
  /**
   * Which proxies' X-Forwarded-For to believe for the source address: "false" (default, the socket's
   * address), "true" (any), a number of hops, or comma-separated addresses and CIDR ranges.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(true|false|\d{1,2}|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/, {
      error: "expected true, false, a number of hops, or addresses and CIDR ranges separated by commas",
    })
    .transform((v): boolean | number | string =>
      v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v,
    )
    .default(false),
  /** Time allowed for in-flight requests and deliveries to finish on SIGTERM before the process exits anyway. */
  SHUTDOWN_TIMEOUT_MS: int(1000, 120_000, 15_000),
  /** A name for this instance in claims and logs (defaults to host:pid). */
  INSTANCE_ID: z.string().trim().min(1).max(100).optional(),

  AUTO_CLOSE_ENABLED: bool(true),
  /** Days waiting on the requester before a ticket is closed as solved; the reminder goes 2 days before. */
  AUTO_CLOSE_DAYS: int(3, 90, 7),
  /**
   * Hours a requester has to answer support's first question before the ticket is closed as
   * "abandoned at triage" (0: only auto-close ends such a ticket, and then also as abandoned).
   */
  TRIAGE_ABANDON_HOURS: int(0, 24 * 90, 48),

  SLA_ENABLED: bool(true),
  /** Share of a target at which agents are warned, in percent. */
  SLA_WARN_PERCENT: int(10, 99, 80),
  /** SLA alert levels that escalate: "warning", "breach" or both; unset, none do. */
  SLA_ESCALATE_ON: z
    .string()
    .transform((raw) => [
      ...new Set(
        raw
          .split(",")
          .map((v) => v.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(["warning", "breach"], { error: 'expected "warning", "breach" or both' })))
    .default([]),
  SLA_HIGH_FIRST_RESPONSE_MINUTES: int(1, 100_000, 1 * MINUTE),
  SLA_HIGH_RESOLUTION_MINUTES: int(1, 100_000, 8 * MINUTE),
  SLA_MEDIUM_FIRST_RESPONSE_MINUTES: int(1, 100_000, 4 * MINUTE),
  SLA_MEDIUM_RESOLUTION_MINUTES: int(1, 100_000, 24 * MINUTE),
  SLA_LOW_FIRST_RESPONSE_MINUTES: int(1, 100_000, 8 * MINUTE),
  SLA_LOW_RESOLUTION_MINUTES: int(1, 100_000, 72 * MINUTE),
  /** How often timers (reminders, auto-close, SLA, conversation expiry) are checked. */
  TIMERS_INTERVAL_MS: int(1000, 3_600_000, 30_000),

  /** Seconds an agent's reply waits in the outbox before it goes out (time to withdraw or edit it). */
  AGENT_REPLY_GRACE_SECONDS: int(0, 600, 15),
  OUTBOX_POLL_INTERVAL_MS: int(50, 60_000, 1000),
  OUTBOX_BATCH_SIZE: int(1, 500, 20),
  /** A claim not finished within this is taken over by another worker (a crashed instance). */
  OUTBOX_LEASE_MS: int(1000, 600_000, 60_000),
  OUTBOX_SEND_TIMEOUT_MS: int(100, 120_000, 15_000),
  OUTBOX_RETRY_BASE_MS: int(10, 60_000, 1000),
  OUTBOX_RETRY_MAX_MS: int(100, 3_600_000, 300_000),
  /** Items still failing this long after they were written are given up and reported to agents. */
  OUTBOX_MAX_AGE_HOURS: int(1, 24 * 14, 24),

  /** Retention (issue 20): one instance of the set runs it every RETENTION_EVERY_MINUTES. */
  RETENTION_ENABLED: bool(true),
  RETENTION_EVERY_MINUTES: int(1, 7 * 24 * MINUTE, MINUTE),
  /** Rows per statement; each kind runs at most 20 statements per pass. */
  RETENTION_BATCH_SIZE: int(10, 10_000, 500),
  /** Days after closing that a ticket's files are deleted; 0 keeps them. */
  RETENTION_CLOSED_TICKET_FILES_DAYS: int(0, 36_500, 0),
  /** Days after closing that a ticket's message text, notes and rating comment are replaced; 0 keeps them. */
  RETENTION_CLOSED_TICKET_TEXT_DAYS: int(0, 36_500, 0),
  RETENTION_ABANDONED_FLOWS_DAYS: int(0, 36_500, 180),
  /** Delivered, failed and cancelled notifications. */
  RETENTION_OUTBOX_DAYS: int(0, 36_500, 30),
  RETENTION_AUDIT_DAYS: int(0, 36_500, 730),
};

const serviceSchema = z.object(serviceConfig);
type ServiceSettings = z.output<typeof serviceSchema>;

/** SLA targets and warning share, in the form the timers use. */
export const slaPolicyOf = (
  config: ServiceSettings & { readonly BUSINESS_HOURS_FILE?: BusinessCalendars | undefined },
): SlaPolicy => {
  const ms = (minutes: number) => minutes * 60_000;
  const target = (firstResponse: number, resolution: number) => ({
    firstResponseMs: ms(firstResponse),
    resolutionMs: ms(resolution),
  });
  return {
    warnRatio: config.SLA_WARN_PERCENT / 100,
    targets: {
      HIGH: target(config.SLA_HIGH_FIRST_RESPONSE_MINUTES, config.SLA_HIGH_RESOLUTION_MINUTES),
      MEDIUM: target(config.SLA_MEDIUM_FIRST_RESPONSE_MINUTES, config.SLA_MEDIUM_RESOLUTION_MINUTES),
      LOW: target(config.SLA_LOW_FIRST_RESPONSE_MINUTES, config.SLA_LOW_RESOLUTION_MINUTES),
    },
    ...(config.BUSINESS_HOURS_FILE ? { calendars: config.BUSINESS_HOURS_FILE } : {}),
  };
};

export const autoClosePolicyOf = (config: ServiceSettings): AutoClosePolicy => ({
  enabled: config.AUTO_CLOSE_ENABLED,
  days: config.AUTO_CLOSE_DAYS,
  remindDaysBefore: 2,
});

export const triagePolicyOf = (config: ServiceSettings): TriagePolicy => ({
  abandonAfterMs: config.TRIAGE_ABANDON_HOURS * 3_600_000,
});

/** The outbox worker's timing knobs. */
export const outboxTimingOf = (config: ServiceSettings) => ({
  pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
  batchSize: config.OUTBOX_BATCH_SIZE,
  leaseMs: config.OUTBOX_LEASE_MS,
  sendTimeoutMs: config.OUTBOX_SEND_TIMEOUT_MS,
  backoff: { baseMs: config.OUTBOX_RETRY_BASE_MS, maxMs: config.OUTBOX_RETRY_MAX_MS },
  maxAgeMs: config.OUTBOX_MAX_AGE_HOURS * 3_600_000,
});

/** 0 days means "keep": a period of zero would delete everything at once. */
const days = (value: number): number | null => (value === 0 ? null : value);

export const retentionPolicyOf = (config: ServiceSettings): RetentionPolicy => ({
  closedTicketFilesDays: days(config.RETENTION_CLOSED_TICKET_FILES_DAYS),
  closedTicketTextDays: days(config.RETENTION_CLOSED_TICKET_TEXT_DAYS),
  abandonedFlowsDays: days(config.RETENTION_ABANDONED_FLOWS_DAYS),
  settledOutboxDays: days(config.RETENTION_OUTBOX_DAYS),
  auditDays: days(config.RETENTION_AUDIT_DAYS),
  batchSize: config.RETENTION_BATCH_SIZE,
  maxBatches: 20,
});
