/**
 * When to check for a new list. Pure: the caller passes the failure count and a random number.
 * - After a success (or "not modified"): every 6 hours plus up to 1 hour of jitter, so a fleet
 *   of browsers started at 09:00 does not hit the list server at the same minute.
 * - After a failure: 15 min, 30 min, 1 h, 2 h… doubling up to 12 h (exponential back-off, so a
 *   broken server or captive portal is not hammered), plus up to 25 % jitter.
 */
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const CHECK_JITTER_MS = 60 * 60 * 1000;
export const RETRY_BASE_MS = 15 * 60 * 1000;
export const RETRY_MAX_MS = 12 * 60 * 60 * 1000;

export function nextCheckDelay(failures: number, random: number): number {
  const r = Math.min(Math.max(random, 0), 1);
  if (failures <= 0) return CHECK_INTERVAL_MS + Math.floor(r * CHECK_JITTER_MS);
  const backoff = Math.min(RETRY_BASE_MS * 2 ** Math.min(failures - 1, 20), RETRY_MAX_MS);
  return backoff + Math.floor(r * backoff * 0.25);
}
