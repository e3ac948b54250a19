import type { Lang } from './i18n';

/** "2026年11月22日 13:05" / "22 Nov 2026, 13:05" in the user's time zone. */
export function formatDateTime(ms: number | string | undefined, lang: Lang): string {
  if (ms === undefined || ms === '') return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

export function formatDate(ms: number | string | undefined, lang: Lang): string {
  if (ms === undefined || ms === '') return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { year: 'numeric', month: lang === 'ja' ? 'long' : 'short', day: 'numeric' }).format(d);
}
