import type { FakeGraphApi } from "../fake-graph-api.js";
import { createLogInbox } from "./log-inbox.js";

/**
 * Each WhatsApp number's messages from the bot. The fake Graph API keeps no arrival time, so a
 * message is stamped when the scanner sees it, at most a scan interval (2 ms) late.
 */
export const createGraphInbox = (api: FakeGraphApi) =>
  createLogInbox(
    () => api.messages(),
    (message, scannedAt) => ({ to: message.to, item: message, at: scannedAt }),
  );
