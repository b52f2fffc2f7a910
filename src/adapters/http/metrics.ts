import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Channel } from "../../core/ticket/channel.js";
import type { AttemptResult, OutboxMetrics } from "../outbox/deliver.js";

export type SecurityEventKind = "auth_failed" | "auth_rate_limited";

/** What the service counts; names and labels are defined once, in createMetrics. */
export interface Metrics {
  readonly registry: Registry;
  readonly outbox: OutboxMetrics;
  inboundMessage(channel: Channel): void;
  ticketCreated(channel: Channel): void;
  httpRequest(method: string, route: string, statusCode: number, seconds: number): void;
  timerFired(timer: string): void;
  /** Something a person or caller sent was refused (door: telegram, api, ...; reason: a stable code). */
  inputRefused(door: string, reason: string): void;
  securityEvent(kind: SecurityEventKind, door: string): void;
  /** Rows (or files) retention removed or emptied, by kind (closed_ticket_files, audit_entries, …). */
  retained(kind: string, count: number): void;
}

/**
 * The service's one metrics registry (Prometheus text at /metrics). Everything that counts goes
 * through the functions here, so metric names and labels are defined in one place.
 */
export const createMetrics = (): Metrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "chamado_" });
  const registers = [registry];

  const inbound = new Counter({
    name: "chamado_inbound_messages_total",
    help: "Messages and events received from chat platforms",
    labelNames: ["channel"],
    registers,
  });
  const ticketsCreated = new Counter({
    name: "chamado_tickets_created_total",
    help: "Tickets opened, by the channel they were opened on",
    labelNames: ["channel"],
    registers,
  });
  const deliveries = new Counter({
    name: "chamado_outbox_deliveries_total",
    help: "Outbox delivery attempts by result: sent, already_delivered (found on the platform), retry, held (waiting for the recipient), failed, lost_claim",
    labelNames: ["channel", "result"],
    registers,
  });
  const deliverySeconds = new Histogram({
    name: "chamado_outbox_delivery_duration_seconds",
    help: "Time of one delivery attempt, rate-limit wait included",
    labelNames: ["channel"],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const depth = new Gauge({
    name: "chamado_outbox_queue_depth",
    help: "Outbox items pending delivery",
    registers,
  });
  const httpSeconds = new Histogram({
    name: "chamado_http_request_duration_seconds",
    help: "HTTP handler latency by route",
    labelNames: ["method", "route", "status_code"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const timerFirings = new Counter({
    name: "chamado_timer_firings_total",
    help: "Timers fired: reminders, auto-closes, SLA warnings and breaches",
    labelNames: ["timer"],
    registers,
  });

  const refused = new Counter({
    name: "chamado_input_refused_total",
    help: "Input refused before anything was stored, by door (api, telegram, whatsapp, slack, …) and reason (CONTROL_CHARACTER, INVALID_UNICODE, TOO_LONG, INVALID_CURSOR, ZIP_TOO_LARGE, …)",
    labelNames: ["door", "reason"],
    registers,
  });
  const security = new Counter({
    name: "chamado_security_events_total",
    help: "Security events by kind (auth_failed, auth_rate_limited) and door",
    labelNames: ["kind", "door"],
    registers,
  });

  const retention = new Counter({
    name: "chamado_retention_removed_total",
    help: "Removed or emptied by retention, by kind: closed_ticket_files, closed_ticket_text, abandoned_flows, settled_outbox, audit_entries, erasures_finished",
    labelNames: ["kind"],
    registers,
  });

  const outbox: OutboxMetrics = {
    attempt(channel: Channel, result: AttemptResult, seconds: number) {
      deliveries.inc({ channel, result });
      deliverySeconds.observe({ channel }, seconds);
    },
    depth: (pending) => depth.set(pending),
  };

  return {
    registry,
    outbox,
    inboundMessage: (channel: Channel) => inbound.inc({ channel }),
    ticketCreated: (channel: Channel) => ticketsCreated.inc({ channel }),
    httpRequest: (method: string, route: string, statusCode: number, seconds: number) =>
      httpSeconds.observe({ method, route, status_code: String(statusCode) }, seconds),
    timerFired: (timer: string) => timerFirings.inc({ timer }),
    inputRefused: (door: string, reason: string) => refused.inc({ door, reason }),
    securityEvent: (kind: SecurityEventKind, door: string) => security.inc({ kind, door }),
    retained: (kind: string, count: number) => retention.inc({ kind }, count),
  };
};
