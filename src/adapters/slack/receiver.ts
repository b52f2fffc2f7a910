import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import type { Clock } from "../../core/ports/clock.js";
import { CHANNEL_URLS, type ChannelHttp } from "../http/channel-routes.js";
import { isReadableByBolt } from "./bolt-envelope.js";
import { verifySlackSignature } from "./verify.js";

/** Events are answered when handled or at this point, whichever comes first; Slack gives up at 3 s. */
const EVENT_ANSWER_DEADLINE_MS = 2_500;

export class SlackRequestError extends Error {
  override readonly name = "SlackRequestError";
}

export interface SlackHttpReceiver extends Receiver {
  readonly http: ChannelHttp;
  /** Waits for work still running after its request was answered (at shutdown). */
  drain(timeoutMs: number): Promise<void>;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Slash commands arrive as form fields, interactivity as a form field holding JSON, events as JSON. */
const payloadOf = (body: unknown): Record<string, unknown> => {
  if (typeof body !== "object" || body === null) throw new SlackRequestError("the request has no body");
  const fields = body as Record<string, unknown>;
  if (typeof fields.payload === "string") {
    const parsed: unknown = JSON.parse(fields.payload);
    if (typeof parsed !== "object" || parsed === null)
      throw new SlackRequestError("payload is not an object");
    return parsed as Record<string, unknown>;
  }
  return fields;
};

const send = (reply: FastifyReply, response: unknown) => {
  if (response === undefined || response === null || response === "") return reply.code(200).send("");
  if (typeof response === "string") return reply.code(200).type("text/plain; charset=utf-8").send(response);
  return reply.code(200).type("application/json; charset=utf-8").send(JSON.stringify(response));
};

type Settled = { kind: "acked" } | { kind: "done" } | { kind: "failed"; error: unknown } | { kind: "late" };

/**
 * A Bolt receiver fed by the service's own HTTP server: one route, POST /slack/events, for slash
 * commands, interactivity and the Events API. The signature is checked over the raw bytes before
 * anything is parsed. Commands and actions are answered as soon as their listener acks, and the
 * listener's work goes on afterwards. Events are acked by Bolt at once; their answer waits for the
 * handling (up to 2.5 s), so a storage outage answers 503 and Slack delivers the event again.
 */
export const createSlackHttpReceiver = (options: {
  signingSecret: string;
  clock: Clock;
  logger: Logger;
}): SlackHttpReceiver => {
  let app: App | undefined;
  const inFlight = new Set<Promise<unknown>>();

  const track = (work: Promise<void>): Promise<void> => {
    const tracked = work.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    // Failures after the answer was sent are reported by the app's error handler; this only keeps them handled.
    tracked.catch(() => undefined);
    return tracked;
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const checked = verifySlackSignature({
      signingSecret: options.signingSecret,
      timestamp: header(request, "x-slack-request-timestamp"),
      signature: header(request, "x-slack-signature"),
      rawBody: request.rawBody ?? Buffer.alloc(0),
      now: options.clock.now(),
    });
    if (!checked.ok) {
      options.logger.warn({ problem: checked.error }, "slack: request refused (signature)");
      return reply.code(401).send({ error: "invalid signature" });
    }
    let body: Record<string, unknown>;
    try {
      body = payloadOf(request.body);
    } catch (error) {
      // The parser's message quotes the body it choked on: only its kind is logged.
      options.logger.warn({ error: (error as Error).name }, "slack: unreadable request");
      return reply.code(400).send({ error: "unreadable request" });
    }
    if (body.type === "url_verification") return reply.send({ challenge: String(body.challenge ?? "") });
    if (body.ssl_check !== undefined) return reply.code(200).send("");
    if (!isReadableByBolt(body)) {
      options.logger.warn("slack: signed request without the fields Bolt reads; refused");
      return reply.code(400).send({ error: "unreadable request" });
    }
    if (!app) throw new SlackRequestError("the Slack app is not initialized");

    const isEvent = body.type === "event_callback";
    let acked = false;
    let response: unknown;
    let onAck: () => void = () => {};
    const ackSeen = new Promise<Settled>((resolve) => {
      onAck = () => resolve({ kind: "acked" });
    });
    const retryNum = Number(header(request, "x-slack-retry-num"));
    const event: ReceiverEvent = {
      body,
      ...(Number.isInteger(retryNum) ? { retryNum } : {}),
      ...(header(request, "x-slack-retry-reason")
        ? { retryReason: header(request, "x-slack-retry-reason") }
        : {}),
      ack: async (answer?: unknown) => {
        if (acked) return;
        acked = true;
        response = answer;
        onAck();
      },
    };
    const processing = track(app.processEvent(event));
    const settled = processing.then(
      (): Settled => ({ kind: "done" }),
      (error: unknown): Settled => ({ kind: "failed", error }),
    );
    const outcome = await Promise.race<Settled>(
      isEvent
        ? [
            settled,
            new Promise((resolve) =>
              setTimeout(() => resolve({ kind: "late" }), EVENT_ANSWER_DEADLINE_MS).unref(),
            ),
          ]
        : [settled, ackSeen],
    );
    if (outcome.kind === "failed" && (isEvent || !acked)) throw outcome.error;
    return send(reply, isEvent ? undefined : response);
  };

  return {
    init(bolt: App) {
      app = bolt;
    },
    // The service's HTTP server is already listening; Bolt's start and stop have nothing to open or close.
    start: async () => undefined,
    stop: async () => undefined,
    http: { name: "slack", routes: [{ method: "POST", url: CHANNEL_URLS.slackEvents, handler: handle }] },
    async drain(timeoutMs) {
      if (inFlight.size === 0) return;
      await Promise.race([
        Promise.allSettled([...inFlight]),
        new Promise((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
    },
  };
};
