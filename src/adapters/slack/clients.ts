import { LogLevel, type Logger as SlackLogger, webApi } from "@slack/bolt";
import type { Logger } from "pino";

/** Bolt's and the Web API's logger interface over the service's pino logger. */
export const slackLogger = (log: Logger): SlackLogger => {
  let level = LogLevel.INFO;
  const line = (parts: unknown[]) =>
    parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : String(p))).join(" ");
  return {
    debug: (...msg) => log.debug({ source: "slack-sdk" }, line(msg)),
    info: (...msg) => log.info({ source: "slack-sdk" }, line(msg)),
    warn: (...msg) => log.warn({ source: "slack-sdk" }, line(msg)),
    error: (...msg) => log.error({ source: "slack-sdk" }, line(msg)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
};

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

export interface SlackClients {
  /** Answers to people: a short timeout and one quick retry, since Slack's 3-second windows do not wait. */
  readonly interactive: SlackWebClient;
  /** Outbox deliveries: no retries and 429 as an error, because the outbox worker owns retries and Retry-After. */
  readonly delivery: SlackWebClient;
}

export const createSlackClients = (options: {
  token: string;
  apiUrl: string;
  logger: Logger;
}): SlackClients => {
  const common = {
    slackApiUrl: options.apiUrl,
    logger: slackLogger(options.logger),
    rejectRateLimitedCalls: true,
  };
  return {
    interactive: new webApi.WebClient(options.token, {
      ...common,
      timeout: 5_000,
      retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 200 },
    }),
    delivery: new webApi.WebClient(options.token, {
      ...common,
      timeout: 10_000,
      retryConfig: { retries: 0 },
    }),
  };
};
