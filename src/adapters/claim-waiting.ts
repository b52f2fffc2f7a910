import type { ReceiptClaim } from "../core/ports/inbound-receipts.js";

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims an inbound event; while another holder works on it (a platform's redelivery racing the
 * first delivery, or an instance that died holding it), asks again until it is done, taken over,
 * or `maxWaitMs` passes ("busy": the caller answers so that the platform delivers it again later).
 */
export const claimWaiting = async (
  claim: () => Promise<ReceiptClaim>,
  maxWaitMs: number,
): Promise<ReceiptClaim> => {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const claimed = await claim();
    if (claimed !== "busy" || Date.now() >= deadline) return claimed;
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
};
