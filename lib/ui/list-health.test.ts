import { describe, it, expect } from 'vitest';
import { listHealth, listErrorKey, NOT_UPDATED_WARN_MS } from './list-health';
import { hasKey } from './i18n';
import type { ListStatus } from '../messaging/protocol';

const now = Date.parse('2026-11-22T12:00:00Z');
const base: ListStatus = { version: 3, issued: '2026-11-20T00:00:00Z', expires: '2027-05-20T00:00:00Z', source: 'stored', stale: false, attempts: [] };

describe('listHealth', () => {
  it('says the bundled list is in use when nothing was fetched yet', () => {
    expect(listHealth(base, now)).toEqual([{ level: 'ok', key: 'ui_list_bundled', subs: [] }]);
  });

  it('reports the last successful check', () => {
    const s = { ...base, lastSuccess: now - 3600e3, lastAttempt: now - 3600e3, attempts: [{ at: now - 3600e3, ok: true, version: 3 }] };
    expect(listHealth(s, now)).toEqual([{ level: 'ok', key: 'ui_list_checked', subs: [`date:${now - 3600e3}`] }]);
  });

  it('warns with the error in words when the latest update failed', () => {
    const s = { ...base, lastSuccess: now - 86400e3, attempts: [{ at: now - 60e3, ok: false, code: 'bad-signature', message: 'x' }] };
    const notes = listHealth(s, now);
    expect(notes).toEqual([{ level: 'warn', key: 'ui_list_update_failed', subs: [`date:${now - 60e3}`, 'key:ui_listerr_bad_signature'] }]);
  });

  it('is an error when the list has expired, even if flagged only by date', () => {
    expect(listHealth({ ...base, stale: true }, now)[0].level).toBe('error');
    expect(listHealth({ ...base, expires: '2026-11-01T00:00:00Z' }, now)[0].key).toBe('ui_list_expired');
  });

  it('warns when updates run but none succeeded for a week', () => {
    const s = { ...base, lastAttempt: now - 1000, lastSuccess: now - NOT_UPDATED_WARN_MS - 1000, attempts: [{ at: now - 1000, ok: true }] };
    expect(listHealth(s, now)[0].key).toBe('ui_list_not_updated');
  });

  it('has words for every list error code and a fallback', () => {
    for (const c of ['network', 'timeout', 'http-status', 'bad-signature', 'rollback', 'future-issued', 'store', 'schema', 'redirect']) {
      expect(hasKey(listErrorKey(c)), c).toBe(true);
    }
    expect(listErrorKey('brand-new-code')).toBe('ui_listerr_other');
    expect(hasKey('ui_listerr_other')).toBe(true);
  });
});
