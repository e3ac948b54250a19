import { detectLang, langFrom, type Lang } from './i18n';

/**
 * Language of an extension page: the browser's, unless the page URL says `?lang=en|ja`
 * (used by the screenshot tooling and by people who want the other language).
 * Also sets <html lang> so screen readers pronounce the text correctly.
 */
export function pageLang(): Lang {
  const q = new URLSearchParams(location.search).get('lang');
  const lang = q === 'ja' || q === 'en' ? langFrom(q) : detectLang();
  document.documentElement.lang = lang;
  return lang;
}
