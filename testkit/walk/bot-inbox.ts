import type { FakeTelegramApi } from "../fake-telegram-api.js";
import { createLogInbox } from "./log-inbox.js";

/**
 * When each Telegram chat got each bot message: the messages the fake Bot API accepted (a refused
 * or hung call delivered nothing), stamped with the fake's own arrival time, so a late scan does not
 * inflate latencies.
 */
export const createBotInbox = (api: FakeTelegramApi) =>
  createLogInbox(
    () => api.messages(),
    (message) => ({ to: message.chatId, item: message, at: message.at }),
  );
