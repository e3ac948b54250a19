import type { ListStatus, ListUpdateAttempt } from '../messaging/protocol';

/**
 * What the popup and options say about the list in use: pure, so the wording rules are
 * unit-tested. `key`s are locale keys; `subs` their substitutions (formatted by the caller).
 */
export interface HealthNote {
  level: 'ok' | 'warn' | 'error';
  key: string;
  /** Raw values: 'date:<ms>' is formatted by the caller, other strings shown as they are. */
  subs: string[];
}

/** No successful check for this long (while updates are attempted) → "not updated lately". */
export const NOT_UPDATED_WARN_MS = 7 * 24 * 3600 * 1000;

const LIST_ERROR_CODES = new Set([
  'too-large', 'not-json', 'envelope', 'unknown-algorithm', 'unknown-key', 'algorithm-mismatch', 'bad-signature',
  'schema', 'duplicate-brand', 'bad-host', 'bad-login-url', 'rollback', 'future-issued', 'http-status', 'network',
  'timeout', 'redirect', 'bad-url', 'store',
]);

/** Locale key that explains a failed update in words (ListErrorCode → sentence). */
export function listErrorKey(code: string | undefined): string {
  return code && LIST_ERROR_CODES.has(code) ? `ui_listerr_${code.replace(/-/g, '_')}` : 'ui_listerr_other';
}

export function attemptKey(a: ListUpdateAttempt): string {
  return a.ok ? 'ui_attempt_ok' : listErrorKey(a.code);
}

export function listHealth(s: ListStatus, now: number): HealthNote[] {
  const notes: HealthNote[] = [];
  const expires = s.expires ? Date.parse(s.expires) : NaN;
  if (s.stale || (!Number.isNaN(expires) && expires <= now)) {
    notes.push({ level: 'error', key: 'ui_list_expired', subs: [s.expires ? `date:${expires}` : ''] });
  }
  const last = s.attempts[0];
  if (last && !last.ok) {
    notes.push({ level: 'warn', key: 'ui_list_update_failed', subs: [`date:${last.at}`, `key:${listErrorKey(last.code)}`] });
  } else if (s.lastAttempt !== undefined && s.lastSuccess !== undefined && now - s.lastSuccess > NOT_UPDATED_WARN_MS) {
    notes.push({ level: 'warn', key: 'ui_list_not_updated', subs: [`date:${s.lastSuccess}`] });
  }
  if (notes.length === 0) {
    if (s.lastSuccess !== undefined) notes.push({ level: 'ok', key: 'ui_list_checked', subs: [`date:${s.lastSuccess}`] });
    else notes.push({ level: 'ok', key: 'ui_list_bundled', subs: [] });
  }
  return notes;
}
