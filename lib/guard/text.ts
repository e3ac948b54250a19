import { t, type Lang } from '../ui/i18n';

/** Page-guard strings (public/_locales, keys guard_*): Japanese first, English by browser language. */
export function guardText(lang: Lang, key: string, ...subs: string[]): string {
  return t(lang, key, ...subs);
}
