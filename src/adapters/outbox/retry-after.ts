/**
 * A Retry-After header (seconds or an HTTP date) or a JSON `retry_after` (seconds, as Telegram
 * and Slack send it) in milliseconds; undefined when absent or unreadable.
 */
export const parseRetryAfter = (
  value: string | number | null | undefined,
  now: Date = new Date(),
): number | undefined => {
  if (value === null || value === undefined || value === "") return undefined;
  const seconds = typeof value === "number" ? value : Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
};
