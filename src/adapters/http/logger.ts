import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";

/**
 * Never logged at any level: credentials in headers, and personal data fields (message bodies,
 * phone numbers, platform user ids) should an object carrying them be logged by mistake.
 */
const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  'req.headers["x-slack-signature"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-hub-signature-256"]',
  "*.authorization",
  "*.token",
  "*.secret",
  "*.password",
  "*.body",
  "*.text",
  "*.phone",
  "*.phoneNumber",
  "*.platformUserId",
];

interface LoggedRequest {
  method?: string;
  ip?: string;
  routeOptions?: { url?: string };
}

/** Structured JSON logs; request lines carry the request id (fastify's reqId) and never a body. */
export const createLogger = (level: LevelWithSilent, destination?: DestinationStream): Logger => {
  const options = {
    level,
    base: { service: "chamado", pid: process.pid },
    redact: { paths: REDACT, censor: "[redacted]" },
    serializers: {
      // The route's pattern, never the path: paths and query strings are whatever a caller typed
      // (a ticket ref, a probe for /wp-admin, a verification token), and they stay out of the logs.
      req: (req: LoggedRequest) => ({
        method: req.method,
        route: req.routeOptions?.url ?? "(no route)",
        remoteAddress: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
};
