import type { Lease } from "../../../core/ports/lease.js";
import type { WebClientEvent, WhatsAppWebClient, WhatsAppWebClientFactory } from "./client.js";

/**
 * standby: another instance holds the session (or none could be taken yet). starting: the browser is
 * loading WhatsApp Web. qr: waiting for a phone to scan the code. authenticated: linked, loading chats.
 * ready: messages flow. disconnected / auth_failure: lost, a new client starts after a pause.
 */
export type WebSessionState =
  | "standby"
  | "starting"
  | "qr"
  | "authenticated"
  | "ready"
  | "disconnected"
  | "auth_failure"
  | "stopped";

export interface SessionLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface WebSessionDeps {
  readonly lease: Lease;
  readonly createClient: WhatsAppWebClientFactory;
  /** Messages and acks of the current client. */
  readonly onEvent: (event: Extract<WebClientEvent, { type: "message" | "ack" }>) => void;
  readonly showQr: (qr: string) => void;
  readonly log: SessionLog;
  readonly leaseTtlMs: number;
  readonly reconnectDelayMs: number;
}

const MAX_REOPEN_DELAY_MS = 60_000;

const LEVEL: Record<WebSessionState, keyof SessionLog> = {
  standby: "info",
  starting: "info",
  qr: "info",
  authenticated: "info",
  ready: "info",
  stopped: "info",
  disconnected: "warn",
  auth_failure: "error",
};

/**
 * Runs the WhatsApp Web client on the instance holding the session lease: takes the lease, starts
 * the client, renews the lease every third of its TTL, restarts the client after a disconnection,
 * and stops it when the lease is lost, so two instances never drive the same phone.
 */
export interface WebSession {
  start(): Promise<void>;
  stop(): Promise<void>;
  state(): WebSessionState;
  /** The code to scan while linking (and when it came), null otherwise. */
  qr(): { readonly code: string; readonly at: Date } | null;
  /** The client while messages flow, null otherwise. */
  client(): WhatsAppWebClient | null;
}

export const createWebSession = (deps: WebSessionDeps): WebSession => {
  const { log } = deps;
  let state: WebSessionState = "standby";
  let client: WhatsAppWebClient | null = null;
  /** Bumped whenever a client is closed, so late events of an old client are ignored. */
  let generation = 0;
  let holding = false;
  let stopped = false;
  let confirmedAt = 0;
  let qr: { readonly code: string; readonly at: Date } | null = null;
  let ticker: NodeJS.Timeout | undefined;
  let reopenTimer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  const setState = (next: WebSessionState, details: object = {}) => {
    if (state === next) return;
    state = next;
    log[LEVEL[next]]({ state: next, ...details }, `whatsapp web: ${next}`);
  };

  const close = async () => {
    generation += 1;
    const current = client;
    client = null;
    qr = null;
    if (current)
      await current
        .destroy()
        .catch((error: unknown) => log.warn({ err: error }, "whatsapp web: error closing the browser"));
  };

  /** Restarts since the client was last ready: each waits twice as long, up to a minute. */
  let restarts = 0;
  const scheduleReopen = () => {
    if (stopped || !holding || reopenTimer) return;
    const delay = Math.min(MAX_REOPEN_DELAY_MS, deps.reconnectDelayMs * 2 ** Math.min(restarts, 10));
    restarts += 1;
    reopenTimer = setTimeout(() => {
      reopenTimer = undefined;
      if (holding && !stopped && client === null) void open();
    }, delay);
  };

  const onClientEvent = (gen: number, event: WebClientEvent) => {
    if (gen !== generation) return;
    switch (event.type) {
      case "qr":
        qr = { code: event.qr, at: new Date() };
        setState("qr");
        deps.showQr(event.qr);
        return;
      case "authenticated":
        return setState("authenticated");
      case "ready":
        qr = null;
        restarts = 0;
        return setState("ready");
      case "auth_failure":
      case "disconnected":
        setState(
          event.type,
          event.type === "disconnected" ? { reason: event.reason } : { reason: event.message },
        );
        void close().then(scheduleReopen);
        return;
      default:
        deps.onEvent(event);
    }
  };

  async function open(): Promise<void> {
    const gen = ++generation;
    setState("starting");
    try {
      const created = await deps.createClient();
      if (gen !== generation) return void (await created.destroy().catch(() => undefined));
      client = created;
      created.onEvent((event) => onClientEvent(gen, event));
      await created.initialize();
    } catch (error) {
      if (gen !== generation) return;
      setState("disconnected", { reason: error instanceof Error ? error.message : String(error) });
      await close();
      scheduleReopen();
    }
  }

  const drop = async (why: string) => {
    holding = false;
    log.warn({ why }, "whatsapp web: giving up the session");
    await close();
    setState("standby");
  };

  const tick = async () => {
    if (stopped) return;
    try {
      if (!holding) {
        if (!(await deps.lease.tryAcquire())) return setState("standby");
        holding = true;
        confirmedAt = Date.now();
        log.info({}, "whatsapp web: this instance holds the session");
        void open();
        return;
      }
      // A lease that expired while Redis was away is simply taken again if nobody else took it.
      if ((await deps.lease.renew()) || (await deps.lease.tryAcquire())) {
        confirmedAt = Date.now();
        return;
      }
      await drop("another instance holds the session now");
    } catch (error) {
      log.warn({ err: error }, "whatsapp web: cannot reach the session lock");
      // Past the TTL another instance may have taken over: stop driving the phone rather than share it.
      if (holding && Date.now() - confirmedAt > deps.leaseTtlMs)
        await drop("the session lock could not be renewed");
    }
  };

  const guardedTick = () => {
    ticking ??= tick().finally(() => {
      ticking = undefined;
    });
    return ticking;
  };

  return {
    async start(): Promise<void> {
      stopped = false;
      await guardedTick();
      ticker = setInterval(() => void guardedTick(), Math.max(50, Math.floor(deps.leaseTtlMs / 3)));
    },
    async stop(): Promise<void> {
      stopped = true;
      clearInterval(ticker);
      clearTimeout(reopenTimer);
      await ticking;
      await close();
      if (holding) await deps.lease.release().catch(() => undefined);
      holding = false;
      setState("stopped");
    },
    state: () => state,
    qr: () => (state === "qr" ? qr : null),
    client: () => (state === "ready" ? client : null),
  };
};
