import type { FakeTelegramApi } from "../fake-telegram-api.js";
import { createLogInbox } from "./log-inbox.js";

const SEND_METHODS = new Set(["sendMessage", "sendPhoto", "sendDocument"]);

/**
 * When each Telegram chat got each bot message. Times are the fake Bot API's own arrival stamps,
 * so a late scan does not inflate latencies.
 */
export const createBotInbox = (api: FakeTelegramApi) =>
  createLogInbox(
    () => api.calls(),
    (call) =>
      SEND_METHODS.has(call.method) ? { to: Number(call.params.chat_id), item: call, at: call.at } : null,
  );
