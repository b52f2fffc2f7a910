import { webApi } from "@slack/bolt";
import type { SlackWebClient } from "./clients.js";
import type { BotIdentity } from "./deps.js";
import { slackErrorCode } from "./errors.js";

/** Errors that a wrong token causes: retrying does not help, the configuration must change. */
const BAD_TOKEN = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
]);

export const isBadToken = (error: unknown): boolean => BAD_TOKEN.has(slackErrorCode(error) ?? "");

/**
 * Who the bot is (auth.test), asked once and remembered. A failure is not remembered, so a Slack
 * outage at start does not keep the channel blind: the next request asks again.
 */
export const createBotIdentity = (client: SlackWebClient): (() => Promise<BotIdentity>) => {
  let known: Promise<BotIdentity> | undefined;
  const ask = async (): Promise<BotIdentity> => {
    const answer = (await client.auth.test()) as {
      user_id?: string;
      bot_id?: string;
      team_id?: string;
      url?: string;
    };
    if (!answer.user_id || !answer.team_id)
      throw new webApi.WebAPIPlatformError({ ok: false, error: "auth_test_incomplete" });
    return {
      userId: answer.user_id,
      botId: answer.bot_id ?? null,
      teamId: answer.team_id,
      url: answer.url ?? "https://slack.com/",
    };
  };
  return () => {
    known ??= ask().catch((error: unknown) => {
      known = undefined;
      throw error;
    });
    return known;
  };
};
