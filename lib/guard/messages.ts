/**
 * Strings for code that runs in EVERY frame (the always-on content script): the browser's own
 * i18n (public/_locales, Japanese by default, English for English browsers) instead of
 * lib/ui/i18n, whose bundled catalogues (~47 KB) would be parsed on every page load.
 * The lazily injected UI (lib/guard/ui) may use lib/ui/i18n freely.
 */
export function message(key: string, ...subs: string[]): string {
  try {
    const g = globalThis as { chrome?: { i18n?: { getMessage(k: string, s?: string[]): string } } };
    return g.chrome?.i18n?.getMessage(key, subs) || key;
  } catch {
    return key;
  }
}
