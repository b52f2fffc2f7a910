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

/** Only the path: query strings carry verification tokens (WhatsApp's hub.verify_token). */
const pathOf = (url: string | undefined): string => (url ?? "").split("?")[0] ?? "";

interface LoggedRequest {
  method?: string;
  url?: string;
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
      req: (req: LoggedRequest) => ({
        method: req.method,
        url: pathOf(req.url),
        route: req.routeOptions?.url,
        remoteAddress: req.ip,
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: pino.stdSerializers.err,
    },
  };
  return destination ? pino(options, destination) : pino(options);
};
